package org.fangxin.oversight;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * A filing (备案) of a merchant's prepaid business: why it is due ({@code trigger}, {@code step}: 0 for the first,
 * n for the n-th balance threshold), its state, what the merchant filed and what the regulator answered. Overdue when
 * DUE or CORRECTIONS_REQUESTED after {@code dueOn}.
 */
public record FilingView(UUID id, UUID merchantId, String merchantName, String regionCode, String regionName,
                         String sector, String trigger, int step, String status, LocalDate dueOn, boolean overdue,
                         Money outstandingWhenDue, String products, String escrowBank, String depositNote,
                         String insuranceNote, Instant submittedAt, Instant answeredAt, String answeredBy,
                         String regulatorNote) {

    /** What a merchant files: its prepaid products, escrow bank, deposit and insurance, in its own words. */
    public record Submission(String products, String escrowBank, String depositNote, String insuranceNote) { }
}
