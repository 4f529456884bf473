package org.fangxin.complaint.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.complaint.ComplaintCategory;
import org.fangxin.complaint.ComplaintSubject;
import org.fangxin.complaint.domain.CaseProgress;
import org.fangxin.shared.Money;

/** A stored case: what was filed, its workflow state with every deadline, and its row version. */
public record CaseRow(UUID id, String caseNumber, String source, String externalRef, UUID consumerId,
                      String consumerMobile, String consumerName, UUID merchantId, String merchantName, String sector,
                      String regionCode, UUID cardId, UUID redemptionId, UUID refundId, ComplaintSubject subject,
                      ComplaintCategory category, Money asked, String askedAction, String description,
                      CaseProgress progress, boolean redemptionHeld, Money payoutHold, Instant filedAt, LocalDate filedOn,
                      Instant closedAt, Instant failureNoticedAt, UUID claimId, boolean reachedPlatform,
                      boolean reachedAssociation, boolean reachedRegulator, int version) { }
