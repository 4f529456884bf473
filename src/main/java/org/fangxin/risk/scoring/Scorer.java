package org.fangxin.risk.scoring;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fangxin.merchant.MerchantView;
import org.fangxin.protection.Closures;
import org.fangxin.risk.AlertKind;
import org.fangxin.risk.FactorView;
import org.fangxin.risk.MerchantTermsChanged;
import org.fangxin.risk.MerchantTierChanged;
import org.fangxin.risk.RiskTier;
import org.fangxin.risk.TermsView;
import org.fangxin.risk.alert.AlertBook;
import org.fangxin.risk.domain.FactorResult;
import org.fangxin.risk.domain.Rating;
import org.fangxin.risk.domain.SignalInputs;
import org.fangxin.risk.domain.Terms;
import org.fangxin.risk.persistence.FeedRepository;
import org.fangxin.risk.persistence.InputsRepository;
import org.fangxin.risk.persistence.TierRepository;
import org.fangxin.risk.persistence.TierRepository.StoredTier;
import org.fangxin.shared.MessageArgument;
import org.fangxin.shared.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Rates a chunk of merchants in the caller's transaction: collects their positions, reads their inputs in a few
 * statements, rates each (pure), evaluates the terms of the tier in force, writes scores, states and terms in batches,
 * and for each change publishes {@link MerchantTierChanged} / {@link MerchantTermsChanged}, raises alerts (tier drop,
 * factor newly at threshold) and, on a drop to D, opens a closure suspicion (protection's existing flow).
 */
@Component
public class Scorer {

    private static final String EVENTS = "events";

    private final Collector collector;
    private final InputsRepository inputs;
    private final FeedRepository feeds;
    private final TierRepository tiers;
    private final AlertBook alerts;
    private final Closures closures;
    private final ApplicationEventPublisher events;
    private final boolean dTierOpensSuspicion;

    Scorer(Collector collector, InputsRepository inputs, FeedRepository feeds, TierRepository tiers, AlertBook alerts,
           Closures closures, ApplicationEventPublisher events,
           @Value("${fangxin.risk.d-tier-opens-suspicion:true}") boolean dTierOpensSuspicion) {
        this.collector = collector;
        this.inputs = inputs;
        this.feeds = feeds;
        this.tiers = tiers;
        this.alerts = alerts;
        this.closures = closures;
        this.events = events;
        this.dTierOpensSuspicion = dTierOpensSuspicion;
    }

    /** What a chunk did: merchants rated, tier changes, alerts raised. */
    public record ChunkResult(int rated, int tierChanges, int alerts) { }

    /** What the chunk's ratings are computed from, read in a few statements. */
    private record ChunkInputs(Map<UUID, SignalInputs.Position> positions, Map<UUID, SignalInputs.Activity> activity,
                               Map<UUID, SignalInputs.Feeds> feeds, Map<UUID, LocalDate> upheld,
                               Map<UUID, FeedRepository.ListEntry> listings, Map<UUID, StoredTier> before,
                               Map<UUID, TermsView> termsBefore) { }

    /** The writes of the chunk, in batches, and what happened. */
    private static final class ChunkWrites {
        final List<StoredTier> states = new ArrayList<>();
        final List<TierRepository.ScoreRow> scores = new ArrayList<>();
        final List<TermsView> terms = new ArrayList<>();
        final List<AlertBook.NewAlert> alerts = new ArrayList<>();
        int changes;
    }

    public ChunkResult rate(List<MerchantView> merchants, RunContext ctx) {
        RunPhases phases = ctx.phases();
        ChunkInputs in = load(merchants.stream().map(MerchantView::id).toList(), ctx);
        ChunkWrites writes = new ChunkWrites();
        long started = System.nanoTime();
        long before = phases.nanos(EVENTS);
        for (MerchantView merchant : merchants) {
            rateOne(merchant, in, ctx, writes);
        }
        phases.add("rate", System.nanoTime() - started - (phases.nanos(EVENTS) - before));
        phases.time("write states", () -> tiers.saveStates(writes.states, ctx.now()));
        phases.time("write scores", () -> tiers.saveScores(writes.scores));
        phases.time("write terms", () -> tiers.saveTerms(writes.terms));
        int raised = phases.time("alerts", () -> alerts.raiseAll(writes.alerts));
        return new ChunkResult(merchants.size(), writes.changes, raised);
    }

    private ChunkInputs load(List<UUID> ids, RunContext ctx) {
        LocalDate today = ctx.today();
        RunPhases phases = ctx.phases();
        Map<UUID, SignalInputs.Position> positions = phases.time("positions", () -> collector.collectPositions(ids, today, ctx.now()));
        Map<UUID, FeedRepository.ListEntry> listings = new HashMap<>();
        phases.time("listings", () -> feeds.latestListEntries(ids)).stream().filter(e -> "LISTED".equals(e.status()))
                .forEach(e -> listings.putIfAbsent(e.merchantId(), e));
        InputsRepository.ChunkInputs read = phases.time("inputs", () -> inputs.read(ids, today));
        var before = phases.time("lock states", () -> tiers.lock(ids));
        return new ChunkInputs(positions, read.activity(), read.feeds(), read.lastUpheld(), listings, before,
                phases.time("terms before", () -> tiers.terms(ids)));
    }

    private void rateOne(MerchantView merchant, ChunkInputs in, RunContext ctx, ChunkWrites writes) {
        UUID id = merchant.id();
        LocalDate today = ctx.today();
        SignalInputs signals = new SignalInputs(today, in.activity().get(id), in.positions().get(id),
                profile(merchant, in.listings().get(id), today), in.feeds().get(id));
        StoredTier previous = in.before().get(id);
        Rating rating = Rating.rate(signals, ctx.weights(merchant.sector().name()), ctx.policy(),
                previous == null ? null : previous.state(), previous == null ? Set.of() : previous.atThreshold(),
                latest(in.upheld().get(id), signals.feeds().lastUpheldComplaint()));
        StoredTier after = stored(merchant, rating, previous, today);
        RiskTier tierNow = after.tierAt(ctx.now());
        TermsView termsNow = terms(merchant, tierNow, in.positions().get(id), ctx);
        writes.states.add(after);
        writes.scores.add(new TierRepository.ScoreRow(id, today, rating.score().scoreCenti(), rating.rawTier(), tierNow,
                rating.score().factors().stream().map(Scorer::view).toList()));
        writes.terms.add(termsNow);
        RiskTier tierBefore = previous == null ? RiskTier.INITIAL : previous.tierAt(ctx.now());
        if (tierNow != tierBefore || previous == null) {
            writes.changes += tierNow != tierBefore ? 1 : 0;
            onTierChange(merchant, tierBefore, tierNow, rating, ctx, writes.alerts);
        }
        onThresholds(merchant, rating, today, writes.alerts);
        TermsView old = in.termsBefore().get(id);
        // first terms matter only where they depart from what the merchant had without them: the rule table's ratio
        boolean changed = old == null ? !java.util.Objects.equals(ctx.ruleRatio(merchant), termsNow.supervisionRatioBp())
                : !sameTerms(old, termsNow);
        if (changed) {
            ctx.phases().time(EVENTS, () -> events.publishEvent(new MerchantTermsChanged(id, old, termsNow, ctx.now())));
        }
    }

    /** Publishes the tier change; a drop adds its alert (raised with the chunk's) and may open a closure suspicion. */
    private void onTierChange(MerchantView merchant, RiskTier from, RiskTier to, Rating rating, RunContext ctx,
                              List<AlertBook.NewAlert> raise) {
        if (from != to) {
            ctx.phases().time(EVENTS, () -> events.publishEvent(new MerchantTierChanged(merchant.id(), from, to,
                    rating.score().scoreCenti(), "score " + rating.score().scoreCenti() / 100 + ", tier by score "
                    + rating.rawTier(), ctx.now())));
        }
        if (to.worseThan(from)) {
            raise.add(new AlertBook.NewAlert(merchant, AlertKind.TIER_DROP, from + " → " + to
                    + " (" + rating.score().scoreCenti() / 100 + ")", List.of(points(rating.score().scoreCenti())), from, to, null,
                    "tier-drop:" + merchant.id() + ":" + ctx.today() + ":" + from + ":" + to));
            // a suspicion follows the score, not an operator's override (the operator can mark a closure directly)
            if (to == RiskTier.D && rating.state().tier() == RiskTier.D && dTierOpensSuspicion) {
                List<String> evidence = suspicionArgs(rating, ctx.today());
                closures.suspect(merchant.id(), SUSPICION + (evidence.size() - 2) / 2, evidence);
            }
        }
    }

    private static void onThresholds(MerchantView merchant, Rating rating, LocalDate today, List<AlertBook.NewAlert> raise) {
        for (FactorResult factor : rating.newlyAtThresholdFactors()) {
            raise.add(new AlertBook.NewAlert(merchant, AlertKind.FACTOR_THRESHOLD,
                    factor.factor() + " = " + factor.value() + " (" + factor.source() + ", " + factor.asOf() + ")",
                    List.of(MessageArgument.key("risk.factor." + factor.factor()),
                            factor.value() == null ? "" : factor.factor().unit().format(factor.value()),
                            MessageArgument.key("risk.source." + factor.source()), String.valueOf(factor.asOf())),
                    null, null, factor.factor().name(), "factor:" + merchant.id() + ":" + factor.factor() + ":" + today));
        }
    }

    /** The message key prefix of a suspicion's evidence; the suffix counts the factors named (0 to 3). */
    static final String SUSPICION = "risk.suspicion.";

    /** Hundredths of a point as points with one decimal, e.g. 35.2. */
    static String points(int centi) {
        return centi / 100 + "." + (centi % 100) / 10;
    }

    /**
     * The evidence of a suspicion the score opens, as arguments of {@code risk.suspicion.<n>}: the day, the score and
     * the n (up to three) factors that cost most, each its name and the points lost.
     */
    static List<String> suspicionArgs(Rating rating, LocalDate day) {
        List<String> args = new ArrayList<>(List.of(day.toString(), points(rating.score().scoreCenti())));
        rating.score().factors().stream().filter(f -> f.contributionCenti() > 0)
                .sorted((a, b) -> Integer.compare(b.contributionCenti(), a.contributionCenti())).limit(3)
                .forEach(f -> {
                    args.add(MessageArgument.key("risk.factor." + f.factor()));
                    args.add(points(f.contributionCenti()));
                });
        return args;
    }

    private static StoredTier stored(MerchantView merchant, Rating rating, StoredTier previous, LocalDate today) {
        var override = previous == null ? null : previous.override();
        boolean overrideBelowA = override != null && override.tier() != RiskTier.A;
        boolean badge = rating.badge() && !overrideBelowA;
        LocalDate badgeSince = !badge ? null : previous != null && previous.badgeSince() != null ? previous.badgeSince() : today;
        return new StoredTier(merchant.id(), merchant.regionCode(), merchant.sector().name(), rating.state(),
                rating.rawTier(), rating.score().scoreCenti(), today, badgeSince, rating.atThreshold(), override);
    }

    private static TermsView terms(MerchantView merchant, RiskTier tier, SignalInputs.Position position, RunContext ctx) {
        long balance = position == null ? 0 : position.prepaidBalanceMinor();
        var business = merchant.business();
        Long months = business.licensedOn() == null ? null : ChronoUnit.MONTHS.between(business.licensedOn(), ctx.today());
        Long revenue = business.priorYearRevenue() == null ? null : business.priorYearRevenue().amountMinor();
        Terms t = Terms.evaluate(tier, ctx.consequencesFor(merchant), ctx.floorsFor(merchant),
                new Terms.Position(balance, months, revenue), ctx.ruleRatio(merchant));
        return new TermsView(merchant.id(), tier, t.supervisionRatioBp(),
                t.advanceCapMinor() == null ? null : Money.fen(t.advanceCapMinor()), t.depositShareBp(), t.insuranceTier(),
                t.settlementFrequency(), t.payoutDay(), t.salesBlocked(), t.blockSource(), t.sources(), ctx.now());
    }

    static boolean sameTerms(TermsView a, TermsView b) {
        return a.tier() == b.tier() && a.supervisionRatioBp() == b.supervisionRatioBp()
                && java.util.Objects.equals(a.advanceCap(), b.advanceCap())
                && java.util.Objects.equals(a.depositShareBp(), b.depositShareBp())
                && java.util.Objects.equals(a.insuranceTier(), b.insuranceTier())
                && java.util.Objects.equals(a.settlementFrequency(), b.settlementFrequency())
                && a.payoutDay() == b.payoutDay() && a.salesBlocked() == b.salesBlocked();
    }

    static SignalInputs.Profile profile(MerchantView merchant, FeedRepository.ListEntry listing, LocalDate today) {
        var business = merchant.business();
        LocalDate firstLeaseEnd = merchant.stores().stream().map(s -> s.leaseEndsOn()).min(LocalDate::compareTo).orElse(null);
        boolean listed = merchant.flags().any();
        String source = !listed ? null : listing == null ? "merchant.flags" : "feed." + listing.list();
        return new SignalInputs.Profile(business.licensedOn(),
                business.priorYearRevenue() == null ? null : business.priorYearRevenue().amountMinor(),
                business.registeredCapital() == null ? null : business.registeredCapital().amountMinor(),
                firstLeaseEnd, listed, source, listed && listing != null ? listing.day() : null);
    }

    static FactorView view(FactorResult f) {
        return new FactorView(f.factor().name(), f.value(), f.factor().unit().name(), f.asOf(), f.source(), f.weight(),
                f.okAt(), f.badAt(), f.severityBp(), f.contributionCenti());
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
