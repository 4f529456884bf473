package org.fangxin.complaint;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * A complaint as its parties and handlers see it. {@code asked} (money) and/or {@code askedAction} is what the consumer
 * asks for; {@code deadline} is the open deadline (null once closed); {@code agreement} the open or accepted one, if
 * any; {@code claimId} the insurance claim filed when mediation failed. {@code source} is PLATFORM or 12315
 * ({@code externalRef} then holds the 12315 number); {@code consumerId} is null for a case imported from 12315 whose
 * consumer has no account yet.
 */
public record ComplaintView(UUID id, String caseNumber, String source, String externalRef, UUID consumerId,
                            String consumerName, UUID merchantId, String merchantName, String sector, String regionCode,
                            UUID cardId, UUID redemptionId, UUID refundId, ComplaintSubject subject,
                            ComplaintCategory category, Money asked, String askedAction, String description,
                            ComplaintStage stage, ComplaintOutcome outcome, FailureReason failureReason,
                            boolean merchantRefused, boolean redemptionHeld, Money payoutHold, Instant filedAt,
                            LocalDate filedOn, Instant closedAt, DeadlineView deadline, UUID claimId,
                            AgreementView agreement) {

    public boolean open() {
        return stage.open();
    }
}
