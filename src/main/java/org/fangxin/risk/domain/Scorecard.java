package org.fangxin.risk.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The explainable score: 100 points minus each factor's penalty (weight × severity), never below 0, kept in hundredths
 * of a point. A factor without data costs nothing. Pure: the same values and weights always give the same score, and a
 * value moving towards its bad threshold never raises it.
 */
public final class Scorecard {

    public static final int SCORE_MAX_CENTI = 10_000;

    private Scorecard() {
    }

    public record Result(int scoreCenti, List<FactorResult> factors) {
        public Result {
            factors = List.copyOf(factors);
        }
    }

    /** Scores the values with the weights (a factor missing from {@code weights} uses its default). */
    public static Result score(List<FactorValue> values, Map<Factor, FactorWeight> weights) {
        List<FactorResult> results = new ArrayList<>(values.size());
        int penalty = 0;
        for (FactorValue value : values) {
            FactorWeight weight = weights.getOrDefault(value.factor(), value.factor().defaultWeight());
            int severity = value.hasData() ? weight.severityBp(value.value()) : 0;
            int contribution = value.hasData() ? weight.penaltyCenti(value.value()) : 0;
            penalty += contribution;
            results.add(new FactorResult(value.factor(), value.value(), value.asOf(), value.source(), weight.weight(),
                    weight.okAt(), weight.badAt(), severity, contribution));
        }
        return new Result(Math.max(0, SCORE_MAX_CENTI - penalty), results);
    }
}
