package org.fangxin.settlement;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.bank.BankAnswer;
import org.fangxin.bank.BankExchange;
import org.fangxin.bank.BankPort;
import org.fangxin.bank.FileReceipt;
import org.fangxin.bank.InstructionState;
import org.fangxin.bank.InstructionStatus;
import org.fangxin.bank.PayoutInstruction;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.notification.Notifications;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.LedgerPage;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.ledger.TransferView;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.merchant.SettlementAccount;
import org.fangxin.settlement.domain.Payout;
import org.fangxin.settlement.domain.PayoutDecision;
import org.fangxin.settlement.domain.SettlementCycle;
import org.fangxin.settlement.persistence.ApprovalRepository;
import org.fangxin.settlement.persistence.SettlementRepository;
import org.fangxin.settlement.persistence.SettlementRepository.MovedSince;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The settlement facade. A run for a settlement date pays every merchant whose cycle pays that day its payable as of
 * the cutoff, minus holds: each merchant in its own transaction (under a per-merchant lock), where the payout row and
 * its posting {@code payout:<id>} (Dr MERCHANT_PAYABLE / Cr MERCHANT_SETTLEMENT) commit together; the instruction goes
 * to the bank after commit and is resubmitted (idempotently, by end-to-end id) until the bank has it. The bank's
 * answer posts {@code payout-confirmed:<id>} (Dr MERCHANT_SETTLEMENT / Cr ESCROW) or, for a return, the reversal of the
 * payout transfer under key {@code payout-returned:<id>} (money back to payable).
 */
@Service
public class Settlements {

    public static final int PAGE_SIZE_MAX = SettlementRepository.PAGE_SIZE_MAX;
    /** Payouts whose bank status is collected (or submission retried) per call. */
    public static final int BANK_BATCH_MAX = 500;
    public static final ProblemType SETTLEMENT_DATE_IN_FUTURE = new ProblemType("settlement-date-in-future", 422);
    static final String AWAITING_APPROVAL_HOLD = "a payout of this merchant awaits dual-control approval";
    static final String RETURNED_ACCOUNT_HOLD = "the bank returned the last payout to this settlement account; "
            + "awaiting a corrected account";
    private static final Logger log = LoggerFactory.getLogger(Settlements.class);

    private final SettlementRepository repository;
    private final Ledger ledger;
    private final Merchants merchants;
    private final BankPort bank;
    private final BankExchange exchange;
    private final Users users;
    private final Notifications notifications;
    private final MessageSource messages;
    private final ObjectProvider<PayoutHolds> holds;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final ObjectProvider<SettlementCycles> merchantCycles;
    private final TransactionTemplate readOnly;
    private final ZoneId platformZone;
    private final Currency currency;
    private final DualControl dualControl;
    private final ApprovalRepository approvals;

    Settlements(SettlementRepository repository, Ledger ledger, Merchants merchants, BankPort bank, BankExchange exchange,
                Users users, Notifications notifications, MessageSource messages,
                ObjectProvider<PayoutHolds> holds, AuditTrail audit, IdGenerator ids, Clock clock,
                PlatformTransactionManager transactions,
                @Value("${fangxin.settlement.zone:Asia/Shanghai}") String platformZone,
                DualControl dualControl, ApprovalRepository approvals, ObjectProvider<SettlementCycles> merchantCycles) {
        this.merchantCycles = merchantCycles;
        this.dualControl = dualControl;
        this.approvals = approvals;
        this.repository = repository;
        this.ledger = ledger;
        this.merchants = merchants;
        this.bank = bank;
        this.exchange = exchange;
        this.users = users;
        this.notifications = notifications;
        this.messages = messages;
        this.holds = holds;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        // Each merchant settles in a transaction of its own, even when called inside another (idempotency key claim):
        // the instruction may only reach the bank after its payout and posting have committed.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.platformZone = ZoneId.of(platformZone);
        this.currency = Money.CNY;
    }

    // ------------------------------------------------------------------ runs

    /** OPERATOR: runs settlement for a date (today or earlier in the platform's zone); running it again pays nobody twice. */
    public RunView run(Actor actor, LocalDate settlementDate) {
        requireOperator(actor);
        if (settlementDate == null) {
            throw Rejection.invalid("settlementDate", "settlementDate is required");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), platformZone);
        if (settlementDate.isAfter(today)) {
            throw new Rejection(SETTLEMENT_DATE_IN_FUTURE, "settlement date " + settlementDate + " is after today ("
                    + today + ")", Map.of("field", "settlementDate"));
        }
        return settle(settlementDate, actor.username());
    }

    /** Today in the platform's zone: the latest date an operator may run settlement for. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), platformZone);
    }

    /** The job: today's run in the platform's zone (catches up everything unpaid, as the payable accumulates). */
    public RunView runDue() {
        return settle(LocalDate.ofInstant(clock.instant(), platformZone), "job");
    }

    /** OPERATOR: runs, newest settlement date first. */
    public List<RunView> runs(Actor actor, int page, int size) {
        requireOperator(actor);
        return readOnly.execute(status -> repository.runs(offset(page, size), limit(size)));
    }

    RunView settle(LocalDate settlementDate, String by) {
        UUID runId = ownTransaction.execute(status -> repository.startRun(ids.next(), settlementDate, clock.instant(), by));
        int page = 0;
        LedgerPage<AccountView> accounts;
        do {
            accounts = ledger.accounts(AccountType.MERCHANT_PAYABLE, null, page++, org.fangxin.ledger.Ledger.PAGE_SIZE_MAX);
            for (AccountView payable : accounts.items()) {
                if (payable.normalBalance().isPositive() && payable.normalBalance().currency().equals(currency)) {
                    settleMerchant(runId, payable.ownerId(), settlementDate, by);
                }
            }
        } while ((long) page * accounts.size() < accounts.totalItems());
        sendUnsubmitted();
        return repository.run(runId).orElseThrow();
    }

    /** Settles one merchant for a date in its own transaction; the run then sends the instructions in one file. */
    Optional<PayoutView> settleMerchant(UUID runId, UUID merchantId, LocalDate settlementDate, String by) {
        Optional<PayoutView> payout;
        try {
            payout = ownTransaction.execute(status -> decideAndRecord(runId, merchantId, settlementDate, by));
        } catch (Rejection rejection) {
            // e.g. the payable moved under us (clawback): nothing was written; the next run tries again.
            log.warn("settlement of merchant {} for {} refused: {}", merchantId, settlementDate, rejection.getMessage());
            return Optional.empty();
        }
        return payout.flatMap(p -> repository.payout(p.id()));
    }

    private Optional<PayoutView> decideAndRecord(UUID runId, UUID merchantId, LocalDate settlementDate, String by) {
        repository.lockMerchant(merchantId);
        Optional<PayoutView> existing = repository.payoutFor(merchantId, settlementDate, currency);
        if (existing.isPresent()) {
            return existing;
        }
        Optional<MerchantView> found = merchants.find(merchantId);
        if (found.isEmpty()) {
            log.warn("payable account of unknown merchant {} is not settled", merchantId);
            return Optional.empty();
        }
        MerchantView merchant = found.get();
        Instant now = clock.instant();
        Optional<Instant> cutoff = cycleOf(merchant).cutoff(settlementDate, merchant.zone())
                .filter(instant -> !instant.isAfter(now));
        if (cutoff.isEmpty()) {
            return Optional.empty();
        }
        AccountView payable = ledger.open(AccountType.MERCHANT_PAYABLE, merchantId, currency);
        // balanceAsOf includes entries posted at the instant given; the cutoff is exclusive (timestamps are in µs).
        Money atCutoff = ledger.balanceAsOf(payable.id(), cutoff.get().minus(1, ChronoUnit.MICROS));
        MovedSince moved = repository.movedSince(merchantId, currency, cutoff.get());
        Money due = PayoutDecision.due(atCutoff, new Money(moved.instructedMinor(), currency),
                new Money(moved.returnedMinor(), currency), ledger.balance(payable.id()));
        Optional<SettlementAccount> account = merchants.settlementAccount(merchantId);
        Optional<String> holdReason = holdReason(merchant, account);
        if (holdReason.isEmpty() && approvals.awaitingFor(merchantId)) {
            // Its payable still contains the payout awaiting approval: paying now would pay that money twice.
            holdReason = Optional.of(AWAITING_APPROVAL_HOLD);
        }
        PayoutDecision decision = PayoutDecision.decide(due, heldFor(merchantId), holdReason);
        UUID payoutId = ids.next();
        return switch (decision.kind()) {
            case NOTHING -> Optional.empty();
            case HOLD -> {
                repository.insert(new SettlementRepository.NewPayout(payoutId, runId, merchantId, settlementDate,
                        Money.zero(currency), decision.held(), decision.holdReason(), PayoutStatus.HELD, cutoff.get(),
                        null, null, null, null, now, null));
                yield record("settlement.payout.held", payoutId);
            }
            case PAY -> {
                if (dualControl.requiresApproval(decision.pay())) {
                    // Dual control: proposed only; nothing is posted until approved (PayoutApprovals).
                    repository.insert(new SettlementRepository.NewPayout(payoutId, runId, merchantId, settlementDate,
                            decision.pay(), decision.held(), decision.holdReason(), PayoutStatus.AWAITING_APPROVAL,
                            cutoff.get(), endToEndId(payoutId), account.get().accountName(), account.get().bankName(),
                            account.get().accountNumber(), now, null));
                    approvals.setProposedBy(payoutId, by);
                    yield record("settlement.payout.awaiting-approval", payoutId);
                }
                Payout.instructed(payoutId, decision.pay());
                AccountView settlement = ledger.open(AccountType.MERCHANT_SETTLEMENT, merchantId, currency);
                TransferView posted = ledger.post(NewTransfer.of("payout:" + payoutId,
                        "payout to merchant " + merchantId + " for " + settlementDate,
                        EntryLine.debit(payable.id(), decision.pay()), EntryLine.credit(settlement.id(), decision.pay())));
                repository.insert(new SettlementRepository.NewPayout(payoutId, runId, merchantId, settlementDate,
                        decision.pay(), decision.held(), decision.holdReason(), PayoutStatus.INSTRUCTED, cutoff.get(),
                        endToEndId(payoutId), account.get().accountName(), account.get().bankName(),
                        account.get().accountNumber(), now, posted.postedAt()));
                yield record("settlement.payout.instructed", payoutId);
            }
        };
    }

    private Optional<PayoutView> record(String action, UUID payoutId) {
        PayoutView payout = repository.payout(payoutId).orElseThrow();
        audit.record(action, "settlement.payout", payoutId, null, payout);
        return Optional.of(payout);
    }

    /** Why this merchant gets nothing today, whatever it earned; empty when it may be paid. */
    private Optional<String> holdReason(MerchantView merchant, Optional<SettlementAccount> account) {
        if (merchant.status() != MerchantStatus.ACTIVE) {
            return Optional.of("merchant is " + merchant.status());
        }
        if (account.isEmpty()) {
            return Optional.of("no settlement account");
        }
        // Any return from the current account holds, not only the latest payout's: with a value-date delay the next
        // run may have instructed again before the bank returned the previous payout.
        return repository.latestReturnedTo(merchant.id(), currency, account.get().accountNumber())
                .map(last -> RETURNED_ACCOUNT_HOLD + " (" + last.returnCode() + ")");
    }

    /** Why an approved payout of this amount may not be instructed now (merchant on hold, value withheld); empty if it may. */
    Optional<String> reasonNotToInstruct(UUID merchantId, Money amount) {
        MerchantView merchant = merchants.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        Optional<String> hold = holdReason(merchant, merchants.settlementAccount(merchantId));
        if (hold.isPresent()) {
            return hold;
        }
        Money payable = balance(AccountType.MERCHANT_PAYABLE, merchantId);
        Money free = payable.minus(heldFor(merchantId));
        return free.compareTo(amount) < 0 ? Optional.of("only " + free.format() + " of the payable is free to pay") : Optional.empty();
    }

    private Money heldFor(UUID merchantId) {
        Money total = Money.zero(currency);
        for (PayoutHolds source : holds.orderedStream().toList()) {
            Money held = source.heldFor(merchantId, currency);
            if (held != null && held.isPositive()) {
                total = total.plus(held);
            }
        }
        return total;
    }

    static String endToEndId(UUID payoutId) {
        return "FX" + payoutId.toString().replace("-", "");
    }

    // ------------------------------------------------------------------ the bank

    /**
     * The job: sends the instructions the bank has not acknowledged (one pain.001 file), collects the status of those
     * it has, then applies the bank's documents (pain.002 status reports, camt.053 statements, in the bank's order) and
     * hands each statement on to reconciliation after its confirmations are booked.
     */
    public int exchangeWithBank() {
        sendUnsubmitted();
        int applied = 0;
        for (PayoutView payout : repository.instructed(true, BANK_BATCH_MAX)) {
            Optional<InstructionStatus> status = bank.status(payout.endToEndId());
            if (status.isEmpty()) {
                log.warn("bank does not know payout {} ({}); it will be submitted again", payout.id(), payout.endToEndId());
                ownTransaction.executeWithoutResult(s -> repository.markUnsubmitted(payout.id()));
            } else if (status.get().state().isFinal()) {
                try {
                    ownTransaction.executeWithoutResult(s -> apply(payout.id(), status.get()));
                    applied++;
                } catch (RuntimeException e) {
                    // One payout whose answer cannot be booked (e.g. its escrow is short) must not stop the others;
                    // it stays INSTRUCTED, is retried on the next exchange and shows on the operator's page.
                    log.error("applying the bank's answer to payout {} failed; left for the operator: {}", payout.id(), e.toString());
                }
            }
        }
        return applied + applyBankDocuments();
    }

    /**
     * Sends a payout that dual control has just released, with any other unsubmitted instruction, instead of waiting
     * for the next exchange.
     */
    void sendNow() {
        sendUnsubmitted();
    }

    /** Sends every unsubmitted instruction in one file (idempotent: a filed instruction goes again in its own file). */
    private void sendUnsubmitted() {
        List<PayoutView> unsubmitted = repository.instructed(false, BANK_BATCH_MAX);
        if (unsubmitted.isEmpty()) {
            return;
        }
        var byEndToEndId = new java.util.HashMap<String, PayoutView>();
        var instructions = new java.util.ArrayList<PayoutInstruction>();
        try {
            for (PayoutView payout : unsubmitted) {
                byEndToEndId.put(payout.endToEndId(), payout);
                instructions.add(new PayoutInstruction(payout.endToEndId(), exchange.subAccountOf(payout.merchantId()),
                        payout.creditorName(), payout.creditorBank(), payout.creditorAccount(), payout.amount(),
                        "Fangxin settlement " + payout.settlementDate()));
            }
            for (FileReceipt receipt : exchange.sendPayouts(instructions, today())) {
                for (String endToEndId : exchange.endToEndIdsOf(receipt.messageId())) {
                    PayoutView payout = byEndToEndId.get(endToEndId);
                    if (payout != null) {
                        ownTransaction.executeWithoutResult(s -> repository.markSubmitted(payout.id(), clock.instant()));
                    }
                }
            }
        } catch (RuntimeException e) {
            // The payouts and their postings stand; the next exchange sends again (idempotent by file and end-to-end id).
            log.warn("sending {} payout(s) to the bank failed, will retry: {}", unsubmitted.size(), e.toString());
        }
    }

    /**
     * Applies what the bank's documents say about payouts: booked → confirmed, rejected or returned → returned. The same
     * fact in a pain.002 and a camt.053 is applied once ({@link #apply} is idempotent); then the document is completed
     * (fees booked, statement reconciled).
     */
    private int applyBankDocuments() {
        int applied = 0;
        try {
            exchange.fetchDocuments();
        } catch (RuntimeException e) {
            log.warn("fetching the bank's documents failed, will retry: {}", e.toString());
            return 0;
        }
        // One page per exchange: a document another instance is completing stays listed until it is done.
        for (BankExchange.InboundDocument document : exchange.unprocessedDocuments(BankExchange.FETCH_BATCH)) {
            for (BankAnswer answer : exchange.answersIn(document)) {
                if (answer.outcome() == BankAnswer.Outcome.ACCEPTED) {
                    continue;
                }
                Optional<PayoutView> payout = repository.payoutByEndToEndId(answer.endToEndId());
                if (payout.isEmpty() || payout.get().status() != PayoutStatus.INSTRUCTED) {
                    continue;
                }
                Instant now = clock.instant();
                InstructionStatus status = new InstructionStatus(answer.endToEndId(),
                        answer.outcome() == BankAnswer.Outcome.BOOKED ? InstructionState.CONFIRMED : InstructionState.RETURNED,
                        payout.get().amount(), answer.reasonCode() == null && answer.outcome().isFailure() ? "NARR" : answer.reasonCode(),
                        answer.reasonText(), now, now);
                try {
                    ownTransaction.executeWithoutResult(s -> apply(payout.get().id(), status));
                    applied++;
                } catch (RuntimeException e) {
                    log.error("applying {} from {} to payout {} failed; left for the operator: {}", answer.outcome(),
                            document.name(), payout.get().id(), e.toString());
                }
            }
            exchange.complete(document);
        }
        return applied;
    }

    /** Applies a final bank answer to a payout (idempotent: an answer already applied changes nothing). */
    private void apply(UUID payoutId, InstructionStatus answer) {
        PayoutView row = repository.lockPayout(payoutId).orElseThrow();
        Payout payout = new Payout(row.id(), row.status(), row.amount(), row.confirmedAt(), row.returnedAt(),
                row.returnCode(), row.returnReason());
        PayoutStatus outcome = answer.state() == InstructionState.CONFIRMED ? PayoutStatus.CONFIRMED : PayoutStatus.RETURNED;
        if (!payout.needs(outcome)) {
            return;
        }
        if (outcome == PayoutStatus.CONFIRMED) {
            AccountView settlement = ledger.open(AccountType.MERCHANT_SETTLEMENT, row.merchantId(), currency);
            AccountView escrow = ledger.open(AccountType.ESCROW, row.merchantId(), currency);
            TransferView posted = ledger.post(NewTransfer.of("payout-confirmed:" + payoutId,
                    "bank confirmed payout " + row.endToEndId(),
                    EntryLine.debit(settlement.id(), row.amount()), EntryLine.credit(escrow.id(), row.amount())));
            payout.confirm(posted.postedAt());
            repository.markConfirmed(payoutId, posted.postedAt());
        } else {
            TransferView original = ledger.findTransfer("payout:" + payoutId).orElseThrow();
            TransferView reversal = ledger.reverse(original.id(), "payout-returned:" + payoutId,
                    "bank returned payout " + row.endToEndId() + " (" + answer.reasonCode() + ")");
            payout.returned(answer.reasonCode(), answer.reasonText(), reversal.postedAt());
            repository.markReturned(payoutId, answer.reasonCode(), answer.reasonText(), reversal.postedAt());
            askForCorrectedAccount(row, answer);
        }
        audit.record("settlement.payout." + outcome.name().toLowerCase(), "settlement.payout", payoutId, row,
                repository.payout(payoutId).orElseThrow());
    }

    /** Tells the merchant's owners the payout came back and asks for a corrected settlement account (once per payout). */
    private void askForCorrectedAccount(PayoutView payout, InstructionStatus answer) {
        Locale locale = Locale.SIMPLIFIED_CHINESE;
        String subject = messages.getMessage("settlement.notify.returned.subject", null, locale);
        String body = messages.getMessage("settlement.notify.returned.body", new Object[] {payout.amount().format(),
                String.valueOf(payout.settlementDate()), answer.reasonCode(), answer.reasonText() == null ? "" : answer.reasonText()}, locale);
        for (UserAccount user : users.ofMerchant(payout.merchantId())) {
            if (user.is(Role.MERCHANT_OWNER)) {
                notifications.send(user.id(), subject, body, "payout-returned:" + payout.id() + ":" + user.id());
            }
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * Payouts newest first. OPERATOR: all, optionally of one merchant; merchant owner or staff: their own merchant
     * only (another merchant's id answers 404); everyone else 403.
     */
    public List<PayoutView> payouts(Actor actor, UUID merchantId, PayoutStatus status, int page, int size) {
        UUID scope;
        if (actor.is(Role.OPERATOR)) {
            scope = merchantId;
        } else if (actor.role().isMerchantSide()) {
            if (merchantId != null && !actor.worksFor(merchantId)) {
                throw Rejection.notFound("merchant");
            }
            scope = actor.merchantId();
        } else {
            throw forbidden();
        }
        return readOnly.execute(s -> repository.payouts(scope, status, offset(page, size), limit(size)));
    }

    /** Merchant owner or staff: their merchant's money from the ledger and the next payout estimate. */
    public SettlementSummary summary(Actor actor) {
        if (!actor.role().isMerchantSide()) {
            throw forbidden();
        }
        MerchantView merchant = merchants.find(actor.merchantId()).orElseThrow(() -> Rejection.notFound("merchant"));
        CycleView cycle = cycleView(merchant);
        Money payable = balance(AccountType.MERCHANT_PAYABLE, merchant.id());
        Money held = heldFor(merchant.id()).min(payable);
        Optional<String> holdReason = holdReason(merchant, merchants.settlementAccount(merchant.id()));
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, merchant.zone());
        SettlementCycle domainCycle = cycleOf(merchant);
        LocalDate next = domainCycle.nextSettlementDate(today);
        if (next.equals(today) && repository.payoutFor(merchant.id(), today, currency).isPresent()) {
            next = domainCycle.nextSettlementDate(today.plusDays(1));
        }
        Money estimate = holdReason.isPresent() ? Money.zero(currency) : payable.minus(held);
        return new SettlementSummary(merchant.id(), payable, balance(AccountType.MERCHANT_SETTLEMENT, merchant.id()),
                balance(AccountType.ESCROW, merchant.id()), balance(AccountType.MERCHANT_ADVANCE, merchant.id()),
                holdReason.isPresent() ? payable : held, next, estimate, holdReason.orElse(null), cycle);
    }

    private Money balance(AccountType type, UUID merchantId) {
        return ledger.findAccount(type, merchantId, currency).map(AccountView::normalBalance).orElse(Money.zero(currency));
    }

    // ------------------------------------------------------------------ cycles

    /** OPERATOR: every sector's cycle. */
    public List<CycleView> cycles(Actor actor) {
        requireOperator(actor);
        return readOnly.execute(s -> repository.cycles());
    }

    /** OPERATOR: changes a sector's cycle (WEEKLY needs a business weekday, DAILY none); audited. */
    public CycleView changeCycle(Actor actor, Sector sector, SettlementFrequency frequency, DayOfWeek payoutDay) {
        requireOperator(actor);
        if (sector == null || frequency == null) {
            throw Rejection.invalid(sector == null ? "sector" : "frequency", "sector and frequency are required");
        }
        SettlementCycle cycle;
        try {
            cycle = new SettlementCycle(frequency, payoutDay);
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("payoutDay", e.getMessage());
        }
        return ownTransaction.execute(s -> {
            CycleView before = repository.cycle(sector).orElse(null);
            repository.upsertCycle(sector, cycle.frequency(), cycle.payoutDay(), clock.instant(), actor.username());
            CycleView after = repository.cycle(sector).orElseThrow();
            audit.record("settlement.cycle.changed", "settlement.cycle", sector, before, after);
            return after;
        });
    }

    private CycleView cycleView(Sector sector) {
        return repository.cycle(sector).orElse(new CycleView(sector, SettlementFrequency.DAILY, null, null, null));
    }

    /** The merchant's own cycle (set by another module, e.g. risk by tier), else its sector's. */
    private CycleView cycleView(MerchantView merchant) {
        CycleView sector = cycleView(merchant.sector());
        return merchantCycles.orderedStream().map(source -> source.cycleFor(merchant.id())).flatMap(Optional::stream)
                .findFirst().map(c -> new CycleView(merchant.sector(), c.frequency(), c.payoutDay(), null, "risk"))
                .orElse(sector);
    }

    private SettlementCycle cycleOf(MerchantView merchant) {
        CycleView view = cycleView(merchant);
        return new SettlementCycle(view.frequency(), view.payoutDay());
    }

    // ------------------------------------------------------------------ helpers

    private static void requireOperator(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw forbidden();
        }
    }

    private static Rejection forbidden() {
        return new Rejection(ProblemType.FORBIDDEN, "this role may not do that in settlement");
    }

    private static int limit(int size) {
        return Math.min(Math.max(size, 1), PAGE_SIZE_MAX);
    }

    private static int offset(int page, int size) {
        if (page < 0) {
            throw Rejection.invalid("page", "page counts from 0");
        }
        return Math.multiplyExact(page, limit(size));
    }
}
