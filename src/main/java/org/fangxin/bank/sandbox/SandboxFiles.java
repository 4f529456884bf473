package org.fangxin.bank.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import org.fangxin.bank.BankInstructionView;
import org.fangxin.bank.BankPort;
import org.fangxin.bank.FileReceipt;
import org.fangxin.bank.InstructionState;
import org.fangxin.bank.PayoutInstruction;
import org.fangxin.bank.format.CreditTransferInstruction;
import org.fangxin.bank.format.MalformedBankFile;
import org.fangxin.bank.format.Pain001Reader;
import org.fangxin.bank.format.PaymentBatch;
import org.fangxin.bank.format.PaymentStatusReport;
import org.fangxin.bank.format.TransferStatus;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The sandbox bank's file intake (see {@link SandboxBank}): a pain.001 is taken once per message id, each transaction
 * accepted for its execution date or rejected at once, and a receipt pain.002 written; in the caller's transaction.
 */
@Component
class SandboxFiles {

    private static final Logger log = LoggerFactory.getLogger(SandboxFiles.class);

    private final SandboxRepository repository;
    private final SandboxBooks books;
    private final SandboxStatements statements;
    private final Clock clock;
    private final String wrongAccountSuffix;
    private final int defaultDelayDays;

    SandboxFiles(SandboxRepository repository, SandboxBooks books, SandboxStatements statements, Clock clock,
                 @Value("${fangxin.bank.sandbox.wrong-account-suffix:99999}") String wrongAccountSuffix,
                 @Value("${fangxin.bank.sandbox.value-date-delay-days:0}") int defaultDelayDays) {
        this.repository = repository;
        this.books = books;
        this.statements = statements;
        this.clock = clock;
        this.wrongAccountSuffix = wrongAccountSuffix;
        this.defaultDelayDays = defaultDelayDays;
    }

    FileReceipt receiveFile(String bank, String messageId, byte[] content, String sha256Hex) {
        if (content == null || content.length == 0 || sha256Hex == null || !Sha256.hex(content).equals(sha256Hex)) {
            throw new Rejection(BankPort.FILE_CHECKSUM_MISMATCH, "the SHA-256 sent with file " + messageId + " does not match its bytes");
        }
        Optional<FileReceipt> first = books.file(messageId);
        if (first.isPresent()) {
            return replay(first.get(), messageId, sha256Hex);
        }
        PaymentBatch batch = read(messageId, content);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, SandboxBank.BANK_ZONE);
        LocalDate execution = SandboxBank.executionDate(today, delayDays(bank));
        var statuses = new ArrayList<PaymentStatusReport.TransactionStatus>();
        int rejected = 0;
        for (CreditTransferInstruction tx : batch.instructions()) {
            PaymentStatusReport.TransactionStatus status = accept(bank, tx, messageId, now, execution);
            rejected += status.status() == TransferStatus.RJCT ? 1 : 0;
            statuses.add(status);
            statements.openIfCustody(bank, tx.debtorAccount());
        }
        int count = batch.instructions().size();
        FileReceipt receipt = new FileReceipt(messageId, sha256Hex, count, count - rejected, rejected, now, false);
        if (!books.insertFile(bank, receipt)) {
            // A concurrent delivery of the same id committed first (our instruction inserts waited for it and did
            // nothing): answer its receipt, or refuse if it was another file.
            return replay(books.file(messageId).orElseThrow(), messageId, sha256Hex);
        }
        TransferStatus group = rejected == 0 ? TransferStatus.ACCP : rejected == count ? TransferStatus.RJCT : TransferStatus.PART;
        statements.statusReport(bank, "pain002-" + messageId + "-receipt", new PaymentStatusReport(
                "RCPT" + messageId.substring(Math.max(0, messageId.length() - 31)), messageId, group, statuses), now);
        log.info("sandbox bank received file {}: {} accepted, {} rejected", messageId, count - rejected, rejected);
        return receipt;
    }

    /** The pain.001's transactions; a file that does not parse or names another message id is malformed. */
    private static PaymentBatch read(String messageId, byte[] content) {
        PaymentBatch batch;
        try {
            batch = new Pain001Reader().read(content);
        } catch (MalformedBankFile e) {
            throw new Rejection(BankPort.FILE_MALFORMED, e.getMessage(), Map.of("line", e.lineNumber()));
        }
        if (!batch.messageId().equals(messageId)) {
            throw new Rejection(BankPort.FILE_MALFORMED, "the file's message id " + batch.messageId() + " is not " + messageId);
        }
        return batch;
    }

    private FileReceipt replay(FileReceipt first, String messageId, String sha256Hex) {
        if (!first.sha256Hex().equals(sha256Hex)) {
            throw new Rejection(BankPort.MESSAGE_ID_REUSED, "message id " + messageId + " was already used for another file",
                    Map.of("messageId", messageId));
        }
        return first;
    }

    private PaymentStatusReport.TransactionStatus accept(String bank, CreditTransferInstruction tx, String messageId, Instant now,
                                                         LocalDate execution) {
        String id = tx.endToEndId();
        if (tx.creditorAccount().endsWith(wrongAccountSuffix)) {
            return rejectAtReceipt(bank, tx, messageId, now, SandboxBank.WRONG_ACCOUNT_CODE, SandboxBank.WRONG_ACCOUNT_TEXT);
        }
        PayoutInstruction instruction;
        try {
            instruction = new PayoutInstruction(id, tx.debtorAccount(), tx.creditorName(),
                    tx.creditorBankName() == null || tx.creditorBankName().isBlank() ? "UNKNOWN" : tx.creditorBankName(),
                    tx.creditorAccount(), tx.amount(), tx.remittanceInfo() == null || tx.remittanceInfo().isBlank() ? id : tx.remittanceInfo());
        } catch (IllegalArgumentException e) {
            return new PaymentStatusReport.TransactionStatus(id, TransferStatus.RJCT, SandboxBank.WRONG_ACCOUNT_CODE, e.getMessage());
        }
        if (!repository.insertIfAbsent(bank, instruction, now, messageId, execution)) {
            BankInstructionView held = repository.find(id).orElseThrow();
            if (!SandboxBank.differences(held, instruction).isEmpty()) {
                return new PaymentStatusReport.TransactionStatus(id, TransferStatus.RJCT, SandboxBank.DUPLICATE_CODE,
                        "end-to-end id already used for another instruction");
            }
        }
        return new PaymentStatusReport.TransactionStatus(id, TransferStatus.ACCP, null, "");
    }

    private PaymentStatusReport.TransactionStatus rejectAtReceipt(String bank, CreditTransferInstruction tx, String messageId, Instant now,
                                                                  String code, String text) {
        try {
            PayoutInstruction instruction = new PayoutInstruction(tx.endToEndId(), tx.debtorAccount(), tx.creditorName(),
                    tx.creditorBankName() == null || tx.creditorBankName().isBlank() ? "UNKNOWN" : tx.creditorBankName(),
                    tx.creditorAccount(), tx.amount(), tx.remittanceInfo() == null || tx.remittanceInfo().isBlank() ? tx.endToEndId() : tx.remittanceInfo());
            if (repository.insertIfAbsent(bank, instruction, now, messageId, LocalDate.ofInstant(now, SandboxBank.BANK_ZONE))) {
                repository.decide(tx.endToEndId(), InstructionState.RETURNED, code, text, now);
            }
        } catch (IllegalArgumentException e) {
            // not even storable: the pain.002 alone says why
        }
        return new PaymentStatusReport.TransactionStatus(tx.endToEndId(), TransferStatus.RJCT, code, text);
    }

    private int delayDays(String bank) {
        Integer configured = repository.control(bank).valueDateDelayDays();
        return configured != null ? configured : defaultDelayDays;
    }
}
