package org.fangxin.risk;

import java.time.LocalDate;
import java.util.Map;

/** One day of a merchant's score history: the score, the tier in force and each factor's contribution (for charts). */
public record ScorePoint(LocalDate scoredOn, int scoreCenti, RiskTier tier, Map<String, Integer> contributionsCenti) {

    public ScorePoint {
        contributionsCenti = Map.copyOf(contributionsCenti);
    }
}
