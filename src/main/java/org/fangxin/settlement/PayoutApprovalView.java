package org.fangxin.settlement;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A payout under dual control: the payout, who proposed it (the maker: the operator whose run created it, or
 * {@code job}), whether the bank must approve too, and every decision taken so far.
 */
public record PayoutApprovalView(PayoutView payout, String proposedBy, boolean bankApprovalRequired,
                                 List<Decision> decisions) {

    public PayoutApprovalView {
        decisions = List.copyOf(decisions);
    }

    /** One approval or rejection: by whom (user id and name), on which side (OPERATOR or BANK), why, when. */
    public record Decision(UUID userId, String username, String role, String decision, String reason, Instant decidedAt) { }

    /** Whether this side already decided (for pages: which buttons to show). */
    public boolean decidedBy(String role) {
        return decisions.stream().anyMatch(d -> d.role().equals(role));
    }
}
