package org.fangxin.rules;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one rule-table row. In a stored row, null means "not set here" (inherit from the more general row);
 * in an effective {@link RuleSet}, null means "no limit". Amounts are in fen, ratios in basis points (10000 = 100%).
 * {@code termMonthsMax} caps the term of every kind with a term; {@code periodPassTermMonthsMax} only memberships
 * (period passes), as Shanghai's gym rule caps memberships at 24 months but not class packs.
 */
public record RuleValues(@PositiveOrZero @Max(365) Integer coolingOffDaysMin,
                         @Positive Long purchaseAmountMaxMinor,
                         @Positive Long sessionPackAmountMaxMinor,
                         @Positive Long periodPassAmountMaxMinor,
                         @Positive Long storedValueMaxMinor,
                         @Positive Long consumerTotalMaxMinor,
                         @Positive @Max(1200) Integer termMonthsMax,
                         @Positive @Max(100000) Integer sessionsMax,
                         @PositiveOrZero @Max(10000) Integer supervisionRatioBp,
                         @Positive Long realNameThresholdMinor,
                         @PositiveOrZero @Max(10000) Integer refundFeeCapBp,
                         @Size(max = 30) List<@NotNull @Size(min = 2, max = 40) String> requiredClauses,
                         @Size(max = 100) List<@NotNull @Size(min = 2, max = 60) String> bannedPhrases,
                         @Positive @Max(1200) Integer periodPassTermMonthsMax) {

    public static final RuleValues NONE = new RuleValues(null, null, null, null, null, null, null, null, null, null, null,
            List.of(), List.of(), null);

    /** The values without the limits added later (a membership's own term cap): those stay unset. */
    public RuleValues(Integer coolingOffDaysMin, Long purchaseAmountMaxMinor, Long sessionPackAmountMaxMinor,
                      Long periodPassAmountMaxMinor, Long storedValueMaxMinor, Long consumerTotalMaxMinor,
                      Integer termMonthsMax, Integer sessionsMax, Integer supervisionRatioBp, Long realNameThresholdMinor,
                      Integer refundFeeCapBp, List<String> requiredClauses, List<String> bannedPhrases) {
        this(coolingOffDaysMin, purchaseAmountMaxMinor, sessionPackAmountMaxMinor, periodPassAmountMaxMinor,
                storedValueMaxMinor, consumerTotalMaxMinor, termMonthsMax, sessionsMax, supervisionRatioBp,
                realNameThresholdMinor, refundFeeCapBp, requiredClauses, bannedPhrases, null);
    }

    public RuleValues {
        requiredClauses = requiredClauses == null ? List.of() : requiredClauses.stream().map(String::trim).distinct().toList();
        bannedPhrases = bannedPhrases == null ? List.of() : bannedPhrases.stream().map(String::trim).distinct().toList();
    }

    /** The scalar limits by field name (nulls kept), in a stable order; used for merging and audit records. */
    public Map<String, Object> scalars() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("coolingOffDaysMin", coolingOffDaysMin);
        map.put("purchaseAmountMaxMinor", purchaseAmountMaxMinor);
        map.put("sessionPackAmountMaxMinor", sessionPackAmountMaxMinor);
        map.put("periodPassAmountMaxMinor", periodPassAmountMaxMinor);
        map.put("storedValueMaxMinor", storedValueMaxMinor);
        map.put("consumerTotalMaxMinor", consumerTotalMaxMinor);
        map.put("termMonthsMax", termMonthsMax);
        map.put("sessionsMax", sessionsMax);
        map.put("supervisionRatioBp", supervisionRatioBp);
        map.put("realNameThresholdMinor", realNameThresholdMinor);
        map.put("refundFeeCapBp", refundFeeCapBp);
        map.put("periodPassTermMonthsMax", periodPassTermMonthsMax);
        return map;
    }

    static RuleValues fromScalars(Map<String, Object> map, List<String> requiredClauses, List<String> bannedPhrases) {
        return new RuleValues((Integer) map.get("coolingOffDaysMin"), (Long) map.get("purchaseAmountMaxMinor"),
                (Long) map.get("sessionPackAmountMaxMinor"), (Long) map.get("periodPassAmountMaxMinor"),
                (Long) map.get("storedValueMaxMinor"), (Long) map.get("consumerTotalMaxMinor"),
                (Integer) map.get("termMonthsMax"), (Integer) map.get("sessionsMax"),
                (Integer) map.get("supervisionRatioBp"), (Long) map.get("realNameThresholdMinor"),
                (Integer) map.get("refundFeeCapBp"), requiredClauses, bannedPhrases,
                (Integer) map.get("periodPassTermMonthsMax"));
    }
}
