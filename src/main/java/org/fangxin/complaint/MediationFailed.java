package org.fangxin.complaint;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * Mediation ended without agreement, or the merchant did not carry out the agreement in time: the insurance trigger
 * MEDIATION_FAILED. {@code claimed} is what the consumer lost on {@code cardId} (what they asked for, at most the card's
 * unredeemed value; null without a card or an amount); {@code failedOn} in Shanghai.
 */
public record MediationFailed(UUID complaintId, String caseNumber, UUID merchantId, UUID consumerId, UUID cardId,
                              Money claimed, FailureReason reason, LocalDate failedOn, Instant at) { }
