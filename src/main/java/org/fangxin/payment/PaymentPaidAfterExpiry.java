package org.fangxin.payment;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * The provider took the payer's money for an order that had already expired here: no card may be issued for it, and
 * the full amount goes back to the payer through the refund {@code refundId} (requested automatically). Published once.
 */
public record PaymentPaidAfterExpiry(UUID paymentOrderId, String reference, UUID payerUserId, UUID merchantId,
                                     Money amount, UUID refundId, Instant occurredAt) { }
