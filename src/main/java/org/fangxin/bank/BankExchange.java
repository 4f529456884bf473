package org.fangxin.bank;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fangxin.bank.custodian.CustodianBanks;
import org.fangxin.bank.exchange.ExchangeRepository;
import org.fangxin.bank.format.BankStatement;
import org.fangxin.bank.format.Camt053Reader;
import org.fangxin.bank.format.CreditTransferInstruction;
import org.fangxin.bank.format.InstructionFile;
import org.fangxin.bank.format.Pain001Writer;
import org.fangxin.bank.format.Pain002Reader;
import org.fangxin.bank.format.PaymentBatch;
import org.fangxin.bank.format.PaymentStatusReport;
import org.fangxin.bank.format.TransferStatus;
import org.fangxin.bank.reconciliation.Reconciliations;
import org.fangxin.bank.reconciliation.StatementFormat;
import org.fangxin.bank.reconciliation.domain.StatementLine;
import org.fangxin.bank.reconciliation.persistence.ReconciliationRepository;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform's file exchange with the custodian banks, each through its own adapter ({@link BankAdapters}).
 *
 * <p>Out: {@link #sendPayouts} writes the instructions as one pain.001 file (unique end-to-end id per payout, kept
 * with its exact bytes and SHA-256) and delivers it with its checksum through {@link BankPort#receiveFile}. An
 * instruction already in a file is never put in another: its file is delivered again, which the bank answers
 * idempotently by message id.
 *
 * <p>In: {@link #fetchDocuments} stores the bank's new documents; for each unprocessed one the caller reads
 * {@link #answersIn} (pain.002 statuses and camt.053 bookings and returns, by end-to-end id), applies them, then calls
 * {@link #complete}: for a camt.053 that books the bank's fees ({@code bank-fee:<bank reference>}, Dr BANK_FEES /
 * Cr PLATFORM_OPERATING_CASH) and imports the statement into reconciliation, after the caller's confirmations, so
 * the ledger movements are there to be matched.
 */
@Service
public class BankExchange {

    public static final int FETCH_BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(BankExchange.class);
    private static final Pattern RETURN_REASON = Pattern.compile("return reason ([A-Z0-9]{4})");

    private final BankAdapters banks;
    private final ExchangeRepository repository;
    private final ReconciliationRepository subAccounts;
    private final Reconciliations reconciliations;
    private final CustodianBanks custodianBanks;
    private final Ledger ledger;
    private final IdGenerator ids;
    private final Clock clock;
    private final Shards shards;
    private final TransactionTemplate ownTransaction;
    private final String operatingAccount;
    private final String initiatingParty;

    BankExchange(BankAdapters banks, ExchangeRepository repository, ReconciliationRepository subAccounts, Reconciliations reconciliations,
                 CustodianBanks custodianBanks, Ledger ledger, IdGenerator ids, Clock clock, PlatformTransactionManager transactions,
                 Shards shards, @Value("${fangxin.bank.operating-account:FXOPERATING0001}") String operatingAccount,
                 @Value("${fangxin.bank.initiating-party:Fangxin Platform}") String initiatingParty) {
        this.banks = banks;
        this.repository = repository;
        this.subAccounts = subAccounts;
        this.reconciliations = reconciliations;
        this.custodianBanks = custodianBanks;
        this.ledger = ledger;
        this.ids = ids;
        this.clock = clock;
        this.shards = shards;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.operatingAccount = operatingAccount;
        this.initiatingParty = initiatingParty;
    }

    /** The merchant's custody sub-account number (assigned on first use): the account its payouts debit. */
    public String subAccountOf(UUID merchantId) {
        return subAccounts.findSubAccount(merchantId)
                .orElseGet(() -> ownTransaction.execute(s -> reconciliations.assignSubAccount(merchantId, clock.instant())))
                .accountNumber();
    }

    /** The platform's operating account at the bank (fees are charged to it). */
    public String operatingAccount() {
        return operatingAccount;
    }

    // ------------------------------------------------------------------ out

    /**
     * Sends the instructions in pain.001 files, one or more per custodian bank (the bank holding the debited
     * sub-account), each to that bank's adapter, and answers the receipts of every file delivered; an instruction
     * already filed goes again in its first file. A delivery that fails is logged and left for the next call (its file
     * is kept); the receipts name the files the banks acknowledged.
     */
    public List<FileReceipt> sendPayouts(List<PayoutInstruction> instructions, LocalDate executionDate) {
        if (instructions.isEmpty()) {
            return List.of();
        }
        Set<String> messageIds = new LinkedHashSet<>();
        Map<String, List<PayoutInstruction>> freshByBank = new TreeMap<>();
        for (PayoutInstruction instruction : instructions) {
            Optional<String> filed = repository.fileOf(instruction.endToEndId());
            if (filed.isPresent()) {
                messageIds.add(filed.get());
            } else {
                freshByBank.computeIfAbsent(bankOf(instruction), k -> new ArrayList<>()).add(instruction);
            }
        }
        freshByBank.forEach((bank, fresh) -> {
            for (int from = 0; from < fresh.size(); from += PaymentBatch.INSTRUCTIONS_MAX) {
                List<PayoutInstruction> chunk = fresh.subList(from, Math.min(fresh.size(), from + PaymentBatch.INSTRUCTIONS_MAX));
                messageIds.add(ownTransaction.execute(s -> writeFile(bank, chunk, executionDate)));
            }
        });
        var receipts = new ArrayList<FileReceipt>();
        for (String messageId : messageIds) {
            ExchangeRepository.StoredFile file = repository.file(messageId);
            try {
                FileReceipt receipt = banks.of(file.bank()).receiveFile(file.messageId(), file.content(), file.sha256());
                ownTransaction.executeWithoutResult(s -> repository.delivered(messageId, receipt.acceptedCount(),
                        receipt.rejectedCount(), clock.instant()));
                receipts.add(receipt);
            } catch (RuntimeException e) {
                log.warn("delivering instruction file {} failed, will retry: {}", messageId, e.toString());
            }
        }
        return receipts;
    }

    /** The bank holding the debited sub-account (an account the platform did not number: the DEFAULT bank). */
    private String bankOf(PayoutInstruction instruction) {
        return custodianBanks.bankOfAccount(instruction.debtorAccount()).orElse(CustodianBanks.DEFAULT);
    }

    /**
     * What the bank that received the instruction says about it (the bank of the file it went in; an instruction in no
     * file was handed over singly to the DEFAULT bank); empty when that bank does not know it.
     */
    public Optional<InstructionStatus> status(String endToEndId) {
        String bank = repository.fileOf(endToEndId).map(m -> repository.file(m).bank()).orElse(CustodianBanks.DEFAULT);
        return banks.of(bank).status(endToEndId);
    }

    /** The end-to-end ids a file carried. */
    public List<String> endToEndIdsOf(String messageId) {
        return repository.itemsOf(messageId);
    }

    private String writeFile(String bank, List<PayoutInstruction> instructions, LocalDate executionDate) {
        String messageId = "FXF" + ids.next().toString().replace("-", "");
        var transfers = instructions.stream().map(i -> new CreditTransferInstruction(i.endToEndId(), i.debtorAccount(),
                i.creditorName(), i.creditorAccount(), i.creditorBank(), i.amount(), executionDate,
                i.remittanceInformation())).toList();
        InstructionFile file = new Pain001Writer().write(new PaymentBatch(messageId, clock.instant(), initiatingParty, transfers));
        repository.insertFile(bank, file, instructions.stream().map(PayoutInstruction::endToEndId).toList(), clock.instant());
        log.info("instruction file {} for custodian bank {} written: {}", messageId, bank, file);
        return messageId;
    }

    // ------------------------------------------------------------------ in

    /** Stores the documents every custodian bank produced since the last fetch from it; answers how many were new. */
    public int fetchDocuments() {
        int fetched = 0;
        for (var custodian : custodianBanks.all()) {
            fetched += fetchDocuments(custodian.code());
        }
        return fetched;
    }

    private int fetchDocuments(String bank) {
        int fetched = 0;
        List<BankDocument> page;
        do {
            long last = repository.lastFetchedSequence(bank);
            page = banks.of(bank).documentsAfter(last, FETCH_BATCH);
            List<BankDocument> documents = page;
            ownTransaction.executeWithoutResult(s -> documents.forEach(d -> repository.insertInbound(bank, d, clock.instant())));
            fetched += page.size();
        } while (page.size() == FETCH_BATCH);
        return fetched;
    }

    /** A fetched document waiting to be applied, with the custodian bank that produced it. */
    public record InboundDocument(String bank, long sequence, BankDocument.Kind kind, String name) { }

    public List<InboundDocument> unprocessedDocuments(int limit) {
        return repository.unprocessed(Math.min(Math.max(limit, 1), FETCH_BATCH)).stream()
                .map(d -> new InboundDocument(d.bank(), d.sequence(), d.kind(), d.name())).toList();
    }

    /** What the document says about instructions, by end-to-end id (a malformed document says nothing). */
    public List<BankAnswer> answersIn(InboundDocument document) {
        ExchangeRepository.Inbound inbound = repository.unprocessed(FETCH_BATCH).stream()
                .filter(d -> d.sequence() == document.sequence() && d.bank().equals(document.bank())).findFirst().orElse(null);
        if (inbound == null) {
            return List.of();
        }
        try {
            return document.kind() == BankDocument.Kind.PAIN002 ? pain002Answers(inbound) : camt053Answers(inbound);
        } catch (RuntimeException e) {
            log.error("bank document {} cannot be read: {}", document.name(), e.toString());
            return List.of();
        }
    }

    private List<BankAnswer> pain002Answers(ExchangeRepository.Inbound inbound) {
        PaymentStatusReport report = new Pain002Reader().read(inbound.content());
        var answers = new ArrayList<BankAnswer>();
        for (PaymentStatusReport.TransactionStatus tx : report.transactions()) {
            BankAnswer.Outcome outcome = tx.status().isRejected() ? BankAnswer.Outcome.REJECTED
                    : tx.status().isSettled() ? BankAnswer.Outcome.BOOKED : BankAnswer.Outcome.ACCEPTED;
            answers.add(new BankAnswer(tx.endToEndId(), outcome, tx.reasonCode(), tx.reasonText(), inbound.name()));
        }
        return answers;
    }

    private List<BankAnswer> camt053Answers(ExchangeRepository.Inbound inbound) {
        List<StatementLine> lines = new Camt053Reader(reconciliations.bankZone()).read(inbound.content()).stream()
                .flatMap(s -> s.lines().stream()).toList();
        Set<String> returned = new HashSet<>();
        var answers = new ArrayList<BankAnswer>();
        for (StatementLine line : lines) {
            Matcher reason = RETURN_REASON.matcher(line.description());
            if (line.endToEndId() != null && line.signedAmount().isPositive() && reason.find() && returned.add(line.endToEndId())) {
                answers.add(new BankAnswer(line.endToEndId(), BankAnswer.Outcome.RETURNED, reason.group(1), line.description(),
                        inbound.name()));
            }
        }
        Set<String> booked = new HashSet<>();
        for (StatementLine line : lines) {
            if (line.endToEndId() != null && line.signedAmount().isNegative() && !returned.contains(line.endToEndId())
                    && booked.add(line.endToEndId())) {
                answers.add(new BankAnswer(line.endToEndId(), BankAnswer.Outcome.BOOKED, null, null, inbound.name()));
            }
        }
        return answers;
    }

    /**
     * Finishes a document after its answers were applied: a camt.053's fee lines are booked and the statement is
     * imported into reconciliation as its bank's (once; the import's SHA-256 check refuses a second time). Marked processed with
     * what happened, so a document is never worked twice.
     */
    public String complete(InboundDocument document) {
        try {
            return ownTransaction.execute(s -> {
                Optional<ExchangeRepository.Inbound> locked = repository.lockUnprocessed(document.bank(), document.sequence());
                if (locked.isEmpty()) {
                    return "already processed";
                }
                String outcome = document.kind() == BankDocument.Kind.CAMT053 ? importStatement(locked.get()) : "status report applied";
                repository.processed(document.bank(), document.sequence(), outcome, clock.instant());
                return outcome;
            });
        } catch (RuntimeException e) {
            log.error("bank document {} could not be completed: {}", document.name(), e.toString());
            String outcome = "FAILED: " + e.getMessage();
            ownTransaction.executeWithoutResult(s -> repository.processed(document.bank(), document.sequence(), outcome, clock.instant()));
            return outcome;
        }
    }

    private String importStatement(ExchangeRepository.Inbound inbound) {
        List<BankStatement> statements = new Camt053Reader(reconciliations.bankZone()).read(inbound.content());
        // The operating account's ledger side is the directory shard's (sharded profile, ADR 12 §8c); with one database, here.
        int fees = shards.each(() -> shards.current() == 0 ? bookFees(statements) : 0).stream().mapToInt(Integer::intValue).sum();
        try {
            var run = reconciliations.importFromBank(inbound.bank(), StatementFormat.CAMT053, inbound.content(), inbound.name());
            return "imported as run " + run.run().id() + " (" + run.run().matchCount() + " matched, " + run.run().breakCount()
                    + " breaks), " + fees + " fee(s) booked";
        } catch (Rejection e) {
            return "not imported: " + e.getMessage() + "; " + fees + " fee(s) booked";
        }
    }

    private int bookFees(List<BankStatement> statements) {
        int fees = 0;
        for (BankStatement statement : statements) {
            if (!statement.accountNumber().equals(operatingAccount)) {
                continue;
            }
            for (StatementLine line : statement.lines()) {
                if (isFee(line)) {
                    fees += bookFee(line) ? 1 : 0;
                }
            }
        }
        return fees;
    }

    /** A bank charge: a debit on the operating account without end-to-end id, written with the CHRG text. */
    public static boolean isFee(StatementLine line) {
        return line.signedAmount().isNegative() && line.endToEndId() == null && line.description().startsWith("CHRG");
    }

    private boolean bookFee(StatementLine line) {
        String reference = line.bankReference().isBlank() ? line.lineId() : line.bankReference();
        Money fee = line.signedAmount().negate();
        var fees = ledger.open(AccountType.BANK_FEES, null, fee.currency());
        var cash = ledger.open(AccountType.PLATFORM_OPERATING_CASH, null, fee.currency());
        try {
            ledger.post(NewTransfer.of("bank-fee:" + reference, "bank fee " + line.description(),
                    EntryLine.debit(fees.id(), fee), EntryLine.credit(cash.id(), fee)));
            return true;
        } catch (Rejection e) {
            // e.g. operating cash short: the line stays a BANK_ONLY break for an operator
            log.warn("bank fee {} not booked: {}", reference, e.getMessage());
            return false;
        }
    }

    /** For pages and tests: when the exchange last fetched. */
    public Instant now() {
        return clock.instant();
    }
}
