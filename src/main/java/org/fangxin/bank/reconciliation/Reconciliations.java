package org.fangxin.bank.reconciliation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.bank.custodian.CustodianBanks;
import org.fangxin.bank.format.CsvMapping;
import org.fangxin.bank.reconciliation.domain.Reconciler;
import org.fangxin.bank.reconciliation.persistence.ReconciliationRepository;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.TransferId;
import org.fangxin.ledger.TransferView;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.PageRequest;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Daily reconciliation of the custodian bank's statements with the ledger's ESCROW entries: import a statement (the
 * same file once, all or nothing), match it with {@link Reconciler}, work each break to a second operator's approval,
 * and certify per day that the bank's closing balances equal the ledger's escrow balances. Operators do everything;
 * the bank reads certificates.
 */
@Service
@Transactional
public class Reconciliations {

    /**
     * The CSV layout accepted by upload: UTF-8, one header row, comma, dates {@code yyyy-MM-dd}, CNY, columns
     * {@code booking_date,value_date,account,amount,end_to_end_id,bank_reference,description} with the amount signed
     * (credit to the account positive) in yuan, e.g. {@code 2026-03-02,2026-03-02,FX0000000001,-2.50,,BK1,fee}.
     */
    public static final CsvMapping DEFAULT_CSV_MAPPING = CsvMapping.builder().bookingDate(1).valueDate(2).account(3).amount(4)
            .endToEndId(5).reference(6).description(7).build();
    public static final ProblemType MALFORMED_STATEMENT = new ProblemType("malformed-statement", 400);
    public static final ProblemType STATEMENT_ALREADY_IMPORTED = new ProblemType("statement-already-imported", 409);
    public static final ProblemType BREAK_STATE = new ProblemType("break-state", 409);
    public static final ProblemType APPROVER_IS_RESOLVER = new ProblemType("approver-is-resolver", 403);
    public static final ProblemType CORRECTION_INVALID = new ProblemType("correction-invalid", 422);
    /** Bounds: file size, days one statement may span, escrow entries read per account and window, rows per listing. */
    public static final int FILE_BYTES_MAX = 200 * 1024 * 1024;
    public static final int STATEMENT_DAYS_MAX = 31;
    public static final int MOVEMENTS_PER_ACCOUNT_MAX = 1_000_000;
    public static final int PAGE_SIZE_MAX = 200;
    public static final int OPEN_BREAKS_LISTED_MAX = 500;
    /** Matches and breaks listed with a run (its counts cover all): a 1,000,000-line run must not answer 1,000,000 rows. */
    public static final int RUN_ITEMS_LISTED_MAX = 1_000;
    public static final int EXPLANATION_LENGTH_MAX = 1_000;
    /** Who imported what the platform fetched or found itself (no user). */
    public static final UUID SYSTEM_IMPORTER = new UUID(0L, 0L);

    private final ReconciliationRepository repository;
    private final StatementImport statements;
    private final LedgerMirror mirror;
    private final CustodianBanks banks;
    private final Ledger ledger;
    private final AuditTrail audit;
    private final Clock clock;
    private final Shards shards;
    private final ReconciliationsOverShards kept;

    Reconciliations(ReconciliationRepository repository, StatementImport statements, LedgerMirror mirror,
                    CustodianBanks banks, Ledger ledger, AuditTrail audit, Clock clock, Shards shards, ReconciliationsOverShards kept) {
        this.repository = repository;
        this.statements = statements;
        this.mirror = mirror;
        this.banks = banks;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
        this.shards = shards;
        this.kept = kept;
    }

    public ZoneId bankZone() {
        return mirror.bankZone();
    }

    /** The end-to-end id the bank reports for a ledger transfer's posting key, if any (see {@link LedgerMirror}). */
    static String endToEndIdOf(String postingKey) {
        return LedgerMirror.endToEndIdOf(postingKey);
    }

    // ------------------------------------------------------------------ sub-accounts

    /**
     * The merchant's sub-account number, assigned when the merchant was approved (or by its first payout); 404 before.
     * Reading never assigns: a read that wrote would record a state change in the reader's name.
     */
    public SubAccountView subAccount(Actor actor, UUID merchantId) {
        requireOperator(actor);
        return kept.subAccount(merchantId).orElseThrow(() -> Rejection.notFound("sub-account of merchant " + merchantId));
    }

    /** Numbers the merchant's sub-accounts once (idempotent), in the caller's transaction; audited when new. */
    @Transactional
    public SubAccountView assignSubAccount(UUID merchantId, Instant now) {
        Optional<SubAccountView> existing = repository.findSubAccount(merchantId);
        if (existing.isPresent()) {
            return existing.get();
        }
        SubAccountView assigned = repository.assignSubAccount(merchantId, now);
        audit.record("bank.sub-account.assigned", "bank.custody_sub_account", merchantId, null, assigned);
        return assigned;
    }

    @Transactional(readOnly = true)
    public List<SubAccountView> subAccounts(Actor actor, int page, int size) {
        requireOperator(actor);
        PageRequest rows = PageRequest.of(page, size, PAGE_SIZE_MAX);
        return kept.subAccounts(rows.offset(), rows.limit());
    }

    // ------------------------------------------------------------------ import and match

    /**
     * Imports a statement file and reconciles it at once. Refused before anything is written when the file is
     * malformed (400 naming the line), was already imported (409 naming the first import) or spans too many days.
     */
    public RunDetail importStatement(Actor actor, StatementFormat format, byte[] file, String fileName) {
        return importStatement(actor, CustodianBanks.DEFAULT, format, file, fileName);
    }

    /**
     * Imports a statement of one custodian bank (404 for an unknown bank): it is reconciled against the ledger escrow
     * of that bank's merchants only, so a line for another bank's sub-account is a break of this bank's run.
     */
    public RunDetail importStatement(Actor actor, String bank, StatementFormat format, byte[] file, String fileName) {
        requireOperator(actor);
        return statements.importFile(actor.userId(), banks.existing(bank).code(), format, file, fileName);
    }

    /**
     * Imports a statement the platform received itself (fetched from the bank, or found in the watched folder), as
     * {@link #SYSTEM_IMPORTER}. Same checks and refusals as an operator's upload; a refusal writes nothing and leaves
     * the caller's transaction usable.
     */
    @Transactional(noRollbackFor = Rejection.class)
    public RunDetail importFromBank(StatementFormat format, byte[] file, String fileName) {
        return importFromBank(CustodianBanks.DEFAULT, format, file, fileName);
    }

    /** The same, for a statement of the given bank (its watched folder). */
    @Transactional(noRollbackFor = Rejection.class)
    public RunDetail importFromBank(String bank, StatementFormat format, byte[] file, String fileName) {
        return statements.importFile(SYSTEM_IMPORTER, bank, format, file, fileName);
    }

    @Transactional(readOnly = true)
    public List<RunView> runs(Actor actor, int page, int size) {
        requireOperator(actor);
        PageRequest rows = PageRequest.of(page, size, PAGE_SIZE_MAX);
        return kept.runs(rows.offset(), rows.limit());
    }

    @Transactional(readOnly = true)
    public RunDetail run(Actor actor, UUID runId) {
        requireOperator(actor);
        return kept.run(runId, RUN_ITEMS_LISTED_MAX).orElseThrow(() -> Rejection.notFound("reconciliation run " + runId));
    }

    @Transactional(readOnly = true)
    public List<BreakView> openBreaks(Actor actor) {
        requireOperator(actor);
        return kept.openBreaks(OPEN_BREAKS_LISTED_MAX);
    }

    @Transactional(readOnly = true)
    public BreakView breakOf(Actor actor, UUID breakId) {
        requireOperator(actor);
        return kept.findBreak(breakId).orElseThrow(() -> Rejection.notFound("break " + breakId));
    }

    // ------------------------------------------------------------------ break workflow

    /** OPEN or ASSIGNED → ASSIGNED to the given operator (the caller when null). */
    public BreakView assign(Actor actor, UUID breakId, UUID assignee) {
        requireOperator(actor);
        return kept.onShardOf(breakId, () -> {
            BreakView before = locked(breakId, BreakStatus.OPEN, BreakStatus.ASSIGNED);
            UUID to = assignee == null ? actor.userId() : assignee;
            repository.updateBreak(breakId, BreakStatus.ASSIGNED, to, null, null, null, null, clock.instant());
            return audited("reconciliation.break.assigned", before);
        });
    }

    /** ASSIGNED or EXPLAINED → EXPLAINED with why bank and ledger differ. */
    public BreakView explain(Actor actor, UUID breakId, String explanation) {
        requireOperator(actor);
        if (explanation == null || explanation.isBlank() || explanation.length() > EXPLANATION_LENGTH_MAX) {
            throw Rejection.invalid("explanation", "explanation must be 1.." + EXPLANATION_LENGTH_MAX + " characters");
        }
        return kept.onShardOf(breakId, () -> {
            BreakView before = locked(breakId, BreakStatus.ASSIGNED, BreakStatus.EXPLAINED);
            repository.updateBreak(breakId, BreakStatus.EXPLAINED, before.assignee(), explanation.strip(), null, null, null, clock.instant());
            return audited("reconciliation.break.explained", before);
        });
    }

    /**
     * EXPLAINED → RESOLVED, optionally naming the correcting ledger transfer the operator posted (through the
     * ledger's manual transfer); that transfer must exist and move the break's escrow sub-account.
     */
    public BreakView resolve(Actor actor, UUID breakId, UUID correctingTransferId) {
        requireOperator(actor);
        return kept.onShardOf(breakId, () -> {
            BreakView before = locked(breakId, BreakStatus.EXPLAINED);
            if (correctingTransferId != null) {
                requireCorrectionOf(before, correctingTransferId);
            }
            repository.updateBreak(breakId, BreakStatus.RESOLVED, before.assignee(), before.explanation(), actor.userId(),
                    correctingTransferId, null, clock.instant());
            return audited("reconciliation.break.resolved", before);
        });
    }

    /** RESOLVED → APPROVED by a second operator: the approver may not be the resolver (maker-checker). */
    public BreakView approve(Actor actor, UUID breakId) {
        requireOperator(actor);
        return kept.onShardOf(breakId, () -> {
            BreakView before = locked(breakId, BreakStatus.RESOLVED);
            if (actor.userId().equals(before.resolvedBy())) {
                throw new Rejection(APPROVER_IS_RESOLVER, "break " + breakId + " was resolved by you; another operator must approve it");
            }
            repository.updateBreak(breakId, BreakStatus.APPROVED, before.assignee(), before.explanation(), before.resolvedBy(),
                    before.correctingTransferId(), actor.userId(), clock.instant());
            return audited("reconciliation.break.approved", before);
        });
    }

    private BreakView locked(UUID breakId, BreakStatus... allowed) {
        BreakView current = repository.lockBreak(breakId).orElseThrow(() -> Rejection.notFound("break " + breakId));
        if (!List.of(allowed).contains(current.status())) {
            throw new Rejection(BREAK_STATE, "break " + breakId + " is " + current.status() + ", this step needs " + List.of(allowed),
                    Map.of("status", current.status().name()));
        }
        return current;
    }

    private void requireCorrectionOf(BreakView broken, UUID transferId) {
        TransferView transfer;
        try {
            transfer = ledger.transfer(new TransferId(transferId));
        } catch (Rejection e) {
            throw new Rejection(CORRECTION_INVALID, "ledger transfer " + transferId + " does not exist");
        }
        Optional<AccountView> escrow = repository.findSubAccount(broken.accountNumber())
                .flatMap(s -> ledger.findAccount(AccountType.ESCROW, s.merchantId(), broken.amount().currency()));
        boolean movesEscrow = escrow.isPresent() && transfer.entries().stream().anyMatch(e -> e.accountId().equals(escrow.get().id()));
        if (!movesEscrow) {
            throw new Rejection(CORRECTION_INVALID, "ledger transfer " + transferId + " does not move the escrow of sub-account "
                    + broken.accountNumber());
        }
    }

    private BreakView audited(String action, BreakView before) {
        BreakView after = repository.findBreak(before.id()).orElseThrow();
        audit.record(action, "bank.reconciliation_break", before.id(), before, after);
        return after;
    }

    // ------------------------------------------------------------------ certificate

    /** The day's certificate (see {@link CertificateView}); operators and the bank read it. */
    @Transactional(readOnly = true)
    public CertificateView certificate(Actor actor, LocalDate day) {
        return certificate(actor, day, null);
    }

    /**
     * The day's certificate of one bank: its statements against the ledger escrow of its merchants. A BANK user always
     * reads its own bank's (another bank named: 404); an operator names a bank or reads all banks together (null).
     */
    @Transactional(readOnly = true)
    public CertificateView certificate(Actor actor, LocalDate day, String bank) {
        if (!actor.is(Role.OPERATOR, Role.BANK)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators and the custodian bank read reconciliation certificates");
        }
        if (day == null) {
            throw Rejection.invalid("date", "date is required (yyyy-MM-dd)");
        }
        String scope = banks.scopeOf(actor).orElse(null);
        if (scope != null && bank != null && !scope.equals(bank)) {
            throw Rejection.notFound("custodian bank");
        }
        String which = scope != null ? scope : bank == null ? null : banks.existing(bank).code();
        return certificate(day, which);
    }

    /** Module-internal (bank portal, regulator view): the day's certificate over every bank, without an access check. */
    @Transactional(readOnly = true)
    public CertificateView certificate(LocalDate day) {
        return certificate(day, null);
    }

    /** Module-internal: the day's certificate of one bank (null: all banks), without an access check. */
    @Transactional(readOnly = true)
    public CertificateView certificate(LocalDate day, String bank) {
        // Postgres keeps microseconds: the last instant of the day is the next day's start less one microsecond.
        Instant endOfDay = day.plusDays(1).atStartOfDay(mirror.bankZone()).toInstant().minusNanos(1_000);
        List<CertificateView> parts = shards.each(() -> certificateHere(day, bank, endOfDay));
        return parts.size() == 1 ? parts.get(0) : combined(day, parts);
    }

    /**
     * Sharded (ADR 12 §6): each shard certifies the sub-accounts its merchants hold against its own ledger; the day is
     * GREEN when every shard's lines are and the totals over all shards agree.
     */
    private static CertificateView combined(LocalDate day, List<CertificateView> parts) {
        var lines = new ArrayList<CertificateView.AccountLine>();
        var openBreaks = new ArrayList<BreakView>();
        Money bankTotal = Money.zero(Money.CNY);
        Money ledgerTotal = Money.zero(Money.CNY);
        for (CertificateView part : parts) {
            lines.addAll(part.accounts());
            openBreaks.addAll(part.openBreaks());
            bankTotal = bankTotal.plus(part.bankTotal());
            ledgerTotal = ledgerTotal.plus(part.ledgerTotal());
        }
        boolean green = !lines.isEmpty() && bankTotal.equals(ledgerTotal)
                && lines.stream().allMatch(line -> line.status() == CertificateView.Status.GREEN);
        return new CertificateView(day, green ? CertificateView.Status.GREEN : CertificateView.Status.RED, bankTotal, ledgerTotal,
                lines, openBreaks.stream().limit(OPEN_BREAKS_LISTED_MAX).toList());
    }

    private CertificateView certificateHere(LocalDate day, String bank, Instant endOfDay) {
        var closing = repository.closingBalances(day, bank);
        List<String> accountNumbers = closing.stream().map(ReconciliationRepository.ClosingBalance::accountNumber).toList();
        List<BreakView> openBreaks = repository.openBreaks(accountNumbers, day, bank, OPEN_BREAKS_LISTED_MAX);
        var lines = new ArrayList<CertificateView.AccountLine>();
        Money bankTotal = Money.zero(Money.CNY);
        Money ledgerTotal = Money.zero(Money.CNY);
        boolean green = true;
        for (var balance : closing) {
            Optional<SubAccountView> subAccount = repository.findSubAccount(balance.accountNumber());
            boolean operating = mirror.isOperatingAccount(balance.accountNumber());
            Money ledgerEscrow = mirror.ledgerAccountOf(bank, balance.accountNumber(), balance.closing().currency())
                    .map(account -> ledger.balanceAsOf(account.id(), endOfDay)).orElse(Money.zero(balance.closing().currency()));
            int open = (int) openBreaks.stream().filter(b -> b.accountNumber().equals(balance.accountNumber())).count();
            boolean atThisBank = bank == null || banks.bankOfAccount(balance.accountNumber()).map(bank::equals).orElse(operating);
            boolean agrees = (subAccount.isPresent() || operating) && atThisBank && ledgerEscrow.equals(balance.closing()) && open == 0;
            green &= agrees;
            lines.add(new CertificateView.AccountLine(balance.accountNumber(), subAccount.map(SubAccountView::merchantId).orElse(null),
                    balance.closing(), ledgerEscrow, open, agrees ? CertificateView.Status.GREEN : CertificateView.Status.RED));
            // The totals compare escrow (the consumers' money); the operating account is certified on its own line.
            if (!operating && balance.closing().currency().equals(Money.CNY)) {
                bankTotal = bankTotal.plus(balance.closing());
                ledgerTotal = ledgerTotal.plus(ledgerEscrow);
            }
        }
        green &= !lines.isEmpty() && bankTotal.equals(ledgerTotal);
        return new CertificateView(day, green ? CertificateView.Status.GREEN : CertificateView.Status.RED, bankTotal, ledgerTotal,
                lines, openBreaks);
    }

    // ------------------------------------------------------------------ helpers

    /** 403 unless the actor is an operator; controllers call it before reading the body. */
    public static void requireOperator(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators reconcile bank statements");
        }
    }
}
