package org.fangxin.card.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;

/**
 * What is left on a card and what its holder already used, in minor units of the card's currency. Value is earned
 * on a cumulative schedule, {@code floor(paid × used / total)} for sessions, face value or elapsed days, and each step
 * earns the schedule after the step less what was earned so far: so the steps add up to the price exactly, the last one drains the
 * remainder, and refunds of the rest round in the consumer's favour (domain.md §5). Part of each earned step settles
 * the card's advance first ({@code netted = min(value, advance outstanding)}). Immutable: every step returns a new state.
 */
public record Entitlement(Kind kind, long paidMinor, long earnedMinor, long advanceOutstandingMinor,
                          Integer sessionsTotal, Integer sessionsRemaining, Long faceValueMinor, Long faceRemainingMinor,
                          LocalDate validFrom, LocalDate validUntil, LocalDate releasedThrough) {

    public enum Kind { SESSION_PACK, PERIOD_PASS, STORED_VALUE }

    public static final ProblemType NOT_ENOUGH_LEFT = new ProblemType("card-entitlement-insufficient", 409);
    public static final ProblemType KIND_MISMATCH = new ProblemType("card-kind-mismatch", 422);

    /** The outcome of a step: the state after it, the value earned and the part of it that settled the advance. */
    public record Step(Entitlement after, long valueMinor, long nettedMinor) {
        public Step {
            if (valueMinor < 0 || nettedMinor < 0 || nettedMinor > valueMinor) {
                throw new IllegalStateException("step value " + valueMinor + ", netted " + nettedMinor);
            }
        }
    }

    public Entitlement {
        if (paidMinor <= 0 || earnedMinor < 0 || earnedMinor > paidMinor) {
            throw new IllegalArgumentException("paid " + paidMinor + ", earned " + earnedMinor);
        }
        if (advanceOutstandingMinor < 0 || advanceOutstandingMinor > paidMinor - earnedMinor) {
            throw new IllegalArgumentException("advance outstanding " + advanceOutstandingMinor + " exceeds unredeemed");
        }
        if ((kind == Kind.SESSION_PACK) != (sessionsTotal != null)
                || sessionsTotal != null && (sessionsTotal <= 0 || sessionsRemaining < 0 || sessionsRemaining > sessionsTotal)) {
            throw new IllegalArgumentException("sessions " + sessionsRemaining + "/" + sessionsTotal);
        }
        if ((kind == Kind.STORED_VALUE) != (faceValueMinor != null)
                || faceValueMinor != null && (faceValueMinor <= 0 || faceRemainingMinor < 0 || faceRemainingMinor > faceValueMinor)) {
            throw new IllegalArgumentException("face value " + faceRemainingMinor + "/" + faceValueMinor);
        }
        if (validUntil.isBefore(validFrom)) {
            throw new IllegalArgumentException("validity " + validFrom + ".." + validUntil);
        }
    }

    /** A newly issued card: nothing used; the advance paid out at purchase is outstanding. */
    public static Entitlement issued(Kind kind, long paidMinor, long advanceMinor, Integer sessions, Long faceValueMinor,
                                     LocalDate validFrom, LocalDate validUntil) {
        return new Entitlement(kind, paidMinor, 0, advanceMinor, sessions, sessions, faceValueMinor, faceValueMinor,
                validFrom, validUntil, null);
    }

    /** The advance released at purchase: floor(paid × (10000 − ratio) / 10000); a 100% ratio releases nothing. */
    public static long advanceFor(long paidMinor, int supervisionRatioBp) {
        if (supervisionRatioBp < 0 || supervisionRatioBp > 10_000) {
            throw new IllegalArgumentException("ratio " + supervisionRatioBp);
        }
        return Math.multiplyExact(paidMinor, 10_000L - supervisionRatioBp) / 10_000L;
    }

    public long unredeemedMinor() {
        return paidMinor - earnedMinor;
    }

    public long totalDays() {
        return ChronoUnit.DAYS.between(validFrom, validUntil) + 1;
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
        long scheduled = scheduled(sessionsTotal - remaining, sessionsTotal);
        return step(scheduled, new Entitlement(kind, paidMinor, earnedMinor, advanceOutstandingMinor, sessionsTotal, remaining,
                null, null, validFrom, validUntil, releasedThrough));
    }

    /** Spends {@code faceMinor} of a stored-value card's face value. */
    public Step redeemAmount(long faceMinor) {
        if (kind != Kind.STORED_VALUE) {
            throw new Rejection(KIND_MISMATCH, "only a stored-value card is redeemed by amount");
        }
        if (faceMinor <= 0) {
            throw Rejection.invalid("amount", "redeem a positive amount");
        }
        if (faceMinor > faceRemainingMinor) {
            throw new Rejection(NOT_ENOUGH_LEFT, "the card has " + faceRemainingMinor + " minor units left, " + faceMinor + " asked");
        }
        long remaining = faceRemainingMinor - faceMinor;
        long scheduled = scheduled(faceValueMinor - remaining, faceValueMinor);
        return step(scheduled, new Entitlement(kind, paidMinor, earnedMinor, advanceOutstandingMinor, null, null,
                faceValueMinor, remaining, validFrom, validUntil, releasedThrough));
    }

    /**
     * Earns a period pass's value for every day up to and including {@code day} (capped at the last valid day); a
     * no-op step when nothing new is due.
     */
    public Step releaseThrough(LocalDate day) {
        if (kind != Kind.PERIOD_PASS) {
            throw new Rejection(KIND_MISMATCH, "only a period pass is released by days");
        }
        LocalDate through = day.isAfter(validUntil) ? validUntil : day;
        if (through.isBefore(validFrom) || releasedThrough != null && !through.isAfter(releasedThrough)) {
            return new Step(this, 0, 0);
        }
        long elapsed = ChronoUnit.DAYS.between(validFrom, through) + 1;
        long scheduled = scheduled(elapsed, totalDays());
        return step(scheduled, new Entitlement(kind, paidMinor, earnedMinor, advanceOutstandingMinor, null, null, null, null,
                validFrom, validUntil, through));
    }

    /** Undoes a redemption (an upheld dispute): gives back the sessions or face value, the value and the netted advance. */
    public Entitlement restore(Integer sessions, Long faceMinor, long valueMinor, long nettedMinor) {
        if (valueMinor > earnedMinor || nettedMinor > valueMinor) {
            throw new IllegalArgumentException("cannot restore " + valueMinor + " of " + earnedMinor);
        }
        Integer sessionsLeft = sessionsRemaining == null ? null : sessionsRemaining + (sessions == null ? 0 : sessions);
        Long faceLeft = faceRemainingMinor == null ? null : faceRemainingMinor + (faceMinor == null ? 0 : faceMinor);
        return new Entitlement(kind, paidMinor, earnedMinor - valueMinor, advanceOutstandingMinor + nettedMinor,
                sessionsTotal, sessionsLeft, faceValueMinor, faceLeft, validFrom, validUntil, releasedThrough);
    }

    /**
     * What a successor card starts with when the holder transfers this one on {@code today}: the unredeemed value as
     * its price, the sessions or face value left, the rest of the validity and the advance outstanding.
     */
    public Entitlement successor(LocalDate today) {
        LocalDate from = kind == Kind.PERIOD_PASS && releasedThrough != null ? releasedThrough.plusDays(1) : validFrom;
        if (from.isAfter(validUntil)) {
            from = validUntil;
        }
        return new Entitlement(kind, unredeemedMinor(), 0, advanceOutstandingMinor,
                sessionsRemaining, sessionsRemaining, faceRemainingMinor, faceRemainingMinor, from, validUntil, null);
    }

    private long scheduled(long used, long total) {
        return Math.multiplyExact(paidMinor, used) / total;
    }

    private Step step(long scheduledEarned, Entitlement moved) {
        long value = Math.max(0, Math.min(scheduledEarned, paidMinor) - earnedMinor);
        long netted = Math.min(value, advanceOutstandingMinor);
        Entitlement after = new Entitlement(kind, paidMinor, earnedMinor + value, advanceOutstandingMinor - netted,
                moved.sessionsTotal, moved.sessionsRemaining, moved.faceValueMinor, moved.faceRemainingMinor,
                validFrom, validUntil, moved.releasedThrough);
        return new Step(after, value, netted);
    }
}
