package org.fangxin.payment;

import java.time.Instant;
import java.util.List;

/**
 * Refunds the provider paid back in one batch call, published once per batch instead of one {@link RefundSucceeded}
 * each (a closure's hundred thousand refunds are a hundred events, not a hundred thousand). It carries only the refund
 * references, the key every listener finds its own records by: the event is stored once per listener until delivered,
 * and whole refunds made 62 MB of JSON per 100,000 (issue 15). Listeners treat each reference as the
 * {@link RefundSucceeded} of that reference at {@code occurredAt}.
 */
public record RefundsSucceeded(List<String> refundReferences, Instant occurredAt) {

    public RefundsSucceeded {
        refundReferences = List.copyOf(refundReferences);
    }
}
