package org.fangxin.bank.sandbox;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.bank.BankDocument;
import org.fangxin.bank.BankInstructionView;
import org.fangxin.bank.BankPort;
import org.fangxin.bank.FileReceipt;
import org.fangxin.bank.InstructionState;
import org.fangxin.bank.InstructionStatus;
import org.fangxin.bank.PayoutInstruction;
import org.fangxin.bank.format.BankReferences;
import org.fangxin.bank.format.Camt053Writer;
import org.fangxin.bank.format.CreditTransferInstruction;
import org.fangxin.bank.format.MalformedBankFile;
import org.fangxin.bank.format.Pain001Reader;
import org.fangxin.bank.format.Pain002Writer;
import org.fangxin.bank.format.PaymentBatch;
import org.fangxin.bank.format.PaymentStatusReport;
import org.fangxin.bank.format.TransferStatus;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.PostedEntry;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A custodian bank that lives in our database (the bank's side, tables {@code bank.sandbox_*}).
 *
 * <ul>
 * <li><b>Files.</b> {@link #receiveFile} takes a pain.001 with its SHA-256; the message id makes re-sending idempotent.
 *     Each transaction is accepted, or rejected at once (partial batch failure): a creditor account ending in the
 *     wrong-account suffix (default {@code 99999}, AC01), an end-to-end id already used for other content (AM05). The
 *     answer is a pain.002 (group status ACCP, PART or RJCT).</li>
 * <li><b>Execution.</b> {@link #process} executes accepted instructions on their execution date: the received day
 *     plus the value-date delay in business days (Mon–Fri; 0 = the same day). An account ending in the closed suffix
 *     (default {@code 0000}, AC04) or one of the next {@link #rejectNext} instructions is debited and returned by the
 *     beneficiary's bank the same day; every other one is booked, and a fee per transfer (if configured) is charged to
 *     the platform's operating account as its own booking. A pain.002 reports ACSC or RJCT per file.</li>
 * <li><b>Statements.</b> {@link #endOfDay} writes one camt.053 per day with a statement for every account that moved
 *     that day. Money the bank sees from elsewhere (payment-provider settlements into escrow, refunds paid out,
 *     deposits) is mirrored from the ledger's entries of the account, except what this bank itself books (payout
 *     confirmations, bank fees) and the platform's manual corrections. Faults can be injected per booking: a duplicated
 *     line, a missing line, an amount typo; the balances stay true.</li>
 * </ul>
 * Accounts are opened at the bank with their ledger balance at that moment: explicitly ({@link #openAccount}) or when
 * a file first debits a known custody sub-account.
 */
@Service
public class SandboxBank implements BankPort {

    public static final String CLOSED_ACCOUNT_CODE = "AC04";
    public static final String CLOSED_ACCOUNT_TEXT = "Account closed (sandbox: account number ends in the closed suffix)";
    public static final String WRONG_ACCOUNT_CODE = "AC01";
    public static final String WRONG_ACCOUNT_TEXT = "Incorrect account number (sandbox: account number ends in the wrong-account suffix)";
    public static final String DUPLICATE_CODE = "AM05";
    public static final String FEE_TEXT_PREFIX = "CHRG";
    static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");
    static final int PROCESS_BATCH_MAX = 500;
    static final int DOCUMENTS_MAX = 500;
    private static final Logger log = LoggerFactory.getLogger(SandboxBank.class);

    /** Statement faults a test or demo can inject. */
    public enum Fault { DUPLICATE_LINE, MISSING_LINE, AMOUNT_TYPO }

    private final SandboxRepository repository;
    private final SandboxBooks books;
    private final Ledger ledger;
    private final IdGenerator ids;
    private final Clock clock;
    private final String closedAccountSuffix;
    private final String wrongAccountSuffix;
    private final int defaultDelayDays;
    private final long defaultFeeMinor;
    private final String operatingAccount;

    SandboxBank(SandboxRepository repository, SandboxBooks books, Ledger ledger, IdGenerator ids, Clock clock,
                @Value("${fangxin.bank.sandbox.closed-account-suffix:0000}") String closedAccountSuffix,
                @Value("${fangxin.bank.sandbox.wrong-account-suffix:99999}") String wrongAccountSuffix,
                @Value("${fangxin.bank.sandbox.value-date-delay-days:0}") int defaultDelayDays,
                @Value("${fangxin.bank.sandbox.fee-minor:0}") long defaultFeeMinor,
                @Value("${fangxin.bank.operating-account:FXOPERATING0001}") String operatingAccount) {
        this.repository = repository;
        this.books = books;
        this.ledger = ledger;
        this.ids = ids;
        this.clock = clock;
        this.closedAccountSuffix = closedAccountSuffix;
        this.wrongAccountSuffix = wrongAccountSuffix;
        this.defaultDelayDays = defaultDelayDays;
        this.defaultFeeMinor = defaultFeeMinor;
        this.operatingAccount = operatingAccount;
    }

    // ------------------------------------------------------------------ single instructions

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public InstructionStatus submit(PayoutInstruction instruction) {
        repository.insertIfAbsent(instruction, clock.instant());
        BankInstructionView held = repository.find(instruction.endToEndId()).orElseThrow();
        List<String> differences = differences(held, instruction);
        if (!differences.isEmpty()) {
            throw new Rejection(END_TO_END_ID_REUSED, "end-to-end id " + instruction.endToEndId()
                    + " was already used for another instruction: " + String.join("; ", differences),
                    Map.of("endToEndId", instruction.endToEndId(), "difference", String.join("; ", differences)));
        }
        return status(held);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<InstructionStatus> status(String endToEndId) {
        return repository.find(endToEndId).map(SandboxBank::status);
    }

    // ------------------------------------------------------------------ files

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public FileReceipt receiveFile(String messageId, byte[] content, String sha256Hex) {
        if (content == null || content.length == 0 || sha256Hex == null || !Sha256.hex(content).equals(sha256Hex)) {
            throw new Rejection(FILE_CHECKSUM_MISMATCH, "the SHA-256 sent with file " + messageId + " does not match its bytes");
        }
        Optional<FileReceipt> first = books.file(messageId);
        if (first.isPresent()) {
            return replay(first.get(), messageId, sha256Hex);
        }
        PaymentBatch batch;
        try {
            batch = new Pain001Reader().read(content);
        } catch (MalformedBankFile e) {
            throw new Rejection(FILE_MALFORMED, e.getMessage(), Map.of("line", e.lineNumber()));
        }
        if (!batch.messageId().equals(messageId)) {
            throw new Rejection(FILE_MALFORMED, "the file's message id " + batch.messageId() + " is not " + messageId);
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, BANK_ZONE);
        LocalDate execution = executionDate(today, delayDays());
        var statuses = new ArrayList<PaymentStatusReport.TransactionStatus>();
        int rejected = 0;
        for (CreditTransferInstruction tx : batch.instructions()) {
            PaymentStatusReport.TransactionStatus status = accept(tx, messageId, now, execution);
            rejected += status.status() == TransferStatus.RJCT ? 1 : 0;
            statuses.add(status);
            openIfCustody(tx.debtorAccount(), now);
        }
        int count = batch.instructions().size();
        FileReceipt receipt = new FileReceipt(messageId, sha256Hex, count, count - rejected, rejected, now, false);
        if (!books.insertFile(receipt)) {
            // A concurrent delivery of the same id committed first (our instruction inserts waited for it and did
            // nothing): answer its receipt, or refuse if it was another file.
            return replay(books.file(messageId).orElseThrow(), messageId, sha256Hex);
        }
        TransferStatus group = rejected == 0 ? TransferStatus.ACCP : rejected == count ? TransferStatus.RJCT : TransferStatus.PART;
        document("pain002-" + messageId + "-receipt", new PaymentStatusReport("RCPT" + messageId.substring(Math.max(0, messageId.length() - 31)),
                messageId, group, statuses), now);
        log.info("sandbox bank received file {}: {} accepted, {} rejected", messageId, count - rejected, rejected);
        return receipt;
    }

    private FileReceipt replay(FileReceipt first, String messageId, String sha256Hex) {
        if (!first.sha256Hex().equals(sha256Hex)) {
            throw new Rejection(MESSAGE_ID_REUSED, "message id " + messageId + " was already used for another file",
                    Map.of("messageId", messageId));
        }
        return first;
    }

    private PaymentStatusReport.TransactionStatus accept(CreditTransferInstruction tx, String messageId, Instant now, LocalDate execution) {
        String id = tx.endToEndId();
        if (tx.creditorAccount().endsWith(wrongAccountSuffix)) {
            return rejectAtReceipt(tx, messageId, now, WRONG_ACCOUNT_CODE, WRONG_ACCOUNT_TEXT);
        }
        PayoutInstruction instruction;
        try {
            instruction = new PayoutInstruction(id, tx.debtorAccount(), tx.creditorName(),
                    tx.creditorBankName() == null || tx.creditorBankName().isBlank() ? "UNKNOWN" : tx.creditorBankName(),
                    tx.creditorAccount(), tx.amount(), tx.remittanceInfo() == null || tx.remittanceInfo().isBlank() ? id : tx.remittanceInfo());
        } catch (IllegalArgumentException e) {
            return new PaymentStatusReport.TransactionStatus(id, TransferStatus.RJCT, WRONG_ACCOUNT_CODE, e.getMessage());
        }
        if (!repository.insertIfAbsent(instruction, now, messageId, execution)) {
            BankInstructionView held = repository.find(id).orElseThrow();
            if (!differences(held, instruction).isEmpty()) {
                return new PaymentStatusReport.TransactionStatus(id, TransferStatus.RJCT, DUPLICATE_CODE,
                        "end-to-end id already used for another instruction");
            }
        }
        return new PaymentStatusReport.TransactionStatus(id, TransferStatus.ACCP, null, "");
    }

    private PaymentStatusReport.TransactionStatus rejectAtReceipt(CreditTransferInstruction tx, String messageId, Instant now,
                                                                  String code, String text) {
        try {
            PayoutInstruction instruction = new PayoutInstruction(tx.endToEndId(), tx.debtorAccount(), tx.creditorName(),
                    tx.creditorBankName() == null || tx.creditorBankName().isBlank() ? "UNKNOWN" : tx.creditorBankName(),
                    tx.creditorAccount(), tx.amount(), tx.remittanceInfo() == null || tx.remittanceInfo().isBlank() ? tx.endToEndId() : tx.remittanceInfo());
            if (repository.insertIfAbsent(instruction, now, messageId, LocalDate.ofInstant(now, BANK_ZONE))) {
                repository.decide(tx.endToEndId(), InstructionState.RETURNED, code, text, now);
            }
        } catch (IllegalArgumentException e) {
            // not even storable: the pain.002 alone says why
        }
        return new PaymentStatusReport.TransactionStatus(tx.endToEndId(), TransferStatus.RJCT, code, text);
    }

    /** The bank's documents after a sequence number, oldest first. */
    @Override
    @Transactional(readOnly = true)
    public List<BankDocument> documentsAfter(long sequence, int limit) {
        return books.documentsAfter(sequence, Math.min(Math.max(limit, 1), DOCUMENTS_MAX));
    }

    // ------------------------------------------------------------------ execution

    /**
     * The bank's processing: executes every accepted instruction due today (oldest first, at most
     * {@value #PROCESS_BATCH_MAX}). Rows are claimed with {@code skip locked}, so two instances never execute one twice.
     *
     * @return how many instructions were decided
     */
    @Transactional
    public int process() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, BANK_ZONE);
        List<SandboxRepository.Pending> pending = repository.lockPending(PROCESS_BATCH_MAX, today);
        if (pending.isEmpty()) {
            return 0;
        }
        SandboxRepository.Control control = repository.lockControl();
        int rejectNext = control.rejectNext();
        long fee = control.feeMinor() != null ? control.feeMinor() : defaultFeeMinor;
        Map<String, List<PaymentStatusReport.TransactionStatus>> reports = new LinkedHashMap<>();
        for (SandboxRepository.Pending item : pending) {
            BankInstructionView instruction = item.instruction();
            String code = null;
            String text = null;
            if (instruction.creditorAccount().endsWith(closedAccountSuffix)) {
                code = CLOSED_ACCOUNT_CODE;
                text = CLOSED_ACCOUNT_TEXT;
            } else if (rejectNext > 0) {
                rejectNext--;
                code = control.rejectCode();
                text = control.rejectText();
            }
            String e2e = instruction.endToEndId();
            boolean booksHere = books.account(instruction.debtorAccount()).isPresent();
            if (booksHere) {
                books.book(instruction.debtorAccount(), today, today, instruction.amount().negate(), e2e, "P" + e2e, "PAYOUT",
                        null, instruction.remittanceInformation());
            }
            if (code != null) {
                repository.decide(e2e, InstructionState.RETURNED, code, text, now);
                if (booksHere) {
                    books.book(instruction.debtorAccount(), today, today, instruction.amount(), e2e, "R" + e2e, "RETURN", code,
                            "returned: " + text);
                }
            } else {
                repository.decide(e2e, InstructionState.CONFIRMED, null, null, now);
                if (booksHere && fee > 0) {
                    openAccount(operatingAccount);
                    books.book(operatingAccount, today, today, new Money(-fee, instruction.amount().currency()), null, "C" + e2e,
                            "FEE", null, FEE_TEXT_PREFIX + " transfer fee " + e2e);
                }
            }
            if (item.messageId() != null) {
                reports.computeIfAbsent(item.messageId(), k -> new ArrayList<>()).add(new PaymentStatusReport.TransactionStatus(e2e,
                        code == null ? TransferStatus.ACSC : TransferStatus.RJCT, code, text));
            }
        }
        if (rejectNext != control.rejectNext()) {
            repository.setRejectNext(rejectNext, control.rejectCode(), control.rejectText());
        }
        for (var report : reports.entrySet()) {
            String name = "pain002-" + report.getKey() + "-" + ids.next();
            boolean anyRejected = report.getValue().stream().anyMatch(s -> s.status() == TransferStatus.RJCT);
            boolean allRejected = report.getValue().stream().allMatch(s -> s.status() == TransferStatus.RJCT);
            document(name, new PaymentStatusReport("EXEC" + ids.next().toString().replace("-", "").substring(0, 28), report.getKey(),
                    allRejected ? TransferStatus.RJCT : anyRejected ? TransferStatus.PART : TransferStatus.ACSC, report.getValue()), now);
        }
        log.info("sandbox bank decided {} payout instruction(s)", pending.size());
        return pending.size();
    }

    /** Test and demo hook: the next {@code count} instructions executed (not closed-account ones) are returned. */
    @Transactional
    public void rejectNext(int count, String reasonCode, String reasonText) {
        if (count < 0 || reasonCode == null || !reasonCode.matches("[A-Z0-9]{4}") || reasonText == null || reasonText.isBlank()) {
            throw new IllegalArgumentException("count >= 0, a 4-character ISO reason code and a text");
        }
        repository.lockControl();
        repository.setRejectNext(count, reasonCode, reasonText);
    }

    /** Sets the value-date delay (business days) and the fee per transfer (fen); null restores the configured value. */
    @Transactional
    public void configure(Integer valueDateDelayDays, Long feeMinor) {
        if ((valueDateDelayDays != null && (valueDateDelayDays < 0 || valueDateDelayDays > 10)) || (feeMinor != null && feeMinor < 0)) {
            throw new IllegalArgumentException("delay 0..10 business days, fee >= 0");
        }
        repository.lockControl();
        repository.configure(valueDateDelayDays, feeMinor);
    }

    /**
     * Injects a fault into the next statement listing the booking: {@code target} is the booking's end-to-end id
     * (a payout's debit, or a mirrored movement's {@code FT…} reference) or its bank reference; {@code deltaMinor} is added to the amount for a typo.
     */
    @Transactional
    public void injectFault(Fault kind, String target, long deltaMinor) {
        books.insertFault(ids.next(), kind, target, deltaMinor);
    }

    // ------------------------------------------------------------------ accounts and statements

    /** Opens the account at the bank (idempotent), with the ledger's balance of it now as the opening balance. */
    @Transactional
    public void openAccount(String accountNumber) {
        if (books.account(accountNumber).isPresent()) {
            return;
        }
        Instant now = clock.instant();
        Optional<AccountView> ledgerAccount = ledgerAccountOf(accountNumber);
        Money opening = ledgerAccount.map(a -> ledger.balanceAsOf(a.id(), now)).orElse(Money.zero(Money.CNY));
        books.openAccount(accountNumber, opening, now);
    }

    private void openIfCustody(String accountNumber, Instant now) {
        if (books.account(accountNumber).isEmpty() && books.merchantOfSubAccount(accountNumber).isPresent()) {
            openAccount(accountNumber);
        }
    }

    /** The operating account number the bank charges fees to. */
    public String operatingAccount() {
        return operatingAccount;
    }

    /**
     * Writes the end-of-day camt.053 for {@code day} (once; again answers the first): mirrors outside money into the
     * accounts, then one statement per account with bookings that day, faults applied.
     *
     * @return the document's name
     */
    @Transactional
    public String endOfDay(LocalDate day) {
        String name = "camt053-" + day;
        if (books.documentNamed(name).isPresent()) {
            return name;
        }
        Instant now = clock.instant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(BANK_ZONE).toInstant();
        Instant mirrorUntil = now.isBefore(dayEnd) ? now : dayEnd;
        List<SandboxBooks.Account> accounts = books.lockAccounts();
        for (SandboxBooks.Account account : accounts) {
            mirror(account, mirrorUntil);
        }
        Map<String, List<SandboxBooks.Booking>> byAccount = new LinkedHashMap<>();
        for (SandboxBooks.Booking booking : books.bookingsOn(day)) {
            byAccount.computeIfAbsent(booking.accountNumber(), k -> new ArrayList<>()).add(booking);
        }
        List<SandboxBooks.Fault> faults = books.pendingFaults();
        var statements = new ArrayList<Camt053Writer.AccountStatement>();
        for (var entry : byAccount.entrySet()) {
            String account = entry.getKey();
            SandboxBooks.Account held = books.account(account).orElseThrow();
            Money opening = held.opening().plus(new Money(books.bookedBefore(account, day), held.opening().currency()));
            Money closing = opening;
            var entries = new ArrayList<Camt053Writer.Entry>();
            for (SandboxBooks.Booking booking : entry.getValue()) {
                closing = closing.plus(booking.amount());
                Camt053Writer.Entry line = new Camt053Writer.Entry(booking.amount(), booking.bookingDate(), booking.valueDate(),
                        booking.endToEndId(), booking.reference(), booking.description(), booking.returnCode(),
                        "FEE".equals(booking.kind()));
                Optional<SandboxBooks.Fault> fault = faults.stream().filter(f -> targets(f, booking)).findFirst();
                if (fault.isEmpty()) {
                    entries.add(line);
                    continue;
                }
                faults.remove(fault.get());
                books.faultApplied(fault.get().id(), name);
                switch (fault.get().kind()) {
                    case DUPLICATE_LINE -> {
                        entries.add(line);
                        entries.add(line);
                    }
                    case MISSING_LINE -> { }
                    case AMOUNT_TYPO -> entries.add(new Camt053Writer.Entry(booking.amount().plus(new Money(fault.get().deltaMinor(),
                            booking.amount().currency())), line.bookingDate(), line.valueDate(), line.endToEndId(), line.reference(),
                            line.text(), line.returnCode(), line.fee()));
                }
            }
            statements.add(new Camt053Writer.AccountStatement(account + "-" + day, account, day, opening, closing, entries));
        }
        if (statements.isEmpty()) {
            return name; // nothing moved: no statement, and a later call may still write one
        }
        byte[] content = new Camt053Writer().write("STMT" + day.toString().replace("-", "") + ids.next().toString().replace("-", "").substring(0, 16),
                now, BANK_ZONE, statements);
        books.insertDocument(BankDocument.Kind.CAMT053, name, day, content, Sha256.hex(content), now);
        log.info("sandbox bank wrote statement {} ({} accounts)", name, statements.size());
        return name;
    }

    private static boolean targets(SandboxBooks.Fault fault, SandboxBooks.Booking booking) {
        return fault.reference().equals(booking.reference())
                || (("PAYOUT".equals(booking.kind()) || "MIRROR".equals(booking.kind())) && fault.reference().equals(booking.endToEndId()));
    }

    /** Books the account's ledger entries since the last mirror that came from outside this bank. */
    private void mirror(SandboxBooks.Account account, Instant until) {
        if (!until.isAfter(account.mirroredUntil())) {
            return;
        }
        Optional<AccountView> ledgerAccount = ledgerAccountOf(account.accountNumber());
        if (ledgerAccount.isPresent()) {
            Instant from = account.mirroredUntil().plus(1, ChronoUnit.MICROS);
            for (PostedEntry posted : ledger.entriesBetween(ledgerAccount.get().id(), from, until, Ledger.ENTRIES_BETWEEN_MAX)) {
                String key = posted.postingKey();
                if (key.startsWith("payout-confirmed:") || key.startsWith("bank-fee:") || key.startsWith("manual:")
                        || key.startsWith("manual-reversal:")) {
                    continue;
                }
                // The ledger's signed amount is debit-positive; on an asset account that is the bank's credit.
                LocalDate date = LocalDate.ofInstant(posted.entry().postedAt(), BANK_ZONE);
                books.book(account.accountNumber(), date, date, posted.entry().amount(),
                        BankReferences.of(key, posted.entry().transferId()),
                        "L" + posted.entry().id(), "MIRROR", null, key.length() > 140 ? key.substring(0, 140) : key);
            }
        }
        books.mirroredUntil(account.accountNumber(), until.minus(1, ChronoUnit.MICROS));
    }

    private Optional<AccountView> ledgerAccountOf(String accountNumber) {
        if (accountNumber.equals(operatingAccount)) {
            return Optional.of(ledger.open(AccountType.PLATFORM_OPERATING_CASH, null, Money.CNY));
        }
        return books.merchantOfSubAccount(accountNumber).flatMap(m -> ledger.findAccount(AccountType.ESCROW, m, Money.CNY));
    }

    // ------------------------------------------------------------------ reading

    /** The instructions the bank received, newest first, optionally of one state; at most {@code size} (≤ 200). */
    @Transactional(readOnly = true)
    public List<BankInstructionView> instructions(InstructionState state, int page, int size) {
        int limit = Math.min(Math.max(size, 1), SandboxRepository.PAGE_SIZE_MAX);
        if (page < 0) {
            throw Rejection.invalid("page", "page counts from 0");
        }
        return repository.list(state, Math.multiplyExact(page, limit), limit);
    }

    private int delayDays() {
        Integer configured = repository.control().valueDateDelayDays();
        return configured != null ? configured : defaultDelayDays;
    }

    /** The day plus n business days (Mon–Fri); 0 days is the day itself. */
    static LocalDate executionDate(LocalDate day, int businessDays) {
        LocalDate date = day;
        for (int i = 0; i < businessDays; ) {
            date = date.plusDays(1);
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                i++;
            }
        }
        return date;
    }

    private void document(String name, PaymentStatusReport report, Instant now) {
        byte[] content = new Pain002Writer().write(report, now);
        books.insertDocument(BankDocument.Kind.PAIN002, name, null, content, Sha256.hex(content), now);
    }

    private static InstructionStatus status(BankInstructionView held) {
        return new InstructionStatus(held.endToEndId(), held.state(), held.amount(), held.reasonCode(), held.reasonText(),
                held.receivedAt(), held.decidedAt());
    }

    private static List<String> differences(BankInstructionView held, PayoutInstruction instruction) {
        List<String> differences = new ArrayList<>();
        if (!held.amount().equals(instruction.amount())) {
            differences.add("amount " + held.amount() + " received, " + instruction.amount() + " sent");
        }
        if (!held.creditorAccount().equals(instruction.creditorAccount())) {
            differences.add("creditor account differs");
        }
        if (!held.debtorAccount().equals(instruction.debtorAccount())) {
            differences.add("debtor account differs");
        }
        return differences;
    }
}
