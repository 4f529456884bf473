package org.fangxin.refund;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** A refund was approved: the card is surrendered, the ledger posted and the payment requested (if anything is due). */
public record RefundApproved(UUID refundId, UUID cardId, UUID merchantId, UUID holderUserId, RefundReason reason,
                             Money refund, Money retained, Instant occurredAt) { }
