package org.fangxin.complaint;

import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * A consumer's complaint: about a card, one of its redemptions, one of its refunds ({@code subjectId} names it), or a
 * merchant ({@code subjectId} is the merchant id, optionally with {@code cardId}); what they ask for — an amount
 * and/or an action — and what happened.
 */
public record FileComplaint(ComplaintSubject subject, UUID subjectId, UUID cardId, ComplaintCategory category,
                            Money asked, String askedAction, String description) { }
