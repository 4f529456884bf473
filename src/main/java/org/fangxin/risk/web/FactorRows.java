package org.fangxin.risk.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangxin.risk.FactorView;
import org.fangxin.risk.ScorePoint;
import org.fangxin.risk.domain.Factor;

/** Page helpers: a factor's value and thresholds as people read them, and the history chart's series. */
final class FactorRows {

    private FactorRows() {
    }

    /** A factor row of the page: values already formatted by unit, message keys for name, source and hint. */
    record Row(String factor, String value, int weight, String okAt, String badAt, int severityBp, String contribution,
               String sourceKey, String asOf, boolean hasData) { }

    static List<Row> rows(List<FactorView> factors) {
        List<Row> rows = new ArrayList<>();
        for (FactorView f : factors) {
            rows.add(new Row(f.factor(), f.value() == null ? null : format(f.unit(), f.value()), f.weight(),
                    format(f.unit(), f.okAt()), format(f.unit(), f.badAt()), f.severityBp(), points(f.contributionCenti()),
                    "risk.source." + f.source(), f.asOf() == null ? "" : f.asOf().toString(), f.value() != null));
        }
        return rows;
    }

    /** A value in its unit: basis points as a percentage, fen as yuan, counts, days and months as numbers. */
    static String format(String unit, long value) {
        return Factor.Unit.valueOf(unit).format(value);
    }

    /** Hundredths of a point as points with one decimal. */
    static String points(int centi) {
        return centi / 100 + "." + (centi % 100) / 10;
    }

    /** The chart: dates, scores (points) and, per factor that ever cost something, its points lost per day. */
    static Map<String, Object> chart(List<ScorePoint> history) {
        Set<String> factors = new LinkedHashSet<>();
        history.forEach(p -> p.contributionsCenti().forEach((factor, centi) -> {
            if (centi > 0) {
                factors.add(factor);
            }
        }));
        Map<String, List<Double>> lost = new LinkedHashMap<>();
        factors.forEach(f -> lost.put(f, new ArrayList<>()));
        List<String> labels = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (ScorePoint point : history) {
            labels.add(point.scoredOn().toString());
            scores.add(point.scoreCenti() / 100.0);
            factors.forEach(f -> lost.get(f).add(point.contributionsCenti().getOrDefault(f, 0) / 100.0));
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", labels);
        chart.put("scores", scores);
        chart.put("lost", lost);
        return chart;
    }
}
