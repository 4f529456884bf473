package org.fangxin.refund;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * A refund request as its consumer, the merchant and operators see it. The quote fields are those of the request
 * until approval and those of the surrendered card from then on. {@code contestDeadline} is the last day (merchant's
 * zone) the merchant may contest; {@code clawedFromPayable}, {@code clawedFromDeposit} and {@code uncovered} split the
 * escrow shortfall an advance left.
 */
public record RefundView(UUID id, UUID cardId, UUID holderUserId, UUID merchantId, RefundReason reason,
                         RefundStatus status, RefundMethodApplied method, boolean coolingOff, Money paid,
                         Money unredeemed, Money gross, int feeBp, Money fee, Money refund, Money retained,
                         Instant requestedAt, LocalDate requestedOn, LocalDate contestDeadline, String contestReason,
                         Instant contestedAt, String decisionReason, String decidedBy, Instant decidedAt,
                         Instant approvedAt, Money clawedFromPayable, Money clawedFromDeposit, Money uncovered,
                         String paymentReference, int paymentAttempts, String paymentError, Instant paidAt) { }
