package org.fangxin.insurance;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.insurance.PremiumBillView.Line;
import org.fangxin.insurance.PremiumBillView.MerchantShareStatus;
import org.fangxin.insurance.domain.PremiumArithmetic;
import org.fangxin.insurance.persistence.InsuranceRepository;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.LedgerPage;
import org.fangxin.ledger.LedgerProblems;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Monthly premium bills. For each policy in force during the month, every covered merchant with insured exposure
 * (min(per-merchant limit, advance exposure) at billing time) pays exposure × yearly rate / 12, rounded half up to the
 * fen, split exactly among the payers by the policy's cost sharing. The bill and its postings commit together, once
 * per (policy, month): a rerun finds the bill and books nothing. Postings: merchant share
 * {@code premium:<billId>:MERCHANT:<merchantId>} Dr MERCHANT_PAYABLE / Cr PREMIUM_PAYABLE(insurer), with the cash swept
 * Dr PREMIUM_COLLECTION / Cr ESCROW(merchant) in the same transfer — or, when the
 * payable is short, no posting and a DUE line (the owner is notified); platform share {@code premium:<billId>:PLATFORM}
 * Dr PREMIUM_EXPENSE; government share {@code premium:<billId>:GOVERNMENT} Dr GOVERNMENT_SUBSIDY_RECEIVABLE.
 */
@Service
@Transactional(readOnly = true)
public class Premiums {

    public static final ProblemType PERIOD_IN_FUTURE = new ProblemType("billing-period-in-future", 422);
    private static final Logger log = LoggerFactory.getLogger(Premiums.class);

    private final InsuranceRepository repository;
    private final Policies policies;
    private final Insurers insurers;
    private final Merchants merchants;
    private final Ledger ledger;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final ZoneId zone;
    private final Shards shards;

    /** The order of {@code InsuranceRepository.bills}: newest period, then newest billed. */
    private static final java.util.Comparator<PremiumBillView> NEWEST_FIRST = java.util.Comparator
            .comparing(PremiumBillView::period).thenComparing(PremiumBillView::billedAt).reversed()
            .thenComparing(PremiumBillView::id);

    Premiums(InsuranceRepository repository, Policies policies, Insurers insurers, Merchants merchants, Ledger ledger,
             ApplicationEventPublisher events, AuditTrail audit, IdGenerator ids,
             Clock clock, PlatformTransactionManager transactions,
             @Value("${fangxin.insurance.zone:Asia/Shanghai}") String zone, Shards shards) {
        this.shards = shards;
        this.repository = repository;
        this.policies = policies;
        this.insurers = insurers;
        this.merchants = merchants;
        this.ledger = ledger;
        this.events = events;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.zone = ZoneId.of(zone);
    }

    /** OPERATOR: bills every policy in force in the month (this month or earlier); a rerun bills nothing twice. */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public List<PremiumBillView> bill(Actor actor, YearMonth period) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators run premium billing");
        }
        if (period == null) {
            throw Rejection.invalid("period", "the period (yyyy-MM) is required");
        }
        if (period.isAfter(YearMonth.from(LocalDate.ofInstant(clock.instant(), zone)))) {
            throw new Rejection(PERIOD_IN_FUTURE, "cannot bill " + period + " before it starts", Map.of("field", "period"));
        }
        // Sharded (ADR 12 §8h): every shard keeps every policy and bills the merchants it keeps, as the monthly job does.
        return shards.each(() -> billPeriod(period, actor.username())).stream().flatMap(List::stream).toList();
    }

    /** The monthly job: bills the month that just ended. */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public List<PremiumBillView> billDue() {
        return billPeriod(YearMonth.from(LocalDate.ofInstant(clock.instant(), zone)).minusMonths(1), "job");
    }

    /**
     * Bills each policy in force in the period in its own transaction; returns the bills (new or existing). Sharded:
     * this shard's part, a bill of the covered merchants it keeps (none when it keeps none of them).
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public List<PremiumBillView> billPeriod(YearMonth period, String by) {
        List<PremiumBillView> bills = new ArrayList<>();
        for (PolicyView policy : repository.policiesInForce(period.atDay(1), period.atEndOfMonth())) {
            try {
                ownTransaction.execute(status -> billPolicy(policy, period, by)).ifPresent(bills::add);
            } catch (RuntimeException e) {
                log.warn("premium bill of policy {} for {} failed: {}", policy.policyNumber(), period, e.toString());
            }
        }
        return bills;
    }

    /** Bills (newest first) the actor may see: all (OPERATOR, REGULATOR) or its insurer's (INSURER), optionally of a policy. */
    public List<PremiumBillView> bills(Actor actor, UUID policyId, int limit) {
        // Sharded (ADR 12 §8g): a bill is kept on its policy's shard; each shard answers its newest once.
        int rows = Math.min(Math.max(limit, 1), InsuranceRepository.ROWS_MAX);
        if (actor.is(Role.OPERATOR, Role.REGULATOR)) {
            return shards.page((offset, max) -> repository.bills(null, policyId, max).stream()
                    .flatMap(bill -> scoped(actor, bill).stream()).toList(), NEWEST_FIRST, 0, rows);
        }
        if (actor.is(Role.INSURER)) {
            Optional<UUID> own = insurers.ownInsurer(actor);
            return own.map(insurer -> shards.page((offset, max) -> repository.bills(insurer, policyId, max),
                    NEWEST_FIRST, 0, rows)).orElse(List.of());
        }
        throw forbidden();
    }

    /** One bill with its lines; another insurer's bill is "not found". */
    public PremiumBillView bill(Actor actor, UUID billId) {
        Optional<UUID> own = readerInsurer(actor);
        // Sharded: bill ids carry no merchant gene, so each shard is asked once; the one keeping the bill answers.
        return shards.each(() -> visibleHere(actor, own, billId))
                .stream().flatMap(Optional::stream).findFirst().orElseThrow(() -> Rejection.notFound("premium bill"));
    }

    /**
     * A reader of bills (OPERATOR, REGULATOR, INSURER) and, for an INSURER, its insurer: read once before asking the
     * shards, since memberships are kept on the directory shard.
     */
    Optional<UUID> readerInsurer(Actor actor) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR, Role.INSURER)) {
            throw forbidden();
        }
        return actor.is(Role.INSURER) ? insurers.ownInsurer(actor) : Optional.empty();
    }

    /** The bill as the actor may see it, if this shard keeps it (an INSURER's {@code own} from {@link #readerInsurer}). */
    Optional<PremiumBillView> visibleHere(Actor actor, Optional<UUID> own, UUID billId) {
        return repository.bill(billId).filter(bill -> !actor.is(Role.INSURER) || own.equals(Optional.of(bill.insurerId())))
                .flatMap(bill -> scoped(actor, bill));
    }

    /**
     * The bill as a regulator limited to a region or sector sees it: only the lines of merchants within its scope,
     * and no bill of a policy outside it. Others see the bill whole.
     */
    private Optional<PremiumBillView> scoped(Actor actor, PremiumBillView bill) {
        if (!actor.scoped()) {
            return Optional.of(bill);
        }
        // The policy is on the bill's shard, where this runs.
        if (!repository.policy(bill.policyId()).map(policy -> policies.withinScope(actor, policy)).orElse(false)) {
            return Optional.empty();
        }
        List<PremiumBillView.Line> lines = bill.lines().stream()
                .filter(line -> policies.merchantWithinScope(actor, line.merchantId())).toList();
        return Optional.of(new PremiumBillView(bill.id(), bill.policyId(), bill.policyNumber(), bill.insurerId(),
                bill.period(), bill.premium(), bill.merchantShare(), bill.platformShare(), bill.governmentShare(),
                bill.merchantDue(), bill.billedAt(), lines));
    }

    /** Premium billed so far per policy, for loss ratios (claims are not built yet, so every loss ratio is 0). */
    public Map<UUID, Money> premiumBilled(Actor actor) {
        UUID insurer = null;
        if (actor.is(Role.INSURER)) {
            insurer = insurers.ownInsurer(actor).orElse(null);
            if (insurer == null) {
                return Map.of();
            }
        } else if (!actor.is(Role.OPERATOR, Role.REGULATOR)) {
            throw forbidden();
        }
        UUID insurerId = insurer;
        Map<UUID, Money> result = new LinkedHashMap<>();
        // Sharded (ADR 12 §8h): a policy's bills are on the shards of its merchants; one grouped sum per shard, added up.
        shards.each(() -> repository.premiumBilledByPolicy(insurerId)).forEach(part -> part.forEach((policy, minor) ->
                result.merge(policy, Money.fen(minor), Money::plus)));
        return result;
    }

    private Optional<PremiumBillView> billPolicy(PolicyView policy, YearMonth period, String by) {
        repository.lockPolicy(policy.id());
        Optional<PremiumBillView> existing = repository.bill(policy.id(), period);
        if (existing.isPresent()) {
            return existing;
        }
        ProductView product = repository.product(policy.productId()).orElseThrow();
        Currency currency = product.perMerchantLimit().currency();
        List<MerchantView> covered = coveredMerchants(policy, product);
        if (covered.isEmpty() && shards.count() > 1) {
            return Optional.empty(); // the policy's merchants are on other shards, which bill them (ADR 12 §8h)
        }
        UUID billId = ids.next();
        Instant now = clock.instant();
        List<Line> lines = new ArrayList<>();
        for (MerchantView merchant : covered) {
            line(policy, product, merchant, billId, period).ifPresent(lines::add);
        }
        Money premium = sum(lines, Line::premium, currency);
        Money platform = sum(lines, Line::platformShare, currency);
        Money government = sum(lines, Line::governmentShare, currency);
        Money merchantShare = sum(lines, Line::merchantShare, currency);
        Money due = sum(lines.stream().filter(l -> l.merchantStatus() == MerchantShareStatus.DUE).toList(),
                Line::merchantShare, currency);
        PremiumBillView bill = new PremiumBillView(billId, policy.id(), policy.policyNumber(), policy.insurerId(), period,
                premium, merchantShare, platform, government, due, now, lines);
        if (!repository.insertBill(bill, by)) {
            // Cannot happen under the policy lock; if it does, undo our postings with the transaction.
            throw new IllegalStateException("policy " + policy.policyNumber() + " was billed for " + period + " meanwhile");
        }
        AccountView premiumPayable = ledger.open(AccountType.PREMIUM_PAYABLE, policy.insurerId(), currency);
        if (platform.isPositive()) {
            AccountView expense = ledger.open(AccountType.PREMIUM_EXPENSE, null, currency);
            ledger.post(NewTransfer.of("premium:" + billId + ":PLATFORM", "platform premium share " + policy.policyNumber()
                    + " " + period, EntryLine.debit(expense.id(), platform), EntryLine.credit(premiumPayable.id(), platform)));
        }
        if (government.isPositive()) {
            AccountView subsidy = ledger.open(AccountType.GOVERNMENT_SUBSIDY_RECEIVABLE, null, currency);
            ledger.post(NewTransfer.of("premium:" + billId + ":GOVERNMENT", "government premium share "
                    + policy.policyNumber() + " " + period, EntryLine.debit(subsidy.id(), government),
                    EntryLine.credit(premiumPayable.id(), government)));
        }
        audit.record("insurance.premium.billed", "insurance-policy", policy.id(), null,
                Map.of("billId", billId.toString(), "period", period.toString(), "premium", premium, "merchantDue", due));
        return repository.bill(billId);
    }

    private Optional<Line> line(PolicyView policy, ProductView product, MerchantView merchant, UUID billId, YearMonth period) {
        RiskTier tier = policies.tierOf(merchant.id());
        int rate = product.rateBps(merchant.sector(), tier).orElseThrow();
        Money exposure = policies.exposure(merchant.id());
        Money insured = PremiumArithmetic.insured(exposure, product.perMerchantLimit());
        Money premium = PremiumArithmetic.monthlyPremium(insured, rate);
        if (!premium.isPositive()) {
            return Optional.empty();
        }
        List<Money> shares = PremiumArithmetic.split(premium, policy.costSharing());
        Money merchantShare = shares.get(0);
        MerchantShareStatus status = merchantShare.isPositive()
                ? chargeMerchant(policy, merchant, billId, period, merchantShare) : MerchantShareStatus.NONE;
        return Optional.of(new Line(merchant.id(), merchant.sector().name(), tier, rate, exposure, insured, premium,
                merchantShare, shares.get(1), shares.get(2), status));
    }

    /** Takes the merchant's share from its payable, or records it DUE (and notifies the owner) when the payable is short. */
    private MerchantShareStatus chargeMerchant(PolicyView policy, MerchantView merchant, UUID billId, YearMonth period,
                                               Money share) {
        AccountView payable = ledger.open(AccountType.MERCHANT_PAYABLE, merchant.id(), share.currency());
        AccountView premiumPayable = ledger.open(AccountType.PREMIUM_PAYABLE, policy.insurerId(), share.currency());
        AccountView escrow = ledger.open(AccountType.ESCROW, merchant.id(), share.currency());
        AccountView collection = ledger.open(AccountType.PREMIUM_COLLECTION, null, share.currency());
        if (payable.normalBalance().compareTo(share) >= 0) {
            try {
                // The share is earned money of the merchant that still sits in its escrow sub-account: sweep that cash
                // to the premium collection account in the same transfer, so escrow keeps equalling what it owes.
                ledger.post(NewTransfer.of("premium:" + billId + ":MERCHANT:" + merchant.id(), "merchant premium share "
                        + policy.policyNumber() + " " + period, EntryLine.debit(payable.id(), share),
                        EntryLine.credit(premiumPayable.id(), share), EntryLine.debit(collection.id(), share),
                        EntryLine.credit(escrow.id(), share)));
                return MerchantShareStatus.POSTED;
            } catch (Rejection rejection) {
                if (!rejection.type().equals(LedgerProblems.INSUFFICIENT_BALANCE)) {
                    throw rejection;
                }
                // the payable moved between the read and the lock: treat as short
            }
        }
        events.publishEvent(new PremiumShareDue(billId, policy.id(), policy.policyNumber(), merchant.id(), period, share,
                clock.instant())); // the owners are told after commit
        return MerchantShareStatus.DUE;
    }

    /** The merchants the policy's scope names, or for a region those with advance exposure in it; covered ones only. */
    private List<MerchantView> coveredMerchants(PolicyView policy, ProductView product) {
        List<MerchantView> covered = new ArrayList<>();
        if (policy.scope() != PolicyScope.REGION) {
            for (UUID id : policy.merchantIds()) {
                merchants.find(id).filter(m -> policies.covers(policy, m, product)).ifPresent(covered::add);
            }
            return covered;
        }
        // Only merchants with exposure owe premium, so the region's merchants are found through their advance accounts.
        int page = 0;
        LedgerPage<AccountView> accounts;
        do {
            accounts = ledger.accounts(AccountType.MERCHANT_ADVANCE, null, page++, Ledger.PAGE_SIZE_MAX);
            for (AccountView account : accounts.items()) {
                if (account.normalBalance().isPositive()) {
                    merchants.find(account.ownerId()).filter(m -> policies.covers(policy, m, product)).ifPresent(covered::add);
                }
            }
        } while ((long) page * accounts.size() < accounts.totalItems());
        return covered;
    }

    private static Money sum(List<Line> lines, java.util.function.Function<Line, Money> part, Currency currency) {
        return lines.stream().map(part).reduce(Money.zero(currency), Money::plus);
    }

    private static Rejection forbidden() {
        return new Rejection(ProblemType.FORBIDDEN, "premium bills are for operators, regulators and insurers");
    }
}
