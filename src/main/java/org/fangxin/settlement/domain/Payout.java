package org.fangxin.settlement.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.fangxin.settlement.PayoutStatus;
import org.fangxin.shared.Money;

/**
 * The payout state machine: INSTRUCTED → CONFIRMED | RETURNED; HELD and the outcomes are final. Hearing the same
 * outcome again is a no-op (the bank may report twice); a contradicting outcome is a programmer or bank error.
 */
public record Payout(UUID id, PayoutStatus status, Money amount, Instant confirmedAt, Instant returnedAt,
                     String returnCode, String returnReason) {

    public Payout {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(amount, "amount");
        if ((status == PayoutStatus.HELD) != amount.isZero() || amount.isNegative()) {
            throw new IllegalArgumentException("a held payout pays nothing, any other pays a positive amount");
        }
        if ((status == PayoutStatus.CONFIRMED) != (confirmedAt != null)
                || (status == PayoutStatus.RETURNED) != (returnedAt != null)) {
            throw new IllegalArgumentException("outcome time set exactly for its status");
        }
    }

    public static Payout instructed(UUID id, Money amount) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("an instructed payout pays a positive amount");
        }
        return new Payout(id, PayoutStatus.INSTRUCTED, amount, null, null, null, null);
    }

    public static Payout held(UUID id, java.util.Currency currency) {
        return new Payout(id, PayoutStatus.HELD, Money.zero(currency), null, null, null, null);
    }

    /** Whether applying this outcome changes anything (false when it was already applied). */
    public boolean needs(PayoutStatus outcome) {
        if (status == outcome) {
            return false;
        }
        if (!status.canBecome(outcome)) {
            throw new IllegalStateException("payout " + id + " is " + status + " and cannot become " + outcome);
        }
        return true;
    }

    public Payout confirm(Instant at) {
        if (!needs(PayoutStatus.CONFIRMED)) {
            return this;
        }
        return new Payout(id, PayoutStatus.CONFIRMED, amount, Objects.requireNonNull(at, "at"), null, null, null);
    }

    public Payout returned(String code, String reason, Instant at) {
        if (!needs(PayoutStatus.RETURNED)) {
            return this;
        }
        return new Payout(id, PayoutStatus.RETURNED, amount, null, Objects.requireNonNull(at, "at"), code, reason);
    }
}
