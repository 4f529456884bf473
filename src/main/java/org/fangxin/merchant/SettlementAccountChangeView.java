package org.fangxin.merchant;

import java.time.Instant;
import java.util.UUID;

/**
 * A merchant's request to pay it into another settlement account, and the operator's decision. The account takes the
 * place of the current one only when APPROVED.
 */
public record SettlementAccountChangeView(UUID id, UUID merchantId, String merchantName, SettlementAccount account,
                                          Status status, UUID requestedBy, Instant requestedAt, UUID decidedBy,
                                          Instant decidedAt, String reason) {

    public enum Status { PENDING, APPROVED, REJECTED }
}
