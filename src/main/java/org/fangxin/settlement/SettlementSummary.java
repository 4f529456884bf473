package org.fangxin.settlement;

import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * A merchant's money at a glance, from the ledger: earned and not yet paid ({@code payable}), paid but not yet
 * confirmed by the bank ({@code inTransit}), still in escrow, advanced ahead of redemption, currently withheld, and
 * the estimate of the next payout (payable now minus holds) on {@code nextSettlementDate}.
 */
public record SettlementSummary(UUID merchantId, Money payable, Money inTransit, Money escrowHeld, Money advance,
                                Money held, LocalDate nextSettlementDate, Money nextPayoutEstimate,
                                String holdReason, CycleView cycle) { }
