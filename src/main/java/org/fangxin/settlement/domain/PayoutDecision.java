package org.fangxin.settlement.domain;

import java.util.Objects;
import java.util.Optional;
import org.fangxin.shared.Money;

/**
 * What a settlement run does for one merchant: pay (possibly less what is withheld), hold everything, or nothing.
 *
 * <p>The amount due is the payable as of the cutoff, corrected for the run's own movements after the cutoff (payouts
 * instructed after it are already taken out of payable; returns after it put money back), and never more than the
 * payable now. This keeps a late or repeated run from paying twice: a payout posted after the cutoff is not yet in
 * the balance as of the cutoff.
 */
public record PayoutDecision(Kind kind, Money pay, Money held, String holdReason) {

    public enum Kind { PAY, HOLD, NOTHING }

    public static final String DISPUTE_HOLD = "disputed redemptions withheld";

    public PayoutDecision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pay, "pay");
        Objects.requireNonNull(held, "held");
        if (pay.isNegative() || held.isNegative()) {
            throw new IllegalArgumentException("amounts are not negative");
        }
        if ((kind == Kind.PAY) != pay.isPositive()) {
            throw new IllegalArgumentException("only a PAY decision pays, and it pays something");
        }
        if (kind == Kind.HOLD && !held.isPositive()) {
            throw new IllegalArgumentException("a HOLD holds something");
        }
    }

    /** The amount due at a cutoff: {@code min(payableAtCutoff − instructedSince + returnedSince, payableNow)}, ≥ 0. */
    public static Money due(Money payableAtCutoff, Money instructedSinceCutoff, Money returnedSinceCutoff, Money payableNow) {
        Money due = payableAtCutoff.minus(instructedSinceCutoff).plus(returnedSinceCutoff).min(payableNow);
        return due.isNegative() ? Money.zero(due.currency()) : due;
    }

    /**
     * Decides from the amount due, the value other modules hold (disputes) and a reason the merchant may not be paid
     * at all (not active, no usable settlement account).
     */
    public static PayoutDecision decide(Money due, Money holds, Optional<String> merchantHoldReason) {
        Money zero = Money.zero(due.currency());
        if (!due.isPositive()) {
            return new PayoutDecision(Kind.NOTHING, zero, zero, null);
        }
        if (merchantHoldReason.isPresent()) {
            return new PayoutDecision(Kind.HOLD, zero, due, merchantHoldReason.get());
        }
        Money withheld = holds.isPositive() ? holds.min(due) : zero;
        Money pay = due.minus(withheld);
        if (!pay.isPositive()) {
            return new PayoutDecision(Kind.HOLD, zero, withheld, DISPUTE_HOLD);
        }
        return new PayoutDecision(Kind.PAY, pay, withheld, withheld.isPositive() ? DISPUTE_HOLD : null);
    }
}
