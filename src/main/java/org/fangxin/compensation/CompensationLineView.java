package org.fangxin.compensation;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * One consumer's compensation for one card of a closed merchant: the unredeemed value and the sources that pay it
 * (escrow + deposit + guarantee fund = unredeemed), the consumer's choice, the deadline for choosing ({@code chooseBy};
 * the line is paid then, or at once when the consumer confirms the choice earlier) and where it stands.
 * Status: PLANNED (waiting for the deadline), PAYING (sent to the payment provider), MANUAL_PAYOUT (an operator pays it
 * by bank transfer: no payment order of this holder, or the provider refused), PAID. {@code successorName} names the
 * merchant that took over the store's customers, when there is one (the consumer may then choose TAKEOVER).
 */
public record CompensationLineView(UUID id, UUID caseId, UUID merchantId, String merchantName, UUID cardId,
                                   UUID consumerId, Money unredeemed, Money fromEscrow, Money fromDeposit,
                                   Money fromGuaranteeFund, String choice, Instant chooseBy, Instant chosenAt,
                                   String status, String manualReason, Instant paidAt,
                                   String successorName) { }
