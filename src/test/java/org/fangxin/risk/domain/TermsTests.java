package org.fangxin.risk.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.util.List;
import org.fangxin.risk.RiskTier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The consequence table and the floors of domain.md §4 (the seeded defaults, as rows here). */
class TermsTests {

    static final List<ConsequenceRow> ALL = List.of(
            new ConsequenceRow("*", "*", RiskTier.A, 3000, null, 2000, "A", "DAILY", null, false, "A row"),
            new ConsequenceRow("*", "*", RiskTier.B, null, null, null, "B", null, null, false, "B row"),
            new ConsequenceRow("*", "*", RiskTier.C, 6000, 5_000_000L, 5000, "C", "WEEKLY", DayOfWeek.FRIDAY, false, "C row"),
            new ConsequenceRow("*", "*", RiskTier.D, 10000, 0L, 10000, "C", "WEEKLY", DayOfWeek.FRIDAY, true, "D row"),
            new ConsequenceRow("310000", "*", RiskTier.A, 3500, null, null, null, null, null, null, "Shanghai A"));
    /** The national rows: what a merchant outside Shanghai is measured against (rows are filtered by region first). */
    static final List<ConsequenceRow> ROWS = ALL.subList(0, 4);

    static final RatioFloor BEIJING = new RatioFloor("110000", "RETAIL", RatioFloor.Condition.BALANCE_AT_LEAST, 50_000_000,
            4000, false, "京商秩字〔2023〕18号");
    static final RatioFloor SHANGHAI_BALANCE = new RatioFloor("310000", "RETAIL", RatioFloor.Condition.BALANCE_ABOVE, 20_000_000,
            4000, false, "上海 >20万");
    static final RatioFloor SHANGHAI_YOUNG = new RatioFloor("310000", "RETAIL", RatioFloor.Condition.YOUNGER_THAN_MONTHS, 12,
            10000, false, "上海 不满一年");
    static final RatioFloor SHANGHAI_REVENUE = new RatioFloor("310000", "RETAIL",
            RatioFloor.Condition.BALANCE_ABOVE_REVENUE_SHARE_BP, 2000, 10000, false, "上海 20% 收入");
    static final RatioFloor SIPING = new RatioFloor("220300", "*", RatioFloor.Condition.YOUNGER_THAN_MONTHS, 6, null, true,
            "四平 6个月");

    static Terms.Position position(long balanceYuan, Long months, Long revenueYuan) {
        return new Terms.Position(balanceYuan * 100, months, revenueYuan == null ? null : revenueYuan * 100);
    }

    @Test
    void eachTierHasItsRowAndBFallsBackToTheRuleTable() {
        var a = Terms.evaluate(RiskTier.A, ROWS, List.of(), position(0, 60L, null), 4000);
        assertThat(a.supervisionRatioBp()).isEqualTo(3000);
        assertThat(a.insuranceTier()).isEqualTo("A");
        assertThat(a.settlementFrequency()).isEqualTo("DAILY");
        var b = Terms.evaluate(RiskTier.B, ROWS, List.of(), position(0, 60L, null), 4000);
        assertThat(b.supervisionRatioBp()).isEqualTo(4000);
        assertThat(b.sources()).containsEntry("supervisionRatioBp", "rules");
        assertThat(b.settlementFrequency()).isNull();
        var d = Terms.evaluate(RiskTier.D, ROWS, List.of(), position(0, 60L, null), 4000);
        assertThat(d.salesBlocked()).isTrue();
        assertThat(d.blockSource()).isEqualTo("D row");
        assertThat(d.advanceCapMinor()).isZero();
        assertThat(d.payoutDay()).isEqualTo(DayOfWeek.FRIDAY);
    }

    @Test
    void aRegionalRowOverridesTheNationalOneFieldByField() {
        var national = Terms.evaluate(RiskTier.A, ROWS, List.of(), position(0, 60L, null), 4000);
        var shanghai = Terms.evaluate(RiskTier.A, ALL, List.of(), position(0, 60L, null), 4000);
        assertThat(national.supervisionRatioBp()).isEqualTo(3000);
        assertThat(shanghai.supervisionRatioBp()).isEqualTo(3500); // the Shanghai row is more specific
        assertThat(shanghai.depositShareBp()).isEqualTo(2000);     // not set in the Shanghai row: inherited
        assertThat(shanghai.sources()).containsEntry("supervisionRatioBp", "Shanghai A");
    }

    @ParameterizedTest
    @CsvSource({"499999, 3000", "500000, 4000", "900000, 4000"})
    void beijingCommerceKeepsFortyPercentOnceTheBalanceReachesHalfAMillionYuan(long balanceYuan, int ratio) {
        var terms = Terms.evaluate(RiskTier.A, ROWS, List.of(BEIJING), position(balanceYuan, 60L, null), 4000);
        assertThat(terms.supervisionRatioBp()).isEqualTo(ratio);
    }

    @ParameterizedTest
    @CsvSource({
            "200000, 60, 5000000, 3000",   // at 200,000: not above
            "200001, 60, 5000000, 4000",   // above 200,000 yuan: 40 %
            "100000, 11, 5000000, 10000",  // younger than a year: all of it
            "100000, 60, 400000, 10000",   // balance above 20 % of prior-year revenue
            "100000, 60, 500000, 3000",    // exactly 20 %: not above
            "100000, , , 3000"})           // facts not declared: the conditions cannot apply
    void shanghaiCommerceFloors(long balanceYuan, Long months, Long revenueYuan, int ratio) {
        var floors = List.of(SHANGHAI_BALANCE, SHANGHAI_YOUNG, SHANGHAI_REVENUE);
        var terms = Terms.evaluate(RiskTier.A, ROWS, floors, position(balanceYuan, months, revenueYuan), 4000);
        assertThat(terms.supervisionRatioBp()).isEqualTo(ratio);
    }

    @Test
    void sipingStopsSalesInTheFirstSixMonthsWhateverTheTier() {
        var young = Terms.evaluate(RiskTier.A, ROWS, List.of(SIPING), position(0, 5L, null), 4000);
        assertThat(young.salesBlocked()).isTrue();
        assertThat(young.blockSource()).isEqualTo("四平 6个月");
        assertThat(Terms.evaluate(RiskTier.A, ROWS, List.of(SIPING), position(0, 6L, null), 4000).salesBlocked()).isFalse();
    }

    @Test
    void noRowAndNoRuleKeepsEverythingInEscrow() {
        assertThat(Terms.evaluate(RiskTier.B, List.of(), List.of(), position(0, 60L, null), null).supervisionRatioBp())
                .isEqualTo(10_000);
    }
}
