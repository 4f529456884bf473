package org.fangxin.refund.domain;

import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.refund.RefundMethodApplied;
import org.fangxin.refund.RefundQuote;
import org.fangxin.refund.RefundReason;
import org.fangxin.shared.Money;

/**
 * Refund arithmetic of domain.md §5, in fen. Refunds round up (the consumer's favour), fees and list-price charges
 * round down; the refund never exceeds the card's unredeemed value, so refund + retained = unredeemed exactly.
 */
public final class RefundCalculator {

    public static final int BASIS_POINTS = 10_000;

    private RefundCalculator() {
    }

    public static RefundQuote quote(RefundBasis basis, RefundReason reason, LocalDate today) {
        LocalDate coolingOffEndsOn = basis.purchasedOn().plusDays(basis.coolingOffDays());
        boolean coolingOff = basis.coolingOffDays() > 0 && !today.isAfter(coolingOffEndsOn);
        Money unredeemed = basis.unredeemed();
        RefundMethodApplied method;
        Money gross;
        if (reason == RefundReason.EXPIRY) {
            method = RefundMethodApplied.EXPIRY_FULL;
            gross = unredeemed;
        } else if (coolingOff && basis.unused()) {
            method = RefundMethodApplied.COOLING_OFF_FULL;
            gross = unredeemed;
        } else {
            method = methodFor(basis);
            gross = switch (method) {
                case PRO_RATA_SESSIONS -> bySessions(basis, reason);
                case PRO_RATA_DAYS -> byDays(basis, today);
                default -> unredeemed;
            };
        }
        Money due = gross.min(unredeemed);
        int feeBp = method == RefundMethodApplied.COOLING_OFF_FULL || !reason.mayCarryFee() ? 0 : feeRate(basis);
        Money fee = due.fraction(feeBp, BASIS_POINTS, RoundingMode.FLOOR);
        Money refund = due.minus(fee);
        return new RefundQuote(method, reason, basis.paid(), unredeemed, gross, feeBp, fee, refund,
                unredeemed.minus(refund), coolingOff, coolingOffEndsOn, basis.unused(), today);
    }

    /** The fee rate: the contract's, capped by the rule table when it sets a cap. */
    static int feeRate(RefundBasis basis) {
        return basis.ruleFeeCapBp() == null ? basis.contractFeeBp() : Math.min(basis.contractFeeBp(), basis.ruleFeeCapBp());
    }

    /** The contract's method when the card has the units it needs; otherwise by value (always defined). */
    static RefundMethodApplied methodFor(RefundBasis basis) {
        if (basis.method() == RefundMethod.PRO_RATA_SESSIONS && basis.sessionsTotal() != null && basis.sessionsTotal() > 0
                && basis.sessionsRemaining() != null) {
            return RefundMethodApplied.PRO_RATA_SESSIONS;
        }
        if (basis.method() == RefundMethod.PRO_RATA_DAYS && basis.validFrom() != null && basis.validUntil() != null
                && !basis.validUntil().isBefore(basis.validFrom())) {
            return RefundMethodApplied.PRO_RATA_DAYS;
        }
        return RefundMethodApplied.PRO_RATA_VALUE;
    }

    /** paid × remaining / total; a discounted pack left by choice may charge used sessions at list price instead. */
    static Money bySessions(RefundBasis basis, RefundReason reason) {
        int total = basis.sessionsTotal();
        int remaining = Math.max(0, Math.min(total, basis.sessionsRemaining()));
        boolean discounted = basis.listPrice().compareTo(basis.paid()) > 0;
        if (basis.usedSessionsAtListPrice() && discounted && reason == RefundReason.CONSUMER_CHOICE) {
            Money usedAtList = basis.listPrice().fraction(total - remaining, total, RoundingMode.FLOOR);
            return basis.paid().minus(usedAtList).max(Money.zero(basis.paid().currency()));
        }
        return basis.paid().fraction(remaining, total, RoundingMode.CEILING);
    }

    /** paid × days left (today included) / days of validity (both ends included). */
    static Money byDays(RefundBasis basis, LocalDate today) {
        long total = ChronoUnit.DAYS.between(basis.validFrom(), basis.validUntil()) + 1;
        LocalDate from = today.isBefore(basis.validFrom()) ? basis.validFrom() : today;
        long remaining = Math.max(0, Math.min(total, ChronoUnit.DAYS.between(from, basis.validUntil()) + 1));
        return basis.paid().fraction(remaining, total, RoundingMode.CEILING);
    }
}
