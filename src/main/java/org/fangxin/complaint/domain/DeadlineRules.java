package org.fangxin.complaint.domain;

import org.fangxin.complaint.DeadlineKind;

/**
 * Working days each deadline allows (configurable per region). Defaults: negotiation 10 (12315 online dispute
 * resolution), acceptance 7 and mediation 45 (SAMR rules on handling complaints), platform mediation and performance
 * 10; the parties are told of a failed mediation within {@code noticeDays} (7).
 */
public record DeadlineRules(int negotiationDays, int platformDays, int acceptanceDays, int mediationDays,
                            int performanceDays, int noticeDays) {

    public static final int DAYS_MAX = 120;
    public static final DeadlineRules DEFAULTS = new DeadlineRules(10, 10, 7, 45, 10, 7);

    public DeadlineRules {
        for (int days : new int[] {negotiationDays, platformDays, acceptanceDays, mediationDays, performanceDays, noticeDays}) {
            if (days < 1 || days > DAYS_MAX) {
                throw new IllegalArgumentException("deadlines are 1 to " + DAYS_MAX + " working days: " + days);
            }
        }
    }

    public int days(DeadlineKind kind) {
        return switch (kind) {
            case NEGOTIATION -> negotiationDays;
            case PLATFORM_MEDIATION -> platformDays;
            case ACCEPTANCE -> acceptanceDays;
            case MEDIATION -> mediationDays;
            case PERFORMANCE -> performanceDays;
        };
    }
}
