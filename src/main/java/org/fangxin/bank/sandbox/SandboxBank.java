package org.fangxin.bank.sandbox;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangxin.bank.BankDocument;
import org.fangxin.bank.BankInstructionView;
import org.fangxin.bank.BankPort;
import org.fangxin.bank.FileReceipt;
import org.fangxin.bank.InstructionState;
import org.fangxin.bank.InstructionStatus;
import org.fangxin.bank.PayoutInstruction;
import org.fangxin.bank.custodian.CustodianBanks;
import org.fangxin.bank.format.PaymentStatusReport;
import org.fangxin.bank.format.TransferStatus;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.PageRequest;
import org.fangxin.shared.Shards;
import org.fangxin.shared.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A custodian bank that lives in our database (the bank's side, tables {@code bank.sandbox_*}), one instance per
 * registered custodian bank: each keeps its own instructions, files, accounts, bookings, documents and settings (column
 * {@code bank_code}). The methods without a bank are the DEFAULT bank's ({@link BankPort} as before);
 * {@link SandboxAdapters} hands out the instance of any bank.
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
    private final SandboxStatements statements;
    private final SandboxFiles files;
    private final CustodianBanks custodianBanks;
    private final IdGenerator ids;
    private final Clock clock;
    private final Shards shards;
    private final String closedAccountSuffix;
    private final long defaultFeeMinor;

    SandboxBank(SandboxRepository repository, SandboxBooks books, SandboxStatements statements, SandboxFiles files,
                CustodianBanks custodianBanks, IdGenerator ids, Clock clock, Shards shards,
                @Value("${fangxin.bank.sandbox.closed-account-suffix:0000}") String closedAccountSuffix,
                @Value("${fangxin.bank.sandbox.fee-minor:0}") long defaultFeeMinor) {
        this.repository = repository;
        this.books = books;
        this.statements = statements;
        this.files = files;
        this.custodianBanks = custodianBanks;
        this.ids = ids;
        this.clock = clock;
        this.shards = shards;
        this.closedAccountSuffix = closedAccountSuffix;
        this.defaultFeeMinor = defaultFeeMinor;
    }

    // ------------------------------------------------------------------ single instructions

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public InstructionStatus submit(PayoutInstruction instruction) {
        return submit(CustodianBanks.DEFAULT, instruction);
    }

    /** {@link #submit(PayoutInstruction)} at the given bank's instance. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public InstructionStatus submit(String bank, PayoutInstruction instruction) {
        repository.insertIfAbsent(bank, instruction, clock.instant());
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
        return status(CustodianBanks.DEFAULT, endToEndId);
    }

    /** What the bank's instance says about an instruction; empty when that bank never received it. */
    @Transactional(readOnly = true)
    public Optional<InstructionStatus> status(String bank, String endToEndId) {
        return repository.find(bank, endToEndId).map(SandboxBank::status);
    }

    // ------------------------------------------------------------------ files

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public FileReceipt receiveFile(String messageId, byte[] content, String sha256Hex) {
        return receiveFile(CustodianBanks.DEFAULT, messageId, content, sha256Hex);
    }

    /** {@link #receiveFile(String, byte[], String)} at the given bank's instance. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public FileReceipt receiveFile(String bank, String messageId, byte[] content, String sha256Hex) {
        return files.receiveFile(bank, messageId, content, sha256Hex);
    }

    /** The bank's documents after a sequence number, oldest first. */
    @Override
    @Transactional(readOnly = true)
    public List<BankDocument> documentsAfter(long sequence, int limit) {
        return documentsAfter(CustodianBanks.DEFAULT, sequence, limit);
    }

    /** The given bank's documents after a sequence number, oldest first. */
    @Transactional(readOnly = true)
    public List<BankDocument> documentsAfter(String bank, long sequence, int limit) {
        return books.documentsAfter(bank, sequence, Math.min(Math.max(limit, 1), DOCUMENTS_MAX));
    }

    // ------------------------------------------------------------------ execution

    /**
     * The processing of every bank's instance: each executes its accepted instructions due today (see
     * {@link #process(String)}).
     *
     * @return how many instructions were decided
     */
    @Transactional
    public int process() {
        int decided = 0;
        for (String bank : repository.banksWithPending(LocalDate.ofInstant(clock.instant(), BANK_ZONE))) {
            decided += process(bank);
        }
        return decided;
    }

    /**
     * One bank's processing: executes its accepted instructions due today (oldest first, at most
     * {@value #PROCESS_BATCH_MAX}). Rows are claimed with {@code skip locked}, so two instances never execute one twice.
     *
     * @return how many instructions were decided
     */
    @Transactional
    public int process(String bank) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, BANK_ZONE);
        List<SandboxRepository.Pending> pending = repository.lockPending(bank, PROCESS_BATCH_MAX, today);
        if (pending.isEmpty()) {
            return 0;
        }
        SandboxRepository.Control control = repository.lockControl(bank);
        Execution run = new Execution(bank, control, today, now);
        Map<String, List<PaymentStatusReport.TransactionStatus>> reports = new LinkedHashMap<>();
        for (SandboxRepository.Pending item : pending) {
            PaymentStatusReport.TransactionStatus status = execute(item.instruction(), run);
            if (item.messageId() != null) {
                reports.computeIfAbsent(item.messageId(), k -> new ArrayList<>()).add(status);
            }
        }
        if (run.rejectNext != control.rejectNext()) {
            repository.setRejectNext(bank, run.rejectNext, control.rejectCode(), control.rejectText());
        }
        reports.forEach((messageId, statuses) -> reportExecution(bank, messageId, statuses, now));
        log.info("sandbox bank {} decided {} payout instruction(s)", bank, pending.size());
        return pending.size();
    }

    /** One processing run: the control row's settings and how many returns on demand are still to come. */
    private final class Execution {
        final String bank;
        final SandboxRepository.Control control;
        final LocalDate today;
        final Instant now;
        final long fee;
        int rejectNext;

        Execution(String bank, SandboxRepository.Control control, LocalDate today, Instant now) {
            this.bank = bank;
            this.control = control;
            this.today = today;
            this.now = now;
            this.fee = control.feeMinor() != null ? control.feeMinor() : defaultFeeMinor;
            this.rejectNext = control.rejectNext();
        }
    }

    /** Debits the instruction, then returns it (closed account, or a return on demand) or books it with its fee. */
    private PaymentStatusReport.TransactionStatus execute(BankInstructionView instruction, Execution run) {
        String code = null;
        String text = null;
        if (instruction.creditorAccount().endsWith(closedAccountSuffix)) {
            code = CLOSED_ACCOUNT_CODE;
            text = CLOSED_ACCOUNT_TEXT;
        } else if (run.rejectNext > 0) {
            run.rejectNext--;
            code = run.control.rejectCode();
            text = run.control.rejectText();
        }
        String e2e = instruction.endToEndId();
        LocalDate today = run.today;
        boolean booksHere = books.account(instruction.debtorAccount()).isPresent();
        if (booksHere) {
            books.book(instruction.debtorAccount(), today, today, instruction.amount().negate(), e2e, "P" + e2e, "PAYOUT",
                    null, instruction.remittanceInformation());
        }
        if (code != null) {
            repository.decide(e2e, InstructionState.RETURNED, code, text, run.now);
            if (booksHere) {
                books.book(instruction.debtorAccount(), today, today, instruction.amount(), e2e, "R" + e2e, "RETURN", code,
                        "returned: " + text);
            }
        } else {
            repository.decide(e2e, InstructionState.CONFIRMED, null, null, run.now);
            if (booksHere && run.fee > 0 && CustodianBanks.DEFAULT.equals(run.bank)) {
                statements.chargeFee(new Money(run.fee, instruction.amount().currency()), today, e2e);
            }
        }
        return new PaymentStatusReport.TransactionStatus(e2e, code == null ? TransferStatus.ACSC : TransferStatus.RJCT,
                code, text);
    }

    /** The pain.002 of one file's executed instructions: ACSC, RJCT or PART. */
    private void reportExecution(String bank, String messageId, List<PaymentStatusReport.TransactionStatus> statuses, Instant now) {
        String name = "pain002-" + messageId + "-" + ids.next();
        boolean anyRejected = statuses.stream().anyMatch(s -> s.status() == TransferStatus.RJCT);
        boolean allRejected = statuses.stream().allMatch(s -> s.status() == TransferStatus.RJCT);
        statements.statusReport(bank, name, new PaymentStatusReport("EXEC" + ids.next().toString().replace("-", "").substring(0, 28), messageId,
                allRejected ? TransferStatus.RJCT : anyRejected ? TransferStatus.PART : TransferStatus.ACSC, statuses), now);
    }

    /** Test and demo hook: the next {@code count} instructions the DEFAULT bank executes (not closed-account ones) are returned. */
    @Transactional
    public void rejectNext(int count, String reasonCode, String reasonText) {
        rejectNext(CustodianBanks.DEFAULT, count, reasonCode, reasonText);
    }

    /** {@link #rejectNext(int, String, String)} at the given bank's instance. */
    @Transactional
    public void rejectNext(String bank, int count, String reasonCode, String reasonText) {
        if (count < 0 || reasonCode == null || !reasonCode.matches("[A-Z0-9]{4}") || reasonText == null || reasonText.isBlank()) {
            throw new IllegalArgumentException("count >= 0, a 4-character ISO reason code and a text");
        }
        repository.lockControl(bank);
        repository.setRejectNext(bank, count, reasonCode, reasonText);
    }

    /** Sets the DEFAULT bank's value-date delay (business days) and fee per transfer (fen); null restores the configured value. */
    @Transactional
    public void configure(Integer valueDateDelayDays, Long feeMinor) {
        configure(CustodianBanks.DEFAULT, valueDateDelayDays, feeMinor);
    }

    /** {@link #configure(Integer, Long)} at the given bank's instance (only the DEFAULT bank charges fees). */
    @Transactional
    public void configure(String bank, Integer valueDateDelayDays, Long feeMinor) {
        if ((valueDateDelayDays != null && (valueDateDelayDays < 0 || valueDateDelayDays > 10)) || (feeMinor != null && feeMinor < 0)) {
            throw new IllegalArgumentException("delay 0..10 business days, fee >= 0");
        }
        repository.lockControl(bank);
        repository.configure(bank, valueDateDelayDays, feeMinor);
    }

    /**
     * Injects a fault into the next statement listing the booking: {@code target} is the booking's end-to-end id
     * (its payout debit) or its bank reference; {@code deltaMinor} is added to the amount for a typo.
     */
    @Transactional
    public void injectFault(Fault kind, String target, long deltaMinor) {
        books.insertFault(ids.next(), kind, target, deltaMinor);
    }

    // ------------------------------------------------------------------ accounts and statements

    /**
     * Opens the account (idempotent) at the instance of the bank the platform numbered it at (DEFAULT for an account
     * it does not know), with the ledger's balance of it now as the opening balance.
     */
    @Transactional
    public void openAccount(String accountNumber) {
        statements.openAccount(custodianBanks.bankOfAccount(accountNumber).orElse(CustodianBanks.DEFAULT), accountNumber);
    }

    /** The operating account number the bank charges fees to. */
    public String operatingAccount() {
        return statements.operatingAccount();
    }

    /**
     * Writes the DEFAULT bank's end-of-day camt.053 for {@code day} (once; again answers the first): mirrors outside
     * money into the accounts, then one statement per account with bookings that day, faults applied.
     *
     * @return the document's name
     */
    @Transactional
    public String endOfDay(LocalDate day) {
        return endOfDay(CustodianBanks.DEFAULT, day);
    }

    /** {@link #endOfDay(LocalDate)} of the given bank's instance: a statement of the accounts it keeps. */
    @Transactional
    public String endOfDay(String bank, LocalDate day) {
        return statements.endOfDay(bank, day);
    }

    /** Every registered bank's end of day (the job): one instance per bank. */
    @Transactional
    public List<String> endOfDayOfEveryBank(LocalDate day) {
        return custodianBanks.all().stream().map(b -> statements.endOfDay(b.code(), day)).toList();
    }

    // ------------------------------------------------------------------ reading

    /** The instructions every bank's instance received, newest first, optionally of one state; at most {@code size} (≤ 200). */
    @Transactional(readOnly = true)
    public List<BankInstructionView> instructions(InstructionState state, int page, int size) {
        return instructions(null, state, page, size);
    }

    /**
     * The instructions one bank received ({@code bank} null: every bank), newest first, optionally of one state. Each
     * shard keeps those its merchants' payouts sent (sharded profile): the page is cut from every shard's first rows.
     */
    @Transactional(readOnly = true)
    public List<BankInstructionView> instructions(String bank, InstructionState state, int page, int size) {
        PageRequest rows = PageRequest.of(page, size, SandboxRepository.PAGE_SIZE_MAX);
        return shards.page((offset, limit) -> instructionsHere(bank, state, offset, limit), NEWEST_FIRST, rows.offset(), rows.limit());
    }

    /** The order of {@link #instructions}: newest first, then by end-to-end id (descending). */
    public static final java.util.Comparator<BankInstructionView> NEWEST_FIRST = java.util.Comparator
            .comparing(BankInstructionView::receivedAt).thenComparing(BankInstructionView::endToEndId).reversed();

    /** {@link #instructions} of the shard this runs on only, by offset and limit. */
    @Transactional(readOnly = true)
    public List<BankInstructionView> instructionsHere(String bank, InstructionState state, int offset, int limit) {
        return repository.list(bank, state, offset, limit);
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

    private static InstructionStatus status(BankInstructionView held) {
        return new InstructionStatus(held.endToEndId(), held.state(), held.amount(), held.reasonCode(), held.reasonText(),
                held.receivedAt(), held.decidedAt());
    }

    static List<String> differences(BankInstructionView held, PayoutInstruction instruction) {
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
