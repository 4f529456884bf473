package org.fangxin.risk.scoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.fangxin.merchant.MerchantView;
import org.fangxin.risk.domain.ConsequenceRow;
import org.fangxin.risk.domain.Factor;
import org.fangxin.risk.domain.FactorWeight;
import org.fangxin.risk.domain.RatioFloor;
import org.fangxin.risk.domain.TierPolicy;
import org.fangxin.risk.persistence.TablesRepository;
import org.fangxin.rules.RegionCodes;

/**
 * The tables one scoring run applies, read once: factor weights per sector, consequence rows, ratio floors, the tier
 * policy, and the rule table's ratio per region × sector (cached as merchants are met). Not shared between runs.
 */
public final class RunContext {

    private final LocalDate today;
    private final Instant now;
    private final TierPolicy policy;
    private final Map<String, Map<Factor, FactorWeight>> weightsBySector = new HashMap<>();
    private final List<ConsequenceRow> consequences;
    private final List<RatioFloor> floors;
    private final BiFunction<String, String, Integer> ruleRatio;
    private final Map<String, Integer> ruleRatios = new HashMap<>();
    // per sector, and per region × sector: a run meets the same few keys for every merchant of a chunk
    private final Map<String, Map<Factor, FactorWeight>> sectorWeights = new HashMap<>();
    private final Map<String, List<ConsequenceRow>> consequencesByKey = new HashMap<>();
    private final Map<String, List<RatioFloor>> floorsByKey = new HashMap<>();
    private final RunPhases phases = new RunPhases();

    public RunContext(LocalDate today, Instant now, TierPolicy policy, List<TablesRepository.WeightRow> weights,
                      List<ConsequenceRow> consequences, List<RatioFloor> floors,
                      BiFunction<String, String, Integer> ruleRatio) {
        this.today = today;
        this.now = now;
        this.policy = policy;
        this.consequences = List.copyOf(consequences);
        this.floors = List.copyOf(floors);
        this.ruleRatio = ruleRatio;
        for (TablesRepository.WeightRow row : weights) {
            weightsBySector.computeIfAbsent(row.sector(), s -> new EnumMap<>(Factor.class)).put(row.weight().factor(), row.weight());
        }
    }

    public LocalDate today() {
        return today;
    }

    public Instant now() {
        return now;
    }

    public TierPolicy policy() {
        return policy;
    }

    /** Where this run's time goes (logged by the nightly run). */
    public RunPhases phases() {
        return phases;
    }

    /** The weights for a sector: the factor's default, replaced by the all-sector row, replaced by the sector's row. */
    public Map<Factor, FactorWeight> weights(String sector) {
        return sectorWeights.computeIfAbsent(sector, this::weightsOf);
    }

    private Map<Factor, FactorWeight> weightsOf(String sector) {
        Map<Factor, FactorWeight> weights = new EnumMap<>(Factor.class);
        for (Factor factor : Factor.values()) {
            weights.put(factor, factor.defaultWeight());
        }
        weights.putAll(weightsBySector.getOrDefault(ConsequenceRow.ANY, Map.of()));
        weights.putAll(weightsBySector.getOrDefault(sector, Map.of()));
        return java.util.Collections.unmodifiableMap(weights);
    }

    /** Consequence rows that apply to the merchant's region lineage and sector (any tier). */
    public List<ConsequenceRow> consequencesFor(MerchantView merchant) {
        return consequencesByKey.computeIfAbsent(key(merchant), k -> {
            Set<String> regions = regions(merchant.regionCode());
            String sector = merchant.sector().name();
            List<ConsequenceRow> rows = new ArrayList<>();
            for (ConsequenceRow row : consequences) {
                if (regions.contains(row.regionCode()) && (ConsequenceRow.ANY.equals(row.sector()) || row.sector().equals(sector))) {
                    rows.add(row);
                }
            }
            return List.copyOf(rows);
        });
    }

    /** Floors that apply to the merchant's region lineage and sector. */
    public List<RatioFloor> floorsFor(MerchantView merchant) {
        return floorsByKey.computeIfAbsent(key(merchant), k -> {
            Set<String> regions = regions(merchant.regionCode());
            String sector = merchant.sector().name();
            return floors.stream().filter(f -> regions.contains(f.regionCode())
                    && (ConsequenceRow.ANY.equals(f.sector()) || f.sector().equals(sector))).toList();
        });
    }

    /** The rule table's supervision ratio for the merchant's region and sector (null: no rule sets one). */
    public Integer ruleRatio(MerchantView merchant) {
        String key = key(merchant);
        if (!ruleRatios.containsKey(key)) {
            ruleRatios.put(key, ruleRatio.apply(merchant.regionCode(), merchant.sector().name()));
        }
        return ruleRatios.get(key);
    }

    private static String key(MerchantView merchant) {
        return merchant.regionCode() + "|" + merchant.sector().name();
    }

    private static Set<String> regions(String regionCode) {
        Set<String> regions = new java.util.HashSet<>(RegionCodes.lineage(regionCode));
        regions.add(ConsequenceRow.ANY);
        return regions;
    }
}
