package org.fangxin.protection;

import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.merchant.MerchantPage;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.MerchantScope;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.notification.Notifications;
import org.fangxin.protection.domain.DepositRequirement;
import org.fangxin.protection.persistence.ProtectionRepository;
import org.fangxin.protection.persistence.ProtectionRepository.CoverageRow;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Risk deposits. The required deposit of a merchant is max(sector floor, share × advance exposure − insured cover)
 * (rule per sector, operators edit it). Operators record deposits received ({@code deposit:<id>}: Dr RISK_DEPOSIT_HELD /
 * Cr RISK_DEPOSIT) and return them on a clean exit ({@code deposit-return:<id>}). The coverage check (a daily job, and
 * after each lodging) compares required and lodged: an under-covered merchant gets a top-up request, its owners are
 * notified, {@link MerchantUnderCovered} is published and {@link #maySell} blocks its prepaid sales until a check finds
 * it covered again ({@link MerchantCoverRestored}). An open closure case ({@link Closures}) blocks sales too.
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
    static final int MERCHANT_PAGE_SIZE = 100;
    static final Set<MerchantStatus> LODGEABLE =
            EnumSet.of(MerchantStatus.ACTIVE, MerchantStatus.SUSPENDED, MerchantStatus.CLOSING);
    private static final Logger log = LoggerFactory.getLogger(Deposits.class);
    private static final Locale MESSAGE_LOCALE = Locale.SIMPLIFIED_CHINESE;

    private final ProtectionRepository repository;
    private final org.fangxin.protection.persistence.ClosureRepository closureCases;
    private final Merchants merchants;
    private final InsuredCover insurance;
    private final Ledger ledger;
    private final Users users;
    private final Notifications notifications;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final Currency currency = Money.CNY;
    private final Actor system = new Actor(UUID.nameUUIDFromBytes("protection-coverage-check".getBytes()),
            "system:protection", Role.OPERATOR, null, null);

    Deposits(ProtectionRepository repository, Merchants merchants, ObjectProvider<InsuredCover> insurance, Ledger ledger, Users users,
             Notifications notifications, ApplicationEventPublisher events, MessageSource messages, AuditTrail audit,
             IdGenerator ids, Clock clock, PlatformTransactionManager transactions,
             org.fangxin.protection.persistence.ClosureRepository closureCases) {
        this.repository = repository;
        this.closureCases = closureCases;
        this.merchants = merchants;
        this.insurance = insurance.getIfAvailable(() -> InsuredCover.NONE);
        this.ledger = ledger;
        this.users = users;
        this.notifications = notifications;
        this.events = events;
        this.messages = messages;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    // ------------------------------------------------------------------ for other modules

    /**
     * Whether the merchant may sell prepaid products as far as its risk deposit is concerned (no access check): empty
     * when it may, otherwise the reason. The purchase flow asks this next to {@code MerchantView.reasonItMayNotSell()}.
     * It reads the result of the last coverage check, so a merchant never checked is not blocked.
     */
    @Transactional(readOnly = true)
    public Optional<String> maySell(UUID merchantId) {
        Optional<UUID> closure = closureCases.openCase(merchantId).filter(c -> c.freezes()).map(c -> c.id());
        if (closure.isPresent()) {
            return Optional.of("frozen by closure case " + closure.get());
        }
        return repository.coverage(merchantId).filter(row -> row.underCoveredSince() != null)
                .map(row -> "risk deposit under-covered since " + row.underCoveredSince() + ": lodged "
                        + row.lodged().format() + " of " + row.required().format() + " required");
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
            checkIn(merchant);
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
        Money exposure = exposure(merchantId);
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
        return repository.movements(null, MerchantScope.of(actor));
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
        return live(readable(actor, merchantId));
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
        return repository.coverages(underCoveredOnly, scope).stream()
                .map(row -> merchants.find(row.merchantId())
                        .filter(scope::covers)
                        .map(m -> view(m, row)))
                .flatMap(Optional::stream).toList();
    }

    /** OPERATOR: runs the coverage check of all ACTIVE merchants now (what the daily job does). */
    public CoverageCheckSummary runCheck(Actor actor) {
        requireOperator(actor);
        return checkAll();
    }

    /**
     * The job: checks every ACTIVE merchant, each in its own transaction (a failure is logged and counted, the others
     * go on). Idempotent: a merchant's state only changes when its figures cross the requirement.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public CoverageCheckSummary checkAll() {
        Instant started = clock.instant();
        int checked = 0;
        int under = 0;
        int newlyUnder = 0;
        int restored = 0;
        int failed = 0;
        int page = 0;
        MerchantPage merchantPage;
        do {
            merchantPage = merchants.list(system, MerchantStatus.ACTIVE, page++, MERCHANT_PAGE_SIZE);
            for (MerchantView merchant : merchantPage.items()) {
                try {
                    Transition transition = ownTransaction.execute(status -> checkIn(merchant));
                    checked++;
                    under += transition.underAfter() ? 1 : 0;
                    newlyUnder += transition.underAfter() && !transition.underBefore() ? 1 : 0;
                    restored += !transition.underAfter() && transition.underBefore() ? 1 : 0;
                } catch (RuntimeException e) {
                    failed++;
                    log.warn("coverage check of merchant {} failed: {}", merchant.id(), e.toString());
                }
            }
        } while ((long) page * MERCHANT_PAGE_SIZE < merchantPage.total());
        return new CoverageCheckSummary(started, checked, under, newlyUnder, restored, failed);
    }

    /** Checks one merchant in the caller's transaction (no access check). */
    public CoverageView check(UUID merchantId) {
        MerchantView merchant = merchants.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        checkIn(merchant);
        return live(merchant);
    }

    private record Transition(boolean underBefore, boolean underAfter) { }

    private Transition checkIn(MerchantView merchant) {
        Instant now = clock.instant();
        CoverageRow before = repository.lockCoverage(merchant.id(), currency, now);
        Figures figures = figures(merchant);
        boolean wasUnder = before.underCoveredSince() != null;
        boolean under = figures.shortfall().isPositive();
        Instant since = under ? (wasUnder ? before.underCoveredSince() : now) : null;
        repository.updateCoverage(new CoverageRow(merchant.id(), figures.exposure(), figures.cover(), figures.required(),
                figures.lodged(), since, now));
        if (under && !wasUnder) {
            TopUpRequestView request = repository.openRequest(merchant.id()).orElseGet(() -> {
                TopUpRequestView created = new TopUpRequestView(ids.next(), merchant.id(), figures.shortfall(), now, null);
                repository.insertRequest(created);
                return created;
            });
            notifyOwners(merchant.id(), "protection.notify.topUp", "deposit-top-up:" + request.id(),
                    figures.required().format(), figures.lodged().format(), request.shortfall().format());
            events.publishEvent(new MerchantUnderCovered(merchant.id(), figures.required(), figures.lodged(),
                    figures.shortfall(), request.id(), now));
            audit.record("protection.coverage.under-covered", "merchant", merchant.id(), null, figures.summary());
        } else if (!under && wasUnder) {
            Optional<TopUpRequestView> open = repository.openRequest(merchant.id());
            open.ifPresent(request -> repository.resolveRequest(request.id(), now));
            notifyOwners(merchant.id(), "protection.notify.restored",
                    "deposit-restored:" + open.map(r -> r.id().toString()).orElse(merchant.id() + ":" + now),
                    figures.required().format(), figures.lodged().format(), "");
            events.publishEvent(new MerchantCoverRestored(merchant.id(), figures.required(), figures.lodged(), now));
            audit.record("protection.coverage.restored", "merchant", merchant.id(), null, figures.summary());
        }
        return new Transition(wasUnder, under);
    }

    private record Figures(Money exposure, Money cover, DepositRuleView rule, Money required, Money lodged,
                           Money shortfall) {
        Map<String, Object> summary() {
            return Map.of("exposure", exposure, "insuredCover", cover, "required", required, "lodged", lodged,
                    "shortfall", shortfall);
        }
    }

    private Figures figures(MerchantView merchant) {
        DepositRuleView rule = repository.rule(merchant.sector())
                .orElseThrow(() -> new IllegalStateException("no deposit rule for " + merchant.sector()));
        Money exposure = exposure(merchant.id());
        Money cover = insurance.insuredCover(merchant.id());
        Money required = DepositRequirement.required(rule.floor(), rule.shareBps(), exposure, cover);
        Money lodged = ledger.findAccount(AccountType.RISK_DEPOSIT, merchant.id(), currency)
                .map(AccountView::normalBalance).orElse(Money.zero(currency));
        return new Figures(exposure, cover, rule, required, lodged, DepositRequirement.shortfall(required, lodged));
    }

    /** The merchant's advance exposure: the balance of its MERCHANT_ADVANCE account in CNY (zero when none). */
    private Money exposure(UUID merchantId) {
        return ledger.findAccount(AccountType.MERCHANT_ADVANCE, merchantId, currency).map(AccountView::normalBalance)
                .orElse(Money.zero(currency));
    }

    private CoverageView live(MerchantView merchant) {
        Optional<CoverageRow> row = repository.coverage(merchant.id());
        Figures f = figures(merchant);
        return new CoverageView(merchant.id(), merchant.legalName(), merchant.sector(), f.exposure(), f.cover(),
                f.rule().floor(), f.rule().shareBps(), f.required(), f.lodged(), f.shortfall(),
                row.map(CoverageRow::underCoveredSince).orElse(null), row.map(CoverageRow::checkedAt).orElse(null));
    }

    /** A stored check as a view (figures as of that check, for lists). */
    private CoverageView view(MerchantView merchant, CoverageRow row) {
        DepositRuleView rule = repository.rule(merchant.sector()).orElseThrow();
        return new CoverageView(merchant.id(), merchant.legalName(), merchant.sector(), row.exposure(), row.insuredCover(),
                rule.floor(), rule.shareBps(), row.required(), row.lodged(),
                DepositRequirement.shortfall(row.required(), row.lodged()), row.underCoveredSince(), row.checkedAt());
    }

    private void notifyOwners(UUID merchantId, String key, String dedupKey, Object... args) {
        String subject = messages.getMessage(key + ".subject", args, MESSAGE_LOCALE);
        String body = messages.getMessage(key + ".body", args, MESSAGE_LOCALE);
        for (UserAccount user : users.ofMerchant(merchantId)) {
            if (user.is(Role.MERCHANT_OWNER)) {
                notifications.send(user.id(), subject, body, dedupKey + ":" + user.id());
            }
        }
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
