package org.fangxin.bank.portal;

import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * What the bank supervises for one merchant at the end of a day (bank zone), from the ledger: the escrow sub-account,
 * the risk deposit held, and payouts instructed but not yet booked by the bank (in transit, still inside escrow).
 */
public record SupervisedBalance(UUID merchantId, String merchantName, String regionCode, String escrowSubAccount,
                                String depositSubAccount, LocalDate asOf, Money escrow, Money riskDeposit,
                                Money inTransit) {
}
