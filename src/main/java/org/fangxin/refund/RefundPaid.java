package org.fangxin.refund;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/** The consumer received the refund through the payment provider. */
public record RefundPaid(UUID refundId, UUID cardId, UUID merchantId, UUID holderUserId, Money refund,
                         Instant occurredAt) { }
