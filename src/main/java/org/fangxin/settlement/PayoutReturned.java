package org.fangxin.settlement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * The receiving bank returned a payout ({@code reasonCode}, {@code reasonText} as the bank gave them): its amount is
 * payable again, and the merchant has to correct its settlement account before the next run pays it.
 */
public record PayoutReturned(UUID payoutId, UUID merchantId, Money amount, LocalDate settlementDate, String reasonCode,
                             String reasonText, Instant occurredAt) { }
