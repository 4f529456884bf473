package org.fangxin.protection;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.MerchantScope;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.protection.domain.DepositRequirement;
import org.fangxin.protection.persistence.ClosureRepository;
import org.fangxin.protection.persistence.ProtectionRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Risk deposits. The required deposit of a merchant is max(sector floor, share × advance exposure − insured cover)
 * (rule per sector, operators edit it). Operators record deposits received ({@code deposit:<id>}: Dr RISK_DEPOSIT_HELD /
 * Cr RISK_DEPOSIT) and return them on a clean exit ({@code deposit-return:<id>}). The coverage check (a daily job, and
 * after each lodging) compares required and lodged: an under-covered merchant gets a top-up request, its owners are
 * notified, {@link MerchantUnderCovered} is published and {@link #maySell} blocks its prepaid sales until a check finds
 * it covered again ({@link MerchantCoverRestored}). An open closure case ({@link Closures}) blocks sales too. The
 * check itself is {@link CoverageCheck}.
 */
@Service
@Transactional
public class Deposits {

    public static final ProblemType MERCHANT_NOT_CLOSED = new ProblemType("merchant-not-closed", 409);
    public static final ProblemType EXPOSURE_OUTSTANDING = new ProblemType("exposure-outstanding", 409);
    public static final ProblemType NOTHING_TO_RETURN = new ProblemType("nothing-to-return", 409);
    public static final ProblemType MERCHANT_NOT_ACCEPTED = new ProblemType("merchant-not-accepted", 409);
    /** A single deposit above this is refused as a typing error (10 million yuan). */
    public static final long DEPOSIT_MINOR_MAX = 1_000_000_000L;
    static final Set<MerchantStatus> LODGEABLE =
            EnumSet.of(MerchantStatus.ACTIVE, MerchantStatus.SUSPENDED, MerchantStatus.CLOSING);

    private final ProtectionRepository repository;
    private final CoverageCheck coverageCheck;
    private final Merchants merchants;
    private final Ledger ledger;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Currency currency = Money.CNY;
    private final Shards shards;

    /** The order of {@code ProtectionRepository.movements}: newest first. */
    private static final Comparator<DepositView> NEWEST_FIRST = Comparator.comparing(DepositView::recordedAt)
            .thenComparing(DepositView::id).reversed();
    /** The order of {@code ProtectionRepository.coverages}: blocked ones first (longest blocked first), then newest checked. */
    private static final Comparator<CoverageView> BLOCKED_FIRST = Comparator.comparing(CoverageView::underCoveredSince,
            Comparator.nullsLast(Comparator.<Instant>naturalOrder())).thenComparing(CoverageView::checkedAt,
            Comparator.nullsLast(Comparator.<Instant>reverseOrder())).thenComparing(CoverageView::merchantId);

    Deposits(ProtectionRepository repository, CoverageCheck coverageCheck,
             Merchants merchants, Ledger ledger, AuditTrail audit, IdGenerator ids, Clock clock, Shards shards) {
        this.shards = shards;
        this.repository = repository;
        this.coverageCheck = coverageCheck;
        this.merchants = merchants;
        this.ledger = ledger;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ for other modules

    /**
     * Whether the merchant may sell prepaid products as far as protection is concerned (no access check): empty when it
     * may, otherwise the reason (an open closure case, else an under-covered deposit). It reads the result of the last
     * coverage check, so a merchant never checked is not blocked. The purchase flow reads the same rule in one query
     * with the other modules' blocks (the view {@code protection.sales_block}, docs/card.md "Sales blocks").
     */
    @Transactional(readOnly = true)
    public Optional<String> maySell(UUID merchantId) {
        return repository.salesBlock(merchantId);
    }

    // ------------------------------------------------------------------ rules

    /** The rule table: OPERATOR, REGULATOR and merchants (who need to know how their deposit is sized). */
    @Transactional(readOnly = true)
    public List<DepositRuleView> rules(Actor actor) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR) && !actor.role().isMerchantSide()) {
            throw forbidden();
        }
        return repository.rules();
    }

    /** OPERATOR: changes a sector's floor and share of exposure. */
    public DepositRuleView changeRule(Actor actor, Sector sector, Money floor, int shareBps) {
        requireOperator(actor);
        if (floor == null || floor.isNegative() || !floor.currency().equals(currency) || floor.amountMinor() > DEPOSIT_MINOR_MAX) {
            throw Rejection.invalid("floor", "the floor is 0 to " + new Money(DEPOSIT_MINOR_MAX, currency).format() + " in CNY");
        }
        if (shareBps < 0 || shareBps > DepositRequirement.WHOLE_BPS) {
            throw Rejection.invalid("shareBps", "the share is 0 to 10000 basis points");
        }
        DepositRuleView before = repository.rule(sector).orElse(null);
        DepositRuleView rule = new DepositRuleView(sector, floor, shareBps, clock.instant(), actor.username());
        repository.upsertRule(rule);
        audit.record("protection.deposit-rule.changed", "deposit-rule", sector, before, rule);
        return rule;
    }

    // ------------------------------------------------------------------ deposits

    /** OPERATOR: records a deposit the merchant paid in (money received), posts it and rechecks the merchant's coverage. */
    public DepositView lodge(Actor actor, UUID merchantId, Money amount, String reference) {
        requireOperator(actor);
        MerchantView merchant = merchants.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        if (amount == null || !amount.isPositive() || !amount.currency().equals(currency) || amount.amountMinor() > DEPOSIT_MINOR_MAX) {
            throw Rejection.invalid("amount", "a deposit is a positive CNY amount up to " + new Money(DEPOSIT_MINOR_MAX, currency).format());
        }
        String ref = reference(reference);
        if (!LODGEABLE.contains(merchant.status())) {
            throw new Rejection(MERCHANT_NOT_ACCEPTED, "a " + merchant.status() + " merchant lodges no deposit");
        }
        UUID id = ids.next();
        String key = "deposit:" + id;
        AccountView held = ledger.open(AccountType.RISK_DEPOSIT_HELD, merchantId, currency);
        AccountView owed = ledger.open(AccountType.RISK_DEPOSIT, merchantId, currency);
        ledger.post(NewTransfer.of(key, "risk deposit lodged: " + ref, EntryLine.debit(held.id(), amount),
                EntryLine.credit(owed.id(), amount)));
        DepositView deposit = new DepositView(id, merchantId, DepositView.Kind.LODGED, amount, ref, key, clock.instant(),
                actor.username());
        repository.insertMovement(deposit);
        audit.record("protection.deposit.lodged", "merchant", merchantId, null, deposit);
        // Recheck at once: an ACTIVE merchant, or one blocked before (e.g. suspended meanwhile), is unblocked by its top-up.
        if (merchant.status() == MerchantStatus.ACTIVE || repository.coverage(merchantId).isPresent()) {
            coverageCheck.checkIn(merchant);
        }
        return deposit;
    }

    /**
     * OPERATOR: returns the whole deposit of a CLOSED merchant that has no advance exposure left (a clean exit):
     * {@code deposit-return:<id>} Dr RISK_DEPOSIT / Cr RISK_DEPOSIT_HELD.
     */
    public DepositView returnDeposit(Actor actor, UUID merchantId, String reference) {
        requireOperator(actor);
        MerchantView merchant = merchants.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        String ref = reference(reference);
        if (merchant.status() != MerchantStatus.CLOSED) {
            throw new Rejection(MERCHANT_NOT_CLOSED, "the deposit is returned only after the merchant is CLOSED (it is "
                    + merchant.status() + ")");
        }
        Money exposure = coverageCheck.exposure(merchantId);
        if (exposure.isPositive()) {
            throw new Rejection(EXPOSURE_OUTSTANDING, "the merchant still owes " + exposure.format() + " of advances",
                    Map.of("exposure", exposure));
        }
        AccountView owed = ledger.open(AccountType.RISK_DEPOSIT, merchantId, currency);
        AccountView held = ledger.open(AccountType.RISK_DEPOSIT_HELD, merchantId, currency);
        Money amount = owed.normalBalance();
        if (!amount.isPositive()) {
            throw new Rejection(NOTHING_TO_RETURN, "no deposit is lodged for this merchant");
        }
        UUID id = ids.next();
        String key = "deposit-return:" + id;
        ledger.post(NewTransfer.of(key, "risk deposit returned: " + ref, EntryLine.debit(owed.id(), amount),
                EntryLine.credit(held.id(), amount)));
        DepositView returned = new DepositView(id, merchantId, DepositView.Kind.RETURNED, amount, ref, key,
                clock.instant(), actor.username());
        repository.insertMovement(returned);
        repository.openRequest(merchantId).ifPresent(open -> repository.resolveRequest(open.id(), clock.instant()));
        audit.record("protection.deposit.returned", "merchant", merchantId, null, returned);
        return returned;
    }

    /** Deposits lodged and returned for a merchant, newest first (same access as its coverage). */
    @Transactional(readOnly = true)
    public List<DepositView> movements(Actor actor, UUID merchantId) {
        readable(actor, merchantId);
        return repository.movements(merchantId);
    }

    /** OPERATOR and REGULATOR: the latest deposit movements of all merchants (a regulator: those in its scope). */
    @Transactional(readOnly = true)
    public List<DepositView> allMovements(Actor actor) {
        requireSupervisor(actor);
        // Sharded (ADR 12 §8g): a movement is kept on its merchant's shard; each shard answers its newest once.
        MerchantScope scope = MerchantScope.of(actor);
        return shards.page((offset, max) -> repository.movements(null, scope), NEWEST_FIRST, 0, ProtectionRepository.ROWS_MAX);
    }

    @Transactional(readOnly = true)
    public List<TopUpRequestView> topUpRequests(Actor actor, UUID merchantId) {
        readable(actor, merchantId);
        return repository.requests(merchantId);
    }

    // ------------------------------------------------------------------ coverage

    /** The merchant's coverage now, with the block of its last check: its owner and staff, OPERATOR, REGULATOR. */
    @Transactional(readOnly = true)
    public CoverageView coverage(Actor actor, UUID merchantId) {
        return coverageCheck.live(readable(actor, merchantId));
    }

    /** The merchant the actor works for: its coverage (the "my protection" page). */
    @Transactional(readOnly = true)
    public CoverageView myCoverage(Actor actor) {
        if (!actor.role().isMerchantSide()) {
            throw forbidden();
        }
        return coverage(actor, actor.merchantId());
    }

    /** OPERATOR and REGULATOR (within its region and sector): checked merchants, blocked ones first. */
    @Transactional(readOnly = true)
    public List<CoverageView> coverages(Actor actor, boolean underCoveredOnly) {
        requireSupervisor(actor);
        MerchantScope scope = MerchantScope.of(actor);
        // Sharded: the coverage rows and their merchants are on the merchant's shard; each shard answers once.
        return shards.page((offset, max) -> repository.coverages(underCoveredOnly, scope).stream()
                .map(row -> merchants.find(row.merchantId())
                        .filter(scope::covers)
                        .map(m -> coverageCheck.view(m, row)))
                .flatMap(Optional::stream).toList(), BLOCKED_FIRST, 0, ProtectionRepository.ROWS_MAX);
    }

    /**
     * The job: checks every ACTIVE merchant, each in its own transaction (a failure is logged and counted, the others
     * go on). Idempotent: a merchant's state only changes when its figures cross the requirement.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public CoverageCheckSummary checkAll() {
        return coverageCheck.checkAll();
    }

    /** Checks one merchant in the caller's transaction (no access check). */
    public CoverageView check(UUID merchantId) {
        MerchantView merchant = merchants.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        coverageCheck.checkIn(merchant);
        return coverageCheck.live(merchant);
    }

    /** OPERATOR: runs the coverage check of all ACTIVE merchants now (what the daily job does). */
    public CoverageCheckSummary runCheck(Actor actor) {
        requireOperator(actor);
        return checkAll();
    }

    /** The merchant if the actor may read its deposit data: owner/staff (own), OPERATOR, REGULATOR (its scope). */
    private MerchantView readable(Actor actor, UUID merchantId) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR) && !actor.role().isMerchantSide()) {
            throw forbidden();
        }
        MerchantView merchant = merchants.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        boolean visible = switch (actor.role()) {
            case OPERATOR -> true;
            case REGULATOR -> MerchantScope.of(actor).covers(merchant);
            default -> actor.worksFor(merchantId);
        };
        if (!visible) {
            throw Rejection.notFound("merchant");
        }
        return merchant;
    }

    private static String reference(String reference) {
        String ref = reference == null ? "" : reference.trim();
        if (ref.isEmpty() || ref.length() > 100) {
            throw Rejection.invalid("reference", "the reference (bank receipt, note) is 1 to 100 characters");
        }
        return ref;
    }

    private static void requireOperator(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators manage risk deposits");
        }
    }

    private static void requireSupervisor(Actor actor) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR)) {
            throw forbidden();
        }
    }

    private static Rejection forbidden() {
        return new Rejection(ProblemType.FORBIDDEN, "risk deposits are for operators, regulators and the merchant itself");
    }
}
