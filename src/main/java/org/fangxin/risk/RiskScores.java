package org.fangxin.risk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.MerchantScope;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.risk.domain.TierPolicy;
import org.fangxin.risk.persistence.TierRepository;
import org.fangxin.risk.scoring.Collector;
import org.fangxin.risk.scoring.RunContext;
import org.fangxin.risk.scoring.RunContexts;
import org.fangxin.risk.scoring.Scorer;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merchant risk: the nightly rating of every merchant (and a re-rating of one on a relevant event), each merchant's
 * explainable score, tier and terms for those who may see it (the merchant itself, operators, regulators of its
 * region and sector), the score history, tier distribution and movers, and operators' tier overrides (with reason and expiry).
 */
@Service
public class RiskScores {

    /** Risk days (activity, ratings, feeds) are Chinese calendar days. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Merchants rated per transaction in a run. */
    public static final int CHUNK = 1_000;
    public static final int LIST_SIZE_MAX = 200;
    public static final int HISTORY_DAYS_MAX = 400;
    /** The merchant is not rated yet (no score). */
    public static final ProblemType NOT_RATED = new ProblemType("merchant-not-rated", 409);
    static final int OVERRIDE_DAYS_MAX = 366;
    static final EnumSet<MerchantStatus> RATED = EnumSet.of(MerchantStatus.ACTIVE, MerchantStatus.SUSPENDED,
            MerchantStatus.CLOSING);
    private static final Logger log = LoggerFactory.getLogger(RiskScores.class);

    private final Merchants merchants;
    private final Collector collector;
    private final Scorer scorer;
    private final RunContexts contexts;
    private final TierRepository tiers;
    private final AuditTrail audit;
    private final Shards shards;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate ownTransaction;

    RiskScores(Merchants merchants, Collector collector, Scorer scorer, RunContexts contexts, TierRepository tiers,
               AuditTrail audit, Shards shards, Clock clock, PlatformTransactionManager transactions) {
        this.shards = shards;
        this.merchants = merchants;
        this.collector = collector;
        this.scorer = scorer;
        this.contexts = contexts;
        this.tiers = tiers;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The nightly run (also the API's "run now"): collects the completed days' activity, then rates every ACTIVE,
     * SUSPENDED or CLOSING merchant in chunks of {@value #CHUNK}, each chunk in its own transaction. Safe to repeat the
     * same day (each day's score is replaced, alerts are raised once).
     */
    public RatingRun rateAll() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        RunContext ctx = contexts.load(today, now);
        ctx.phases().time("collect activity", () -> transaction.executeWithoutResult(s -> collector.collectActivity(today)));
        int rated = 0;
        int changes = 0;
        int alerts = 0;
        UUID after = null;
        while (true) {
            UUID from = after;
            List<MerchantView> chunk = ctx.phases().time("merchants", () -> merchants.batch(RATED, from, CHUNK));
            if (chunk.isEmpty()) {
                break;
            }
            Scorer.ChunkResult result = rateChunk(chunk, ctx);
            rated += result.rated();
            changes += result.tierChanges();
            alerts += result.alerts();
            after = chunk.get(chunk.size() - 1).id();
        }
        RatingRun run = new RatingRun(today, rated, changes, alerts, Duration.ofNanos(System.nanoTime() - started));
        log.info("risk rating {}: {} merchants, {} tier changes, {} alerts in {} ms ({})", today, rated, changes, alerts,
                run.took().toMillis(), ctx.phases());
        return run;
    }

    /** One chunk in its own transaction; the time outside the rating itself counts as begin and commit. */
    private Scorer.ChunkResult rateChunk(List<MerchantView> chunk, RunContext ctx) {
        long started = System.nanoTime();
        long[] inside = new long[1];
        Scorer.ChunkResult result = transaction.execute(s -> {
            long rating = System.nanoTime();
            Scorer.ChunkResult r = scorer.rate(chunk, ctx);
            inside[0] = System.nanoTime() - rating;
            return r;
        });
        ctx.phases().add("begin and commit", System.nanoTime() - started - inside[0]);
        return result;
    }

    /**
     * OPERATOR: runs the nightly rating now. Like the nightly job, each shard rates its own merchants (ADR 12 §8e; with
     * one database: once, in place), and the answer adds the shards' runs up.
     */
    public RatingRun rateAll(Actor actor) {
        requireOperator(actor);
        long started = System.nanoTime();
        RatingRun run = RatingRun.sum(shards.each(this::rateAll), Duration.ofNanos(System.nanoTime() - started));
        transaction.executeWithoutResult(s -> audit.record("risk.rating-run", "risk-rating", run.ratedOn().toString(), null, run));
        return run;
    }

    /**
     * Re-rates one merchant now (a relevant event: list hit, flags, closure suspicion, approval), after collecting any
     * completed day not collected yet; no access check.
     */
    public void rate(UUID merchantId) {
        merchants.find(merchantId).filter(m -> RATED.contains(m.status())).ifPresent(merchant -> {
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, ZONE);
            RunContext ctx = contexts.load(today, now);
            transaction.executeWithoutResult(s -> {
                collector.collectActivity(today);
                scorer.rate(List.of(merchant), ctx);
            });
        });
    }

    /**
     * Re-rates a merchant soon after a relevant event: marks it due (committed at once, so a listener running at the same
     * time may take it) and rates every merchant due that no other transaction is taking, as one chunk. A burst of
     * events (a feed file flagging many merchants, several events of one merchant) is so rated once per merchant, not
     * once per event with a run context each, and still before the listener ends.
     */
    public void rateSoon(UUID merchantId) {
        ownTransaction.executeWithoutResult(s -> tiers.markDue(merchantId, clock.instant()));
        while (rateDue() == CHUNK) {
            // a burst larger than a chunk: the next chunk
        }
    }

    /** Rates up to a chunk of the merchants due (those no longer rated are dropped); answers how many were taken. */
    int rateDue() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        Integer taken = transaction.execute(s -> {
            List<UUID> due = tiers.takeDue(CHUNK);
            List<MerchantView> chunk = due.stream().map(merchants::find).flatMap(Optional::stream)
                    .filter(m -> RATED.contains(m.status())).toList();
            if (!chunk.isEmpty()) {
                collector.collectActivity(today);
                scorer.rate(chunk, contexts.load(today, now));
            }
            return due.size();
        });
        return taken == null ? 0 : taken;
    }

    /** The merchant's risk for those who may see it: its own people, operators, regulators of its region and sector. */
    public MerchantRiskView view(Actor actor, UUID merchantId) {
        MerchantView merchant = visible(actor, merchantId);
        return readOnly.execute(s -> views().of(merchant).orElseThrow(
                () -> new Rejection(NOT_RATED, "this merchant has not been rated yet; ratings run nightly")));
    }

    /** The actor's own merchant's risk (owner or staff). */
    public MerchantRiskView mine(Actor actor) {
        if (!actor.role().isMerchantSide()) {
            throw forbidden();
        }
        return view(actor, actor.merchantId());
    }

    /** The daily scores of the last {@code days} days, oldest first (for the factor history chart). */
    public List<ScorePoint> history(Actor actor, UUID merchantId, int days) {
        visible(actor, merchantId);
        int span = Math.min(Math.max(days, 1), HISTORY_DAYS_MAX);
        LocalDate from = LocalDate.ofInstant(clock.instant(), ZONE).minusDays(span);
        return readOnly.execute(s -> tiers.history(merchantId, from));
    }

    /**
     * OPERATOR, REGULATOR (its region and sector): how many rated merchants hold each tier and the badge; each shard
     * counts its own rated merchants (one grouped count each) and the counts are added (ADR 12 §8e).
     */
    public TierDistributionView distribution(Actor actor) {
        MerchantScope scope = overseen(actor);
        Instant now = clock.instant();
        List<TierDistributionView> parts = readOnly.execute(s -> shards.each(() -> {
            var counts = tiers.distribution(scope, now);
            return new TierDistributionView(counts, tiers.badges(scope), counts.values().stream().mapToLong(Long::longValue).sum());
        }));
        if (parts.size() == 1) {
            return parts.get(0);
        }
        var counts = new EnumMap<RiskTier, Long>(RiskTier.class);
        parts.forEach(part -> part.tiers().forEach((tier, n) -> counts.merge(tier, n, Long::sum)));
        return new TierDistributionView(counts, parts.stream().mapToLong(TierDistributionView::badges).sum(),
                parts.stream().mapToLong(TierDistributionView::rated).sum());
    }

    /** OPERATOR, REGULATOR (its region and sector): the largest score moves over the last {@code days} days. */
    public List<MoverView> movers(Actor actor, int days, int limit) {
        MerchantScope scope = overseen(actor);
        LocalDate from = LocalDate.ofInstant(clock.instant(), ZONE).minusDays(Math.min(Math.max(days, 1), HISTORY_DAYS_MAX));
        return readOnly.execute(s -> shards.page((offset, first) -> tiers.movers(scope, from, first).stream()
                .map(m -> new MoverView(m.merchantId(), merchants.find(m.merchantId()).map(MerchantView::legalName).orElse(""),
                        m.sector(), m.regionCode(), m.fromScoreCenti(), m.toScoreCenti(), m.fromTier(), m.toTier()))
                .toList(), LARGEST_MOVE, 0, size(limit)));
    }

    /** OPERATOR, REGULATOR (its region and sector): rated merchants holding a tier now, lowest score first. */
    public List<MerchantRiskView> ofTier(Actor actor, RiskTier tier, int limit) {
        MerchantScope scope = overseen(actor);
        Instant now = clock.instant();
        return readOnly.execute(s -> shards.page((offset, first) -> tiers.ofTier(tier, scope, now, first).stream()
                .map(t -> merchants.find(t.merchantId()).flatMap(m -> views().summary(m, t)))
                .flatMap(Optional::stream).toList(), LOWEST_SCORE, 0, size(limit)));
    }

    /** The repositories' orders of the lists merged over shards (PostgreSQL orders uuids as their text). */
    private static final Comparator<MoverView> LARGEST_MOVE = Comparator
            .comparingInt((MoverView m) -> -Math.abs(m.toScoreCenti() - m.fromScoreCenti()))
            .thenComparing(m -> m.merchantId().toString());
    private static final Comparator<MerchantRiskView> LOWEST_SCORE = Comparator.comparingInt(MerchantRiskView::scoreCenti)
            .thenComparing(v -> v.merchantId().toString());

    /**
     * OPERATOR: puts the merchant in a tier until {@code until} (at most a year ahead), with a reason; its terms follow
     * at once. Audited; the hysteresis state keeps following the score meanwhile.
     */
    public MerchantRiskView override(Actor actor, UUID merchantId, RiskTier tier, String reason, Instant until) {
        requireOperator(actor);
        if (tier == null) {
            throw Rejection.invalid("tier", "choose a tier A, B, C or D");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) {
            throw Rejection.invalid("reason", "give a reason of at most 500 characters");
        }
        Instant now = clock.instant();
        if (until == null || !until.isAfter(now) || until.isAfter(now.plus(Duration.ofDays(OVERRIDE_DAYS_MAX)))) {
            throw Rejection.invalid("until", "the override ends after now and within " + OVERRIDE_DAYS_MAX + " days");
        }
        return changeOverride(actor, merchantId, new MerchantRiskView.Override(tier, why, until, actor.username()));
    }

    /** OPERATOR: ends an override now; the score's tier applies again. */
    public MerchantRiskView clearOverride(Actor actor, UUID merchantId) {
        requireOperator(actor);
        return changeOverride(actor, merchantId, null);
    }

    private MerchantRiskView changeOverride(Actor actor, UUID merchantId, MerchantRiskView.Override override) {
        MerchantView merchant = merchants.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        transaction.executeWithoutResult(s -> {
            var before = tiers.lock(List.of(merchantId)).get(merchantId);
            if (before == null) {
                throw new Rejection(NOT_RATED, "this merchant has not been rated yet; ratings run nightly");
            }
            tiers.setOverride(merchantId, override);
            audit.record(override == null ? "risk.override-cleared" : "risk.override-set", "merchant", merchantId,
                    before.override(), override);
        });
        rate(merchantId);
        return view(actor, merchant.id());
    }

    /** Module-internal (the consequence ports): the terms in force for a rated merchant, empty when not rated. */
    public Optional<TermsView> terms(UUID merchantId) {
        return merchantId == null ? Optional.empty() : tiers.terms(merchantId);
    }

    /** The tier policy of this installation (thresholds, hysteresis days, badge days). */
    public TierPolicy policy() {
        return contexts.policy();
    }

    private RiskViews views() {
        return new RiskViews(tiers, clock.instant());
    }

    private MerchantView visible(Actor actor, UUID merchantId) {
        MerchantView merchant = merchants.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        if (actor.role().isMerchantSide()) {
            if (!actor.worksFor(merchantId)) {
                throw Rejection.notFound("merchant");
            }
            return merchant;
        }
        if (!overseen(actor).covers(merchant)) {
            throw Rejection.notFound("merchant");
        }
        return merchant;
    }

    /** Operators see every merchant; a regulator the merchants of its region and sector; others are refused. */
    private static MerchantScope overseen(Actor actor) {
        if (actor.is(Role.OPERATOR)) {
            return MerchantScope.ALL;
        }
        if (actor.is(Role.REGULATOR)) {
            return MerchantScope.of(actor);
        }
        throw forbidden();
    }

    private static void requireOperator(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw forbidden();
        }
    }

    private static Rejection forbidden() {
        return new Rejection(ProblemType.FORBIDDEN, "your role may not see or change merchant risk");
    }

    private static int size(int limit) {
        return Math.min(Math.max(limit, 1), LIST_SIZE_MAX);
    }
}
