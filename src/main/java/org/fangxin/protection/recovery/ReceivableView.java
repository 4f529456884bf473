package org.fangxin.protection.recovery;

import java.util.List;
import java.util.UUID;
import org.fangxin.protection.ClosureStatus;
import org.fangxin.shared.Money;

/**
 * The subrogation receivable of a confirmed closure case: what the platform still has to recover from the merchant
 * ({@code open}, the SUBROGATION_RECEIVABLE balance), and what was recovered and written off for this case.
 */
public record ReceivableView(UUID caseId, UUID merchantId, String merchantName, String sector, String regionCode,
                             ClosureStatus status, Money open, Money recovered, Money writtenOff,
                             List<SubrogationMovementView> movements) { }
