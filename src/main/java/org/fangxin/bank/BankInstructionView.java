package org.fangxin.bank;

import java.time.Instant;
import org.fangxin.shared.Money;

/** A payout instruction as the bank holds it, for the bank's portal; {@code custodianBank} is the bank that received it. */
public record BankInstructionView(String endToEndId, String debtorAccount, String creditorName, String creditorBank,
                                  String creditorAccount, Money amount, String remittanceInformation,
                                  InstructionState state, String reasonCode, String reasonText, Instant receivedAt,
                                  Instant decidedAt, String custodianBank) { }
