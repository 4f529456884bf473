package org.fangxin.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * The terms a merchant writes into a product's contract. A refund fee ({@code refundFeeBp} of the refund) never applies
 * within the cooling-off period or when the merchant is at fault; that sentence is part of every contract.
 * {@code usedSessionsAtListPrice}: a consumer who leaves by choice gets back what was paid less the used units (sessions,
 * days, value) at list price — the harshest deduction allowed, with no fee on top; without it a fee may apply but never
 * takes the refund below that amount.
 */
public record ContractTerms(@NotNull @PositiveOrZero @Max(365) Integer coolingOffDays,
                            @NotNull RefundMethod refundMethod,
                            @PositiveOrZero @Max(10000) Integer refundFeeBp,
                            @NotNull Boolean transferable,
                            @Size(max = 2000) String closureTerms,
                            @Size(max = 2000) String disputeResolution,
                            @Size(max = 4000) String extraTerms,
                            Boolean usedSessionsAtListPrice) {

    /** Terms without the list-price clause. */
    public ContractTerms(Integer coolingOffDays, RefundMethod refundMethod, Integer refundFeeBp, Boolean transferable,
                         String closureTerms, String disputeResolution, String extraTerms) {
        this(coolingOffDays, refundMethod, refundFeeBp, transferable, closureTerms, disputeResolution, extraTerms, false);
    }

    public ContractTerms {
        usedSessionsAtListPrice = Boolean.TRUE.equals(usedSessionsAtListPrice);
        refundFeeBp = refundFeeBp == null ? 0 : refundFeeBp;
        closureTerms = blankToNull(closureTerms);
        disputeResolution = blankToNull(disputeResolution);
        extraTerms = blankToNull(extraTerms);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
