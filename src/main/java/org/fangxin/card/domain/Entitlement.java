package org.fangxin.card.domain;

import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;

/**
 * What is left on a card and what its holder already used. Value is earned on a cumulative schedule,
 * {@code floor(paid × used / total)} for sessions, face value or elapsed days, and each step earns the schedule after
 * the step less what was earned so far: so the steps add up to the price exactly, the last one drains the remainder,
 * and refunds of the rest round in the consumer's favour (domain.md §5). Part of each earned step settles the card's
 * advance first ({@code netted = min(value, advance outstanding)}). Sessions belong to session packs, face value to
 * stored-value cards (null otherwise); {@code releasedThrough} is the last day a period pass earned. Immutable: every
 * step returns a new state.
 */
public record Entitlement(Kind kind, Money paid, Money earned, Money advanceOutstanding, Integer sessionsTotal,
                          Integer sessionsRemaining, Money faceValue, Money faceRemaining, Validity validity,
                          LocalDate releasedThrough) {

    public enum Kind { SESSION_PACK, PERIOD_PASS, STORED_VALUE }

    public static final ProblemType NOT_ENOUGH_LEFT = new ProblemType("card-entitlement-insufficient", 409);
    public static final ProblemType KIND_MISMATCH = new ProblemType("card-kind-mismatch", 422);

    /** The outcome of a step: the state after it, the value earned and the part of it that settled the advance. */
    public record Step(Entitlement after, Money value, Money netted) {
        public Step {
            if (value.isNegative() || netted.isNegative() || netted.compareTo(value) > 0) {
                throw new IllegalStateException("step value " + value + ", netted " + netted);
            }
        }

        /** True when the step changed nothing (a release with no new day due). */
        public boolean isEmpty(Entitlement before) {
            return after.equals(before);
        }
    }

    public Entitlement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(validity, "validity");
        Currency currency = paid.currency();
        if (!paid.isPositive() || earned.isNegative() || earned.compareTo(paid) > 0) {
            throw new IllegalArgumentException("paid " + paid + ", earned " + earned);
        }
        if (advanceOutstanding.isNegative() || advanceOutstanding.compareTo(paid.minus(earned)) > 0) {
            throw new IllegalArgumentException("advance outstanding " + advanceOutstanding + " exceeds unredeemed");
        }
        if ((kind == Kind.SESSION_PACK) != (sessionsTotal != null)
                || sessionsTotal != null && (sessionsTotal <= 0 || sessionsRemaining < 0 || sessionsRemaining > sessionsTotal)) {
            throw new IllegalArgumentException("sessions " + sessionsRemaining + "/" + sessionsTotal);
        }
        if ((kind == Kind.STORED_VALUE) != (faceValue != null) || faceValue != null && (!faceValue.isPositive()
                || faceRemaining.isNegative() || faceRemaining.compareTo(faceValue) > 0
                || !faceValue.currency().equals(currency))) {
            throw new IllegalArgumentException("face value " + faceRemaining + "/" + faceValue);
        }
    }

    /** A newly issued card: nothing used; the advance paid out at purchase is outstanding. */
    public static Entitlement issued(Kind kind, Money paid, Money advance, Integer sessions, Money faceValue,
                                     Validity validity) {
        return new Entitlement(kind, paid, Money.zero(paid.currency()), advance, sessions, sessions, faceValue, faceValue,
                validity, null);
    }

    /** The advance released at purchase: floor(paid × (10000 − ratio) / 10000); a 100% ratio releases nothing. */
    public static Money advanceFor(Money paid, int supervisionRatioBp) {
        if (supervisionRatioBp < 0 || supervisionRatioBp > 10_000) {
            throw new IllegalArgumentException("ratio " + supervisionRatioBp);
        }
        return paid.fraction(10_000L - supervisionRatioBp, 10_000L, RoundingMode.FLOOR);
    }

    public Currency currency() {
        return paid.currency();
    }

    public Money unredeemed() {
        return paid.minus(earned);
    }

    /** Redeems {@code count} sessions of a session pack. */
    public Step redeemSessions(int count) {
        if (kind != Kind.SESSION_PACK) {
            throw new Rejection(KIND_MISMATCH, "only a session pack is redeemed by sessions");
        }
        if (count <= 0) {
            throw Rejection.invalid("sessions", "redeem at least one session");
        }
        if (count > sessionsRemaining) {
            throw new Rejection(NOT_ENOUGH_LEFT, "the card has " + sessionsRemaining + " session(s) left, " + count + " asked");
        }
        int remaining = sessionsRemaining - count;
        return step(scheduled(sessionsTotal - remaining, sessionsTotal), remaining, faceRemaining, releasedThrough);
    }

    /** Spends {@code face} of a stored-value card's face value. */
    public Step redeemAmount(Money face) {
        if (kind != Kind.STORED_VALUE) {
            throw new Rejection(KIND_MISMATCH, "only a stored-value card is redeemed by amount");
        }
        if (!face.currency().equals(currency())) {
            throw Rejection.invalid("amount", "the card is in " + currency());
        }
        if (!face.isPositive()) {
            throw Rejection.invalid("amount", "redeem a positive amount");
        }
        if (face.compareTo(faceRemaining) > 0) {
            throw new Rejection(NOT_ENOUGH_LEFT, "the card has " + faceRemaining.format() + " left, " + face.format() + " asked");
        }
        Money remaining = faceRemaining.minus(face);
        return step(scheduled(faceValue.minus(remaining).amountMinor(), faceValue.amountMinor()), sessionsRemaining,
                remaining, releasedThrough);
    }

    /**
     * Earns a period pass's value for every day up to and including {@code day} (capped at the last valid day); a
     * no-op step when nothing new is due.
     */
    public Step releaseThrough(LocalDate day) {
        if (kind != Kind.PERIOD_PASS) {
            throw new Rejection(KIND_MISMATCH, "only a period pass is released by days");
        }
        LocalDate through = day.isAfter(validity.until()) ? validity.until() : day;
        if (through.isBefore(validity.from()) || releasedThrough != null && !through.isAfter(releasedThrough)) {
            return new Step(this, Money.zero(currency()), Money.zero(currency()));
        }
        return step(scheduled(validity.elapsedThrough(through), validity.days()), sessionsRemaining, faceRemaining, through);
    }

    /** Undoes a redemption (an upheld dispute): gives back the sessions or face value, the value and the netted advance. */
    public Entitlement restore(Integer sessions, Money face, Money value, Money netted) {
        if (value.compareTo(earned) > 0 || netted.compareTo(value) > 0) {
            throw new IllegalArgumentException("cannot restore " + value + " of " + earned);
        }
        Integer sessionsLeft = sessionsRemaining == null ? null : sessionsRemaining + (sessions == null ? 0 : sessions);
        Money faceLeft = faceRemaining == null ? null : face == null ? faceRemaining : faceRemaining.plus(face);
        return new Entitlement(kind, paid, earned.minus(value), advanceOutstanding.plus(netted), sessionsTotal,
                sessionsLeft, faceValue, faceLeft, validity, releasedThrough);
    }

    /**
     * What a successor card starts with when the holder transfers this one: the unredeemed value as its price, the
     * sessions or face value left, the days not yet released and the advance outstanding.
     */
    public Entitlement successor() {
        LocalDate from = kind == Kind.PERIOD_PASS && releasedThrough != null ? releasedThrough.plusDays(1) : validity.from();
        if (from.isAfter(validity.until())) {
            from = validity.until();
        }
        return new Entitlement(kind, unredeemed(), Money.zero(currency()), advanceOutstanding, sessionsRemaining,
                sessionsRemaining, faceRemaining, faceRemaining, new Validity(from, validity.until()), null);
    }

    private Money scheduled(long used, long total) {
        return paid.fraction(used, total, RoundingMode.FLOOR);
    }

    private Step step(Money scheduledEarned, Integer sessionsLeft, Money faceLeft, LocalDate through) {
        Money value = scheduledEarned.min(paid).minus(earned).max(Money.zero(currency()));
        Money netted = value.min(advanceOutstanding);
        Entitlement after = new Entitlement(kind, paid, earned.plus(value), advanceOutstanding.minus(netted),
                sessionsTotal, sessionsLeft, faceValue, faceLeft, validity, through);
        return new Step(after, value, netted);
    }
}
