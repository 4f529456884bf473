package org.fangxin.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fangxin.catalog.domain.CatalogFixtures.TODAY;
import static org.fangxin.catalog.domain.CatalogFixtures.gym;
import static org.fangxin.catalog.domain.CatalogFixtures.periodPass;
import static org.fangxin.catalog.domain.CatalogFixtures.sessionPack;
import static org.fangxin.catalog.domain.CatalogFixtures.storedValue;

import java.util.List;
import java.util.UUID;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ProductDraft;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Sector;
import org.fangxin.rules.RuleFixtures;
import org.fangxin.rules.RuleSet;
import org.fangxin.rules.Violation;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListingTests {

    static final MerchantView SHANGHAI_GYM = gym(Sector.SPORTS_FITNESS, "310104");
    static final RuleSet SHANGHAI_GYM_RULES = RuleFixtures.rules("310104", "SPORTS_FITNESS");

    private static List<String> rulesBroken(ProductDraft draft, MerchantView merchant, RuleSet rules) {
        Listing.validate(draft, merchant);
        return Listing.check(draft, merchant, rules, TODAY).stream().map(Violation::rule).toList();
    }

    @Test
    void theDomainExamplesAreListable() {
        assertThat(rulesBroken(sessionPack(2000, 60, Term.months(12)), SHANGHAI_GYM, SHANGHAI_GYM_RULES)).isEmpty();
        assertThat(rulesBroken(periodPass(300, Term.months(1)), SHANGHAI_GYM, SHANGHAI_GYM_RULES)).isEmpty();
        assertThat(rulesBroken(storedValue(1000, 1100), SHANGHAI_GYM, SHANGHAI_GYM_RULES)).isEmpty();
    }

    @ParameterizedTest(name = "Shanghai gym pack {0} yuan × {1} sessions → {2}")
    @CsvSource(nullValues = "-", textBlock = """
            20000, 60, -
            20001, 60, amount-above-cap
            9000,  61, sessions-above-cap
            """)
    void shanghaiGymClassPacksKeepTheCaps(long yuan, int sessions, String rule) {
        assertThat(rulesBroken(sessionPack(yuan, sessions, Term.months(12)), SHANGHAI_GYM, SHANGHAI_GYM_RULES))
                .containsExactlyElementsOf(rule == null ? List.of() : List.of(rule));
    }

    @ParameterizedTest(name = "education {0} class hours valid {1} months → {2}")
    @CsvSource(nullValues = "-", textBlock = """
            48, 3, -
            60, 3, -
            61, 3, sessions-above-cap
            48, 6, term-above-cap
            """)
    void educationChargesCoverAtMostThreeMonthsOrSixtyClassHours(int sessions, int months, String rule) {
        var school = gym(Sector.EDUCATION, "440305");
        assertThat(rulesBroken(sessionPack(4800, sessions, Term.months(months)), school, RuleFixtures.rules("440305", "EDUCATION")))
                .containsExactlyElementsOf(rule == null ? List.of() : List.of(rule));
    }

    @ParameterizedTest(name = "valid {0} {1} at a store whose lease ends 2026-06-30 → {2}")
    @CsvSource(nullValues = "-", textBlock = """
            3,   MONTHS, -
            4,   MONTHS, validity-past-lease-end
            121, DAYS,   -
            122, DAYS,   validity-past-lease-end
            """)
    void validityMayNotRunPastTheLeaseOfTheStore(int count, Term.Unit unit, String rule) {
        var draft = new ProductDraft("月卡", null, org.fangxin.catalog.ProductKind.PERIOD_PASS, Money.yuan(300), null, null, null,
                new Term(count, unit), List.of(CatalogFixtures.SHORT_LEASE_STORE), CatalogFixtures.fairTerms(RefundMethod.PRO_RATA_DAYS));

        var violations = Listing.check(draft, SHANGHAI_GYM, SHANGHAI_GYM_RULES, TODAY);

        assertThat(violations).extracting(Violation::rule).containsExactlyElementsOf(rule == null ? List.of() : List.of(rule));
        assertThat(violations).allSatisfy(v -> assertThat(v.source()).contains("租期"));
    }

    @Test
    void aBannedClauseIsRefusedWithTheRuleAndItsSource() {
        var draft = CatalogFixtures.withExtraTerms(periodPass(300, Term.months(1)), "本卡一经售出，概不退款。");

        var violations = Listing.check(draft, SHANGHAI_GYM, SHANGHAI_GYM_RULES, TODAY);

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(Violation.BANNED_CLAUSE);
            assertThat(v.limit()).isEqualTo("概不退款");
            assertThat(v.source()).isEqualTo("national");
        });
    }

    @Test
    void aNonTransferableCardAndAShortCoolingOffAreRefused() {
        var draft = periodPass(300, Term.months(1)).withTerms(new ContractTerms(3, RefundMethod.PRO_RATA_DAYS, 0, false,
                null, "调解", null));

        assertThat(rulesBroken(draft, SHANGHAI_GYM, SHANGHAI_GYM_RULES))
                .containsExactlyInAnyOrder(Violation.COOLING_OFF_TOO_SHORT, Violation.TRANSFER_BANNED);
    }

    @Test
    void aContractWithoutDisputeResolutionLacksARequiredClause() {
        var draft = periodPass(300, Term.months(1)).withTerms(new ContractTerms(7, RefundMethod.PRO_RATA_DAYS, 0, true,
                null, " ", null));

        var violations = Listing.check(draft, SHANGHAI_GYM, SHANGHAI_GYM_RULES, TODAY);

        assertThat(violations).extracting(Violation::rule, Violation::limit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Violation.CLAUSE_MISSING, "DISPUTE_RESOLUTION"));
    }

    @Test
    void incoherentDraftsAreInvalidInput() {
        assertThatThrownBy(() -> Listing.validate(storedValue(1000, 900), SHANGHAI_GYM)).isInstanceOf(Rejection.class)
                .hasMessageContaining("face value");
        var cheapList = new ProductDraft("x", null, org.fangxin.catalog.ProductKind.PERIOD_PASS, Money.yuan(300), Money.yuan(200),
                null, null, Term.months(1), List.of(CatalogFixtures.STORE), CatalogFixtures.fairTerms(RefundMethod.PRO_RATA_DAYS));
        assertThatThrownBy(() -> Listing.validate(cheapList, SHANGHAI_GYM)).hasMessageContaining("list price");
        var wrongMethod = periodPass(300, Term.months(1)).withTerms(CatalogFixtures.fairTerms(RefundMethod.PRO_RATA_SESSIONS));
        assertThatThrownBy(() -> Listing.validate(wrongMethod, SHANGHAI_GYM)).hasMessageContaining("does not fit");
        var noSessions = new ProductDraft("x", null, org.fangxin.catalog.ProductKind.SESSION_PACK, Money.yuan(300), null, null,
                null, Term.months(1), List.of(CatalogFixtures.STORE), CatalogFixtures.fairTerms(RefundMethod.PRO_RATA_SESSIONS));
        assertThatThrownBy(() -> Listing.validate(noSessions, SHANGHAI_GYM)).hasMessageContaining("sessions");
        var foreignStore = new ProductDraft("x", null, org.fangxin.catalog.ProductKind.PERIOD_PASS, Money.yuan(300), null, null,
                null, Term.months(1), List.of(UUID.randomUUID()), CatalogFixtures.fairTerms(RefundMethod.PRO_RATA_DAYS));
        assertThatThrownBy(() -> Listing.validate(foreignStore, SHANGHAI_GYM)).hasMessageContaining("not a store of this merchant");
    }
}
