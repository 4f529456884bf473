package org.fangxin.bank.reconciliation;

import java.time.Instant;
import java.util.UUID;

/** A merchant's supervised escrow sub-account number at the custodian bank. */
public record SubAccountView(UUID merchantId, String accountNumber, Instant assignedAt) {
}
