package org.fangxin.settlement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * One payout (or hold) of a merchant for a settlement date. {@code amount} is what was instructed (zero when HELD),
 * {@code held} what was withheld and {@code holdReason} why; {@code cutoff} is the exclusive end of the earning
 * period paid.
 */
public record PayoutView(UUID id, UUID runId, UUID merchantId, LocalDate settlementDate, PayoutStatus status,
                         Money amount, Money held, String holdReason, Instant cutoff, String endToEndId,
                         String creditorName, String creditorBank, String creditorAccount, Instant createdAt,
                         Instant instructedAt, Instant submittedAt, Instant confirmedAt, Instant returnedAt,
                         String returnCode, String returnReason) { }
