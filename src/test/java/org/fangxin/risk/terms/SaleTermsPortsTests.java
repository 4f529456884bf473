package org.fangxin.risk.terms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.AdvanceLimits;
import org.fangxin.risk.RiskTier;
import org.fangxin.risk.TermsView;
import org.fangxin.risk.persistence.TierRepository;
import org.fangxin.rules.SupervisionRatio;
import org.fangxin.rules.SupervisionRatioFloors;
import org.fangxin.shared.Money;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The two terms every purchase applies, read by primary key without parsing the stored sources (issue 15): the
 * supervision ratio with the table row behind it, and the advance cap as an allowance. Both must answer what the full
 * terms say, and nothing for a merchant the rating never reached.
 */
class SaleTermsPortsTests extends IntegrationTest {

    @Autowired
    TierRepository tiers;

    @Autowired
    TermsPorts ports;

    @Test
    void aRatedMerchantsRatioNamesItsTierAndTableRowAndItsCapIsTheAllowanceLeft() {
        UUID merchant = UUID.randomUUID();
        tiers.saveTerms(List.of(terms(merchant, RiskTier.C, 5_000, Money.fen(120_000),
                Map.of("supervisionRatioBp", "consequence 410200/SPORTS_FITNESS/C v2", "advanceCap", "floor"))));

        SupervisionRatioFloors.Bounds bounds = ports.boundsFor(merchant, LocalDate.of(2026, 12, 8));

        SupervisionRatio expected = new SupervisionRatio(5_000, "风险等级 C (risk tier): consequence 410200/SPORTS_FITNESS/C v2");
        assertThat(bounds.floor()).contains(expected);
        assertThat(bounds.relief()).contains(expected);
        assertThat(ports.floorFor(merchant, LocalDate.of(2026, 12, 8))).contains(expected);
        // no advance taken yet: the whole cap is left
        assertThat(((AdvanceLimits) ports).allowance(merchant)).contains(Money.fen(120_000));
        // the full terms still read the same stored row, sources parsed
        assertThat(tiers.terms(merchant).orElseThrow().sources()).containsEntry("advanceCap", "floor");
    }

    @Test
    void aRatioWithoutASourceRowIsNamedByItsTierAloneAndNoCapLimitsNothing() {
        UUID merchant = UUID.randomUUID();
        tiers.saveTerms(List.of(terms(merchant, RiskTier.A, 3_000, null, Map.of())));

        assertThat(ports.boundsFor(merchant, LocalDate.of(2026, 12, 8)).floor())
                .contains(new SupervisionRatio(3_000, "风险等级 A (risk tier)"));
        assertThat(((AdvanceLimits) ports).allowance(merchant)).isEmpty();
    }

    @Test
    void aMerchantNeverRatedGetsNoAnswerSoTheOwnersRuleApplies() {
        UUID merchant = UUID.randomUUID();

        assertThat(ports.boundsFor(merchant, LocalDate.of(2026, 12, 8)).floor()).isEmpty();
        assertThat(((AdvanceLimits) ports).allowance(merchant)).isEmpty();
        assertThat(tiers.terms(merchant)).isEmpty();
    }

    private TermsView terms(UUID merchant, RiskTier tier, int ratioBp, Money cap, Map<String, String> sources) {
        return new TermsView(merchant, tier, ratioBp, cap, null, "B", null, DayOfWeek.MONDAY, false, null, sources,
                clock.instant());
    }
}
