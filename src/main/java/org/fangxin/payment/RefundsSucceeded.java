package org.fangxin.payment;

import java.util.List;

/**
 * Refunds the provider paid back in one batch call, published once per batch instead of one {@link RefundSucceeded}
 * each (a closure's hundred thousand refunds are a hundred events, not a hundred thousand). Listeners treat every
 * element as they treat a {@link RefundSucceeded}.
 */
public record RefundsSucceeded(List<RefundSucceeded> refunds) {

    public RefundsSucceeded {
        refunds = List.copyOf(refunds);
    }
}
