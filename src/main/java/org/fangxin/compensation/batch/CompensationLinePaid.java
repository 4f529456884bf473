package org.fangxin.compensation.batch;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * A compensation line was paid: {@code amount} in cash (the provider's refund succeeded, or an operator recorded a
 * manual payout) or, {@code takenOver}, as a new card at the successor merchant. Its holder is told after commit.
 */
public record CompensationLinePaid(UUID lineId, UUID consumerId, Money amount, boolean takenOver, Instant occurredAt) { }
