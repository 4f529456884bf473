package org.fangxin.merchant;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import org.fangxin.shared.Money;

/**
 * What the business licence and the accounts say about a merchant, which some rules need (Shanghai: 100 % escrow for a
 * business younger than a year or a prepaid balance above 20 % of the prior year's revenue; Siping: no prepaid sales in
 * the first 6 months after licensing): the licence date, the registered capital and the revenue of a past calendar
 * year ({@code revenueYear}). Null fields are not declared (merchants onboarded before these facts were asked for).
 */
public record BusinessFacts(LocalDate licensedOn, Money registeredCapital, Money priorYearRevenue, Integer revenueYear) {

    public static final BusinessFacts UNDECLARED = new BusinessFacts(null, null, null, null);

    /** How long the business has been licensed on {@code day}; empty when the licence date is not declared. */
    public Optional<Period> ageOn(LocalDate day) {
        if (licensedOn == null) {
            return Optional.empty();
        }
        return Optional.of(day.isBefore(licensedOn) ? Period.ZERO : Period.between(licensedOn, day));
    }

    /** Whole months licensed on {@code day}; empty when the licence date is not declared. */
    public Optional<Long> monthsLicensedOn(LocalDate day) {
        return ageOn(day).map(Period::toTotalMonths);
    }
}
