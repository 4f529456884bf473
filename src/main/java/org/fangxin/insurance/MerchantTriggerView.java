package org.fangxin.insurance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A licence revocation or bankruptcy recorded for a merchant ({@link MerchantTriggers}): the closure case it opened or
 * joined, and the operator's note (as typed).
 */
public record MerchantTriggerView(UUID id, UUID merchantId, String merchantName, ClosureTrigger trigger,
                                  LocalDate occurredOn, String reference, String note, UUID closureCaseId,
                                  String recordedBy, Instant recordedAt) { }
