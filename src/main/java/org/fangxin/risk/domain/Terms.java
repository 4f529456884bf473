package org.fangxin.risk.domain;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangxin.risk.RiskTier;

/**
 * What a merchant may do given its tier, region, sector and position: the supervision ratio new purchases are sold
 * under, the cap on its total advance, the deposit share, the insurance premium tier, the settlement cycle and whether
 * sales stop. {@code sources} names, per field, the table row or floor that decided it (explainability).
 */
public record Terms(RiskTier tier, int supervisionRatioBp, Long advanceCapMinor, Integer depositShareBp,
                    String insuranceTier, String settlementFrequency, DayOfWeek payoutDay, boolean salesBlocked,
                    String blockSource, Map<String, String> sources) {

    public Terms {
        sources = Map.copyOf(sources);
    }

    /** What a merchant is measured against when no consequence row or rule sets a ratio: everything stays in escrow. */
    public static final int RATIO_WHEN_UNSET_BP = 10_000;

    /** The facts about the merchant the floors look at. */
    public record Position(long prepaidBalanceMinor, Long monthsLicensed, Long priorYearRevenueMinor) { }

    /**
     * Merges the rows (all applying to the merchant's region lineage and sector, of its tier) general → specific, then
     * raises the ratio to every floor whose condition holds and stops sales where a floor or the row says so.
     * {@code ruleRatioBp} is the rule table's ratio, used when no consequence row sets one (null: none).
     */
    public static Terms evaluate(RiskTier tier, List<ConsequenceRow> rows, List<RatioFloor> floors, Position position,
                                 Integer ruleRatioBp) {
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        rows.stream().filter(row -> row.tier() == tier).sorted(Comparator.comparingInt(ConsequenceRow::specificity))
                .forEach(row -> row.values().forEach((field, value) -> {
                    if (value != null) {
                        merged.put(field, value);
                        sources.put(field, row.source());
                    }
                }));
        int ratio = ratioOf(merged, sources, ruleRatioBp);
        boolean blocked = Boolean.TRUE.equals(merged.get("salesBlocked"));
        String blockSource = blocked ? sources.get("salesBlocked") : null;
        List<RatioFloor> held = new ArrayList<>();
        for (RatioFloor floor : floors) {
            if (floor.holds(position.prepaidBalanceMinor(), position.monthsLicensed(), position.priorYearRevenueMinor())) {
                held.add(floor);
            }
        }
        for (RatioFloor floor : held) {
            if (floor.supervisionRatioBp() != null && floor.supervisionRatioBp() > ratio) {
                ratio = floor.supervisionRatioBp();
                sources.put("supervisionRatioBp", floor.source());
            }
            if (floor.salesBlocked() && !blocked) {
                blocked = true;
                blockSource = floor.source();
            }
        }
        String settlement = (String) merged.get("settlement");
        String frequency = settlement == null ? null : settlement.split(":")[0];
        DayOfWeek payoutDay = settlement == null || !settlement.contains(":") ? null : DayOfWeek.valueOf(settlement.split(":")[1]);
        return new Terms(tier, ratio, (Long) merged.get("advanceCapMinor"), (Integer) merged.get("depositShareBp"),
                (String) merged.get("insuranceTier"), frequency, payoutDay, blocked, blockSource, sources);
    }

    private static int ratioOf(Map<String, Object> merged, Map<String, String> sources, Integer ruleRatioBp) {
        Integer ratio = (Integer) merged.get("supervisionRatioBp");
        if (ratio != null) {
            return ratio;
        }
        sources.put("supervisionRatioBp", ruleRatioBp == null ? "" : "rules");
        return ruleRatioBp == null ? RATIO_WHEN_UNSET_BP : ruleRatioBp;
    }
}
