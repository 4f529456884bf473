package org.fangxin.compensation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * Progress of the compensation batch of a confirmed closure, for operators, regulators and the merchant: how many lines
 * there are and where they stand, the amounts planned and paid by source, and the lines waiting for a manual payout.
 */
public record CompensationBatchView(UUID id, UUID caseId, UUID merchantId, String merchantName, String status,
                                    Instant plannedAt, Instant chooseBy, Instant completedAt, Money setOff,
                                    long lines, long planned, long paying, long manualPayout, long paid,
                                    Money total, Money fromEscrow, Money fromDeposit, Money fromGuaranteeFund,
                                    Money paidTotal, Money paidFromEscrow, Money paidFromDeposit,
                                    Money paidFromGuaranteeFund, List<CompensationLineView> manualPayouts) { }
