package org.fangxin.insurance.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Policy years run from the policy's start date, anniversary to anniversary; the aggregate limit applies per year. */
public final class PolicyYear {

    private PolicyYear() {
    }

    /** The first day of the policy year containing {@code day} (which must not be before the start). */
    public static LocalDate startOf(LocalDate policyStart, LocalDate day) {
        if (day.isBefore(policyStart)) {
            throw new IllegalArgumentException(day + " is before the policy starts on " + policyStart);
        }
        return policyStart.plusYears(ChronoUnit.YEARS.between(policyStart, day));
    }
}
