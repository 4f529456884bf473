package org.fangxin.bank.custodian;

import java.time.Instant;
import java.util.UUID;

/** A proposal to move a merchant's sub-accounts to another custodian bank, and what the second operator decided. */
public record BankMoveView(UUID id, UUID merchantId, String fromBank, String toBank, String state, UUID proposedBy,
                           Instant proposedAt, UUID decidedBy, Instant decidedAt) {
}
