package org.fangxin.merchant.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fangxin.merchant.BusinessFacts;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessFactsRulesTests {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    static List<String> fields(BusinessFacts facts) {
        List<FieldProblem> problems = new ArrayList<>();
        ApplicationRules.checkBusiness(facts, TODAY, problems);
        return problems.stream().map(FieldProblem::field).toList();
    }

    @Test
    void acceptsALicensedBusinessWithCapitalAndLastYearsRevenue() {
        assertThat(fields(new BusinessFacts(LocalDate.of(2019, 5, 20), Money.yuan(1_000_000), Money.yuan(3_000_000), 2025))).isEmpty();
    }

    @Test
    void acceptsANewBusinessWithoutRevenue() {
        assertThat(fields(new BusinessFacts(TODAY, Money.zero(Money.CNY), null, null))).isEmpty();
    }

    @Test
    void requiresTheLicenceDateAndTheRegisteredCapital() {
        assertThat(fields(BusinessFacts.UNDECLARED)).containsExactly("business.licensedOn", "business.registeredCapital");
    }

    @ParameterizedTest
    @CsvSource({"2026-03-03, business.licensedOn", "1949-09-30, business.licensedOn"})
    void refusesALicenceDateInTheFutureOrBeforeTheRegister(LocalDate licensedOn, String field) {
        assertThat(fields(new BusinessFacts(licensedOn, Money.yuan(1), null, null))).containsExactly(field);
    }

    @ParameterizedTest
    @CsvSource({"-1, business.registeredCapital", "10000000000000001, business.registeredCapital"})
    void refusesANegativeOrAbsurdCapital(long fen, String field) {
        assertThat(fields(new BusinessFacts(TODAY, Money.fen(fen), null, null))).containsExactly(field);
    }

    @Test
    void refusesCapitalInAnotherCurrency() {
        var usd = new Money(100, java.util.Currency.getInstance("USD"));
        assertThat(fields(new BusinessFacts(TODAY, usd, null, null))).containsExactly("business.registeredCapital");
    }

    @ParameterizedTest
    @CsvSource({"2026", "2018", "2027"})
    void refusesARevenueYearThatIsNotAPastYearSinceLicensing(int year) {
        var facts = new BusinessFacts(LocalDate.of(2019, 5, 20), Money.yuan(1), Money.yuan(10), year);
        assertThat(fields(facts)).containsExactly("business.revenueYear");
    }

    @Test
    void refusesARevenueYearWithoutRevenue() {
        assertThat(fields(new BusinessFacts(LocalDate.of(2019, 5, 20), Money.yuan(1), null, 2025)))
                .containsExactly("business.revenueYear");
    }

    @Test
    void aRevenueWithoutYearIsLastYears() {
        var facts = ApplicationRules.normalizeBusiness(new BusinessFacts(LocalDate.of(2019, 5, 20), Money.yuan(1),
                Money.yuan(10), null), TODAY);
        assertThat(facts.revenueYear()).isEqualTo(2025);
    }

    @Test
    void countsWholeMonthsSinceLicensing() {
        var facts = new BusinessFacts(LocalDate.of(2025, 9, 3), Money.yuan(1), null, null);
        assertThat(facts.monthsLicensedOn(TODAY)).contains(5L);
        assertThat(BusinessFacts.UNDECLARED.monthsLicensedOn(TODAY)).isEmpty();
    }
}
