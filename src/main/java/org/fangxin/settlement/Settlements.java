package org.fangxin.settlement;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.settlement.domain.SettlementCycle;
import org.fangxin.settlement.persistence.SettlementRepository;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.PageRequest;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The settlement facade. A run for a settlement date pays every merchant whose cycle pays that day its payable as of
 * the cutoff, minus holds ({@link PayoutRun}); the instructions then go to the bank, whose answers confirm or return
 * the payouts ({@link PayoutExchange}). Cycles per sector ({@link SettlementCycles}), payouts and a merchant's summary
 * are read here.
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

    private final SettlementRepository repository;
    private final PayoutRun payoutRun;
    private final PayoutExchange bank;
    private final SettlementCycles cycles;
    private final Ledger ledger;
    private final Merchants merchants;
    private final Clock clock;
    private final TransactionTemplate readOnly;
    private final ZoneId platformZone;
    private final Currency currency = Money.CNY;

    /** The order of {@code SettlementRepository.payouts}: newest settlement date, then newest made. */
    private static final Comparator<PayoutView> NEWEST_FIRST = Comparator.comparing(PayoutView::settlementDate)
            .thenComparing(PayoutView::createdAt).thenComparing(PayoutView::id).reversed();
    private final Shards shards;

    Settlements(SettlementRepository repository, PayoutRun payoutRun, PayoutExchange bank, SettlementCycles cycles,
                Ledger ledger, Merchants merchants, Clock clock, PlatformTransactionManager transactions,
                @Value("${fangxin.settlement.zone:Asia/Shanghai}") String platformZone, Shards shards) {
        this.shards = shards;
        this.repository = repository;
        this.payoutRun = payoutRun;
        this.bank = bank;
        this.cycles = cycles;
        this.ledger = ledger;
        this.merchants = merchants;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.platformZone = ZoneId.of(platformZone);
    }

    // ------------------------------------------------------------------ runs

    /** OPERATOR: runs settlement for a date (today or earlier in the platform's zone); running it again pays nobody twice. */
    public RunView run(Actor actor, LocalDate settlementDate) {
        requireOperator(actor);
        if (settlementDate == null) {
            throw Rejection.invalid("settlementDate", "settlementDate is required");
        }
        LocalDate today = today();
        if (settlementDate.isAfter(today)) {
            throw new Rejection(SETTLEMENT_DATE_IN_FUTURE, "settlement date " + settlementDate + " is after today ("
                    + today + ")", Map.of("field", "settlementDate"));
        }
        return settleEveryShard(settlementDate, actor.username());
    }

    /** Today in the platform's zone: the latest date an operator may run settlement for. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), platformZone);
    }

    /** The job: today's run in the platform's zone (catches up everything unpaid, as the payable accumulates). */
    public RunView runDue() {
        return settle(today(), "job");
    }

    /** OPERATOR: runs, newest settlement date first. */
    public List<RunView> runs(Actor actor, int page, int size) {
        requireOperator(actor);
        PageRequest rows = rows(page, size);
        if (shards.count() == 1) {
            return readOnly.execute(status -> repository.runs(rows.offset(), rows.limit()));
        }
        // Each shard keeps its own run row per date: its first offset + limit dates, combined per date (ADR 12 §8i).
        Map<LocalDate, List<RunView>> byDate = new java.util.TreeMap<>(Comparator.reverseOrder());
        shards.each(() -> repository.runs(0, rows.offset() + rows.limit()))
                .forEach(part -> part.forEach(run -> byDate.computeIfAbsent(run.settlementDate(), d -> new java.util.ArrayList<>()).add(run)));
        return byDate.values().stream().skip(rows.offset()).limit(rows.limit()).map(RunView::combined).toList();
    }

    /** The run, then its instructions to the bank in one file (each payout committed before the bank sees it). */
    private RunView settle(LocalDate settlementDate, String by) {
        RunView run = payoutRun.settle(settlementDate, by);
        bank.sendUnsubmitted();
        return run;
    }

    /**
     * An operator's run: on every shard, as the scheduled job runs it (ADR 12 §8g), answered as one run. Default
     * deployment: once, in place, answered as it is.
     */
    private RunView settleEveryShard(LocalDate settlementDate, String by) {
        List<RunView> parts = shards.each(() -> settle(settlementDate, by));
        return parts.size() == 1 ? parts.get(0) : RunView.combined(parts);
    }

    /** Why an approved payout of this amount may not be instructed now (merchant on hold, value withheld); empty if it may. */
    Optional<String> reasonNotToInstruct(UUID merchantId, Money amount) {
        return payoutRun.reasonNotToInstruct(merchantId, amount);
    }

    static String endToEndId(UUID payoutId) {
        return PayoutRun.endToEndId(payoutId);
    }

    // ------------------------------------------------------------------ the bank

    /**
     * The job: sends the instructions the bank has not acknowledged (one pain.001 file), collects the status of those
     * it has, then applies the bank's documents (pain.002 status reports, camt.053 statements, in the bank's order) and
     * hands each statement on to reconciliation after its confirmations are booked.
     */
    public int exchangeWithBank() {
        return bank.exchangeWithBank();
    }

    /**
     * Sends a payout that dual control has just released, with any other unsubmitted instruction, instead of waiting
     * for the next exchange.
     */
    void sendNow() {
        bank.sendUnsubmitted();
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
        PageRequest rows = rows(page, size);
        if (actor.role().isMerchantSide()) { // routed to its merchant's shard (ADR 12 §7)
            return readOnly.execute(s -> repository.payouts(scope, status, rows.offset(), rows.limit()));
        }
        // An operator's list: each shard answers its first offset + limit payouts once, the page is cut from the merge.
        return shards.page((offset, limit) -> readOnly.execute(s -> repository.payouts(scope, status, offset, limit)),
                NEWEST_FIRST, rows.offset(), rows.limit());
    }

    /** Merchant owner or staff: their merchant's money from the ledger and the next payout estimate. */
    public SettlementSummary summary(Actor actor) {
        if (!actor.role().isMerchantSide()) {
            throw forbidden();
        }
        MerchantView merchant = merchants.find(actor.merchantId()).orElseThrow(() -> Rejection.notFound("merchant"));
        CycleView cycle = cycles.view(merchant);
        Money payable = balance(AccountType.MERCHANT_PAYABLE, merchant.id());
        Money held = payoutRun.heldFor(merchant.id()).min(payable);
        Optional<String> holdReason = payoutRun.holdReason(merchant, merchants.settlementAccount(merchant.id()));
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, merchant.zone());
        SettlementCycle domainCycle = cycles.of(merchant);
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
        return cycles.change(actor.username(), sector, frequency, payoutDay);
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

    private static PageRequest rows(int page, int size) {
        return PageRequest.of(page, size, PAGE_SIZE_MAX);
    }
}
