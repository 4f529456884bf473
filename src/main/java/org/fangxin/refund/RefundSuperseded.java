package org.fangxin.refund;

import java.time.Instant;
import java.util.UUID;

/** An undecided refund request ended because the card's whole unredeemed value is paid by the closure compensation. */
public record RefundSuperseded(UUID refundId, UUID cardId, UUID holderUserId, Instant occurredAt) { }
