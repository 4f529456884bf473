package org.fangxin.bank.portal;

import java.time.Instant;
import java.util.UUID;

/**
 * A merchant's two supervised sub-accounts under the platform's custody account at the custodian bank: escrow
 * (prepaid money) and risk deposit. Numbers are assigned once and never change; {@code bank} is the custodian bank's
 * code (a merchant's sub-accounts are at one bank, see {@code CustodianBanks}).
 */
public record CustodyAccountsView(UUID merchantId, String merchantName, String regionCode, String custodyAccount,
                                  String escrowSubAccount, String depositSubAccount, Instant assignedAt, String bank) {
}
