package org.fangxin.insurance;

import java.time.LocalDate;
import java.util.UUID;

/**
 * An operator records that a merchant's business licence was revoked or that it went bankrupt: the decision's day, its
 * reference (the revocation decision or the court's case number) and the operator's evidence note.
 */
public record NewMerchantTrigger(UUID merchantId, ClosureTrigger trigger, LocalDate occurredOn, String reference,
                                 String note) { }
