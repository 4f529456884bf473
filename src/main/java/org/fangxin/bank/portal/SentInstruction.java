package org.fangxin.bank.portal;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.bank.InstructionState;
import org.fangxin.shared.Money;

/**
 * A payout instruction the platform sent and the bank holds, with the merchant whose sub-account it debits and the
 * custodian bank that received it ({@code bank}: its code).
 */
public record SentInstruction(String endToEndId, UUID merchantId, String merchantName, String debtorAccount,
                              String creditorName, String creditorAccount, Money amount, InstructionState state,
                              String reasonCode, Instant receivedAt, Instant decidedAt, String bank) {
}
