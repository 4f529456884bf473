package org.fangxin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fangxin.rules.RuleFixtures.proposal;
import static org.fangxin.rules.RuleFixtures.rules;

import java.util.List;
import java.util.Set;
import org.fangxin.rules.ProductProposal.Kind;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleSetTests {

    @ParameterizedTest(name = "education {0}: {1} yuan, {2} sessions, {3} months → {4}")
    @CsvSource(nullValues = "-", textBlock = """
            SESSION_PACK, 4800, 48, 3, -
            SESSION_PACK, 6000, 60, 3, -
            SESSION_PACK, 6100, 61, 3, sessions-above-cap
            SESSION_PACK, 6000, 60, 4, term-above-cap
            PERIOD_PASS,  3000, -,  3, -
            PERIOD_PASS,  4000, -,  4, term-above-cap
            """)
    void educationChargesCoverAtMostThreeMonthsOrSixtyClassHours(Kind kind, long yuan, Integer sessions, int months, String rule) {
        var violations = rules("440305", "EDUCATION").check(proposal(kind, yuan, sessions, months));

        assertThat(violations).extracting(Violation::rule).containsExactlyElementsOf(rule == null ? List.of() : List.of(rule));
        violations.forEach(v -> assertThat(v.source()).contains("教监管函〔2021〕2号"));
    }

    @Test
    void educationMoneyIsFullyEscrowedWhileCommerceKeepsForty() {
        assertThat(rules("440305", "EDUCATION").values().supervisionRatioBp()).isEqualTo(10000);
        assertThat(rules("440305", "RETAIL").values().supervisionRatioBp()).isEqualTo(4000);
        assertThat(rules(RuleFixtures.BEIJING_DISTRICT, "YOUTH_SPORTS").values().supervisionRatioBp()).isEqualTo(10000);
    }

    @ParameterizedTest(name = "Beijing youth sports {0} yuan → {1}")
    @CsvSource(nullValues = "-", textBlock = """
            5000, -
            5001, amount-above-cap
            """)
    void beijingYouthSportsChargesAreCappedAtFiveThousandYuan(long yuan, String rule) {
        var violations = rules(RuleFixtures.BEIJING_DISTRICT, "YOUTH_SPORTS").check(proposal(Kind.SESSION_PACK, yuan, 40, 3));

        assertThat(violations).extracting(Violation::rule).containsExactlyElementsOf(rule == null ? List.of() : List.of(rule));
        violations.forEach(v -> assertThat(v.source()).contains("京体产业字〔2023〕12号"));
    }

    @Test
    void beijingYouthSportsRuleDoesNotReachShanghai() {
        assertThat(rules(RuleFixtures.SHANGHAI_DISTRICT, "YOUTH_SPORTS").check(proposal(Kind.SESSION_PACK, 8000, 40, 3))).isEmpty();
    }

    @ParameterizedTest(name = "Shanghai gym {0}: {1} yuan, {2} sessions, {3} months → {4} ({5})")
    @CsvSource(nullValues = "-", textBlock = """
            PERIOD_PASS,  5000,  -,  24, -,                  -
            PERIOD_PASS,  5001,  -,  12, amount-above-cap,   periodPassAmountMaxMinor
            PERIOD_PASS,  3000,  -,  25, term-above-cap,     periodPassTermMonthsMax
            SESSION_PACK, 20000, 60, 12, -,                  -
            SESSION_PACK, 9000,  60, 36, -,                  -
            SESSION_PACK, 20001, 60, 12, amount-above-cap,   sessionPackAmountMaxMinor
            SESSION_PACK, 9000,  61, 12, sessions-above-cap, sessionsMax
            STORED_VALUE, 5000,  -,  -,  -,                  -
            STORED_VALUE, 5001,  -,  -,  amount-above-cap,   storedValueMaxMinor
            """)
    void shanghaiGymCapsDependOnTheKindOfCard(Kind kind, long yuan, Integer sessions, Integer months, String rule, String field) {
        var violations = rules(RuleFixtures.SHANGHAI_DISTRICT, "SPORTS_FITNESS").check(proposal(kind, yuan, sessions, months));

        assertThat(violations).extracting(Violation::rule).containsExactlyElementsOf(rule == null ? List.of() : List.of(rule));
        assertThat(violations).extracting(Violation::field).containsExactlyElementsOf(field == null ? List.of() : List.of(field));
    }

    @Test
    void gymsOutsideShanghaiOnlyMeetTheNationalStoredValueCap() {
        var rules = rules("440305", "SPORTS_FITNESS");

        assertThat(rules.check(proposal(Kind.SESSION_PACK, 30000, 200, 36))).isEmpty();
        assertThat(rules.check(proposal(Kind.STORED_VALUE, 5001, null, null))).extracting(Violation::source)
                .containsExactly("national");
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            本卡售出概不退款                       | 概不退款
            本卡 概 不 退 款                       | 概不退款
            遗失不补办                             | 不补办
            本活动最终解释权归本店所有             | 解释权归;最终解释权
            会员卡不得转让他人                     | 不得转让
            All sales final, NO REFUND.            | no refund
            The final  interpretation is ours      | final interpretation
            剩余课时按比例随时可退                 | -
            Unused sessions are refunded pro rata. | -
            """)
    void detectsBannedPhrasesInAnyForm(String text, String phrase) {
        var rules = rules("440305", "BEAUTY");
        var p = new ProductProposal(Kind.STORED_VALUE, Money.yuan(100), null, null, null, 7, 0, true, Set.copyOf(Clauses.ALL), List.of(text));

        var violations = rules.check(p);

        assertThat(violations).extracting(Violation::limit)
                .containsExactlyInAnyOrderElementsOf(phrase == null ? List.of() : List.of(phrase.split(";")));
        assertThat(violations).allSatisfy(v -> {
            assertThat(v.rule()).isEqualTo(Violation.BANNED_CLAUSE);
            assertThat(v.source()).isEqualTo("national");
        });
    }

    @Test
    void aBanOnTransferIsAVoidClause() {
        var p = new ProductProposal(Kind.PERIOD_PASS, Money.yuan(300), null, 1, null, 7, 0, false, Set.copyOf(Clauses.ALL), List.of());

        assertThat(rules("440305", "SPORTS_FITNESS").check(p)).extracting(Violation::rule).containsExactly(Violation.TRANSFER_BANNED);
    }

    @Test
    void coolingOffBelowSevenDaysMissingClausesAndDaysTermAreNamed() {
        var p = new ProductProposal(Kind.PERIOD_PASS, Money.yuan(300), null, null, 94, 3, 0, true,
                Set.of(Clauses.PARTIES), List.of());

        var violations = rules("440305", "EDUCATION").check(p);

        assertThat(violations).extracting(Violation::rule).contains(Violation.COOLING_OFF_TOO_SHORT, Violation.TERM_DAYS_ABOVE_CAP,
                Violation.CLAUSE_MISSING);
        assertThat(violations).filteredOn(v -> v.rule().equals(Violation.CLAUSE_MISSING)).hasSize(8);
    }

    @Test
    void refundFeeAboveTheCapIsRefusedWhenARegionSetsOne() {
        var capped = RuleFixtures.row("440000", "*", new RuleValues(null, null, null, null, null, null, null, null, null,
                null, 1000, null, null), "Guangdong test cap");
        var rules = RuleSet.merge("440305", "BEAUTY", RuleFixtures.DAY, List.of(RuleFixtures.NATIONAL, capped));
        var p = proposal(Kind.STORED_VALUE, 100, null, null);

        assertThat(rules.check(new ProductProposal(p.kind(), p.price(), null, null, null, 7, 1000, true, p.clausesPresent(), p.texts())))
                .isEmpty();
        assertThat(rules.check(new ProductProposal(p.kind(), p.price(), null, null, null, 7, 1001, true, p.clausesPresent(), p.texts())))
                .extracting(Violation::rule, Violation::source).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        Violation.REFUND_FEE_ABOVE_CAP, "Guangdong test cap"));
    }

    @Test
    void aRegionalValueOverridesTheNationalOneAndListsAccumulate() {
        var beijing = RuleFixtures.row("110000", "*", new RuleValues(5, null, null, null, null, null, null, null, null, null,
                null, List.of("CLOSURE"), List.of("过期作废")), "Beijing test");
        var rules = RuleSet.merge("110105", "RETAIL", RuleFixtures.DAY, List.of(beijing, RuleFixtures.NATIONAL));

        assertThat(rules.values().coolingOffDaysMin()).isEqualTo(5);
        assertThat(rules.sourceOf("coolingOffDaysMin")).isEqualTo("Beijing test");
        assertThat(rules.values().storedValueMaxMinor()).isEqualTo(500_000L);
        assertThat(rules.values().requiredClauses()).contains("CLOSURE", "PARTIES");
        assertThat(rules.values().bannedPhrases()).contains("过期作废", "概不退款");
    }

    @Test
    void aSectorRuleOutranksARegionWideRule() {
        var beijingGeneral = RuleFixtures.row("110000", "*", new RuleValues(null, null, null, null, null, null, null, null,
                2000, null, null, null, null), "Beijing commerce");
        var rules = RuleSet.merge("110105", "EDUCATION", RuleFixtures.DAY,
                List.of(RuleFixtures.NATIONAL, beijingGeneral, RuleFixtures.EDUCATION));

        assertThat(rules.values().supervisionRatioBp()).isEqualTo(10000);
    }

    @ParameterizedTest(name = "purchase {0} yuan, holding {1}, real-name {2} → {3}")
    @CsvSource(nullValues = "-", textBlock = """
            5000,  0,     false, -
            9999,  0,     false, -
            10000, 0,     false, real-name-required
            10000, 0,     true,  -
            15000, 5000,  true,  -
            15000, 5001,  true,  consumer-total-above-cap
            """)
    void purchasesReCheckTheConsumerTotalAndRealNameThreshold(long yuan, long heldYuan, boolean verified, String rule) {
        var rules = rules(RuleFixtures.SHANGHAI_DISTRICT, "SPORTS_FITNESS");

        var violations = rules.checkPurchase(new PurchaseProposal(Kind.SESSION_PACK, Money.yuan(yuan), Money.yuan(heldYuan), verified));

        assertThat(violations).extracting(Violation::rule).containsExactlyElementsOf(rule == null ? List.of() : List.of(rule));
    }

    @Test
    void regionLineageRunsFromProvinceToDistrict() {
        assertThat(RegionCodes.lineage("110105")).containsExactly("110000", "110100", "110105");
        assertThat(RegionCodes.lineage("310000")).containsExactly("310000");
        assertThat(RegionCodes.lineage("abc")).isEmpty();
    }
}
