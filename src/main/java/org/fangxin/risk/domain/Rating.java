package org.fangxin.risk.domain;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangxin.risk.RiskTier;

/**
 * One rating of one merchant on one day, pure: factor values → explainable score → the tier the score gives → the
 * hysteresis state after it → the badge → which factors are at their full-weight threshold (and which newly are).
 */
public record Rating(Scorecard.Result score, RiskTier rawTier, TierState state, boolean badge, Set<String> atThreshold,
                     Set<String> newlyAtThreshold) {

    /**
     * Rates {@code inputs} with the weights and policy, continuing from {@code previous} (null for a first rating) and
     * the factors that were at threshold before; {@code lastUpheldComplaint} null when there was none.
     */
    public static Rating rate(SignalInputs inputs, Map<Factor, FactorWeight> weights, TierPolicy policy,
                              TierState previous, Set<String> previouslyAtThreshold, LocalDate lastUpheldComplaint) {
        LocalDate today = inputs.today();
        Scorecard.Result score = Scorecard.score(Signals.values(inputs), weights);
        RiskTier raw = policy.tierOf(score.scoreCenti());
        TierState state = previous == null || today.isBefore(previous.tierSince()) ? TierState.first(raw, today)
                : previous.next(raw, today, policy.upAfterDays());
        boolean badge = Badge.held(state, today, lastUpheldComplaint, policy);
        Set<String> atThreshold = new LinkedHashSet<>();
        score.factors().stream().filter(FactorResult::atThreshold).filter(f -> f.weight() > 0)
                .forEach(f -> atThreshold.add(f.factor().name()));
        Set<String> newly = new LinkedHashSet<>(atThreshold);
        newly.removeAll(previouslyAtThreshold == null ? Set.of() : previouslyAtThreshold);
        return new Rating(score, raw, state, badge, atThreshold, newly);
    }

    /** The factor results that are newly at threshold, for alerts. */
    public List<FactorResult> newlyAtThresholdFactors() {
        return score.factors().stream().filter(f -> newlyAtThreshold.contains(f.factor().name())).toList();
    }
}
