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
 * A refund by the consumer's choice lies between the floor (paid − used units at list price) and the unused share of
 * what was paid; the contract's list-price clause takes the floor, a fee never goes below it (docs/refund.md).
 * Merchant fault: the unused share, no fee. Cooling-off (unused card) and expiry: everything unredeemed.
 */
public final class RefundCalculator {

    public static final int BASIS_POINTS = 10_000;

    private RefundCalculator() {
    }

    public static RefundQuote quote(RefundBasis basis, RefundReason reason, LocalDate today) {
        LocalDate coolingOffEndsOn = basis.purchasedOn().plusDays(basis.coolingOffDays());
        boolean coolingOff = basis.coolingOffDays() > 0 && !today.isAfter(coolingOffEndsOn);
        Money unredeemed = basis.unredeemed();
        if (reason == RefundReason.EXPIRY || coolingOff && basis.unused()) {
            RefundMethodApplied full = reason == RefundReason.EXPIRY ? RefundMethodApplied.EXPIRY_FULL
                    : RefundMethodApplied.COOLING_OFF_FULL;
            return new RefundQuote(full, reason, basis.paid(), unredeemed, unredeemed, 0, Money.zero(unredeemed.currency()),
                    unredeemed, Money.zero(unredeemed.currency()), coolingOff, coolingOffEndsOn, basis.unused(), today);
        }
        RefundMethodApplied method = methodFor(basis);
        Money ceiling = unusedShare(basis, method, today).min(unredeemed);
        Money gross = ceiling;
        Money refund = ceiling;
        int feeBp = 0;
        if (reason.mayCarryFee()) {
            Money floor = atListPriceFloor(basis, method, today).min(ceiling);
            if (basis.usedSessionsAtListPrice()) {
                gross = floor;          // the contract's harshest deduction: used units at list price, no fee on top
                refund = floor;
            } else {
                feeBp = feeRate(basis);
                refund = ceiling.minus(ceiling.fraction(feeBp, BASIS_POINTS, RoundingMode.FLOOR)).max(floor);
            }
        }
        return new RefundQuote(method, reason, basis.paid(), unredeemed, gross, feeBp, gross.minus(refund), refund,
                unredeemed.minus(refund), coolingOff, coolingOffEndsOn, basis.unused(), today);
    }

    /** The unused share of what was paid, by the method (rounded up): the most any refund returns. */
    static Money unusedShare(RefundBasis basis, RefundMethodApplied method, LocalDate today) {
        return switch (method) {
            case PRO_RATA_SESSIONS -> basis.paid().fraction(sessionsLeft(basis), basis.sessionsTotal(), RoundingMode.CEILING);
            case PRO_RATA_DAYS -> basis.paid().fraction(daysLeft(basis, today), daysOfValidity(basis), RoundingMode.CEILING);
            default -> basis.unredeemed();
        };
    }

    /**
     * paid − the used units at list price (the charge rounded down), never below zero: the least a consumer who
     * leaves by choice gets back. A fee never takes the refund below it; for a product sold at its list price it is
     * the unused share itself, so only a discount leaves room for a fee.
     */
    static Money atListPriceFloor(RefundBasis basis, RefundMethodApplied method, LocalDate today) {
        Money list = basis.listPrice().max(basis.paid());
        Money usedAtList = switch (method) {
            case PRO_RATA_SESSIONS -> list.fraction(basis.sessionsTotal() - sessionsLeft(basis), basis.sessionsTotal(),
                    RoundingMode.FLOOR);
            case PRO_RATA_DAYS -> list.fraction(daysOfValidity(basis) - daysLeft(basis, today), daysOfValidity(basis),
                    RoundingMode.FLOOR);
            default -> basis.paid().isZero() ? Money.zero(list.currency())
                    : list.fraction(basis.paid().minus(basis.unredeemed()).amountMinor(), basis.paid().amountMinor(),
                    RoundingMode.FLOOR);
        };
        return basis.paid().minus(usedAtList).max(Money.zero(list.currency()));
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

    private static int sessionsLeft(RefundBasis basis) {
        return Math.max(0, Math.min(basis.sessionsTotal(), basis.sessionsRemaining()));
    }

    /** Days of validity, both ends included. */
    private static long daysOfValidity(RefundBasis basis) {
        return ChronoUnit.DAYS.between(basis.validFrom(), basis.validUntil()) + 1;
    }

    /** Days left, today included; every day before the card starts counts, none after it ends. */
    private static long daysLeft(RefundBasis basis, LocalDate today) {
        LocalDate from = today.isBefore(basis.validFrom()) ? basis.validFrom() : today;
        return Math.max(0, Math.min(daysOfValidity(basis), ChronoUnit.DAYS.between(from, basis.validUntil()) + 1));
    }
}
