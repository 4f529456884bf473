package org.fangxin.card.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.fangxin.shared.Rejection;

/** Random card shapes and random sequences of redemptions never create or lose a fen, and never go negative. */
class EntitlementProperties {

    static final LocalDate FROM = LocalDate.of(2026, 3, 2);

    @Property(tries = 500)
    void sessionRedemptionsAddUpToThePriceExactly(@ForAll("prices") long paid, @ForAll @IntRange(min = 1, max = 200) int sessions,
                                                  @ForAll @IntRange(min = 0, max = 10_000) int ratioBp,
                                                  @ForAll @Size(max = 80) List<@IntRange(min = 1, max = 30) Integer> steps) {
        long advance = Entitlement.advanceFor(paid, ratioBp);
        Entitlement card = Entitlement.issued(Entitlement.Kind.SESSION_PACK, paid, advance, sessions, null, FROM, FROM.plusMonths(3));
        long earned = 0;
        long netted = 0;
        for (int step : steps) {
            try {
                Entitlement.Step s = card.redeemSessions(step);
                earned += s.valueMinor();
                netted += s.nettedMinor();
                card = s.after();
            } catch (Rejection refused) {
                assertThat(step).isGreaterThan(card.sessionsRemaining());
            }
            assertHolds(card, paid, advance, earned, netted);
        }
        if (card.sessionsRemaining() > 0) {
            Entitlement.Step last = card.redeemSessions(card.sessionsRemaining());
            earned += last.valueMinor();
            card = last.after();
        }
        assertThat(earned).isEqualTo(paid);
        assertThat(card.unredeemedMinor()).isZero();
        assertThat(card.advanceOutstandingMinor()).isZero();
    }

    @Property(tries = 500)
    void storedValueRedemptionsAreProRataAndDrainExactly(@ForAll("prices") long paid, @ForAll @IntRange(min = 0, max = 5_000) int bonusBp,
                                                          @ForAll @IntRange(min = 0, max = 10_000) int ratioBp,
                                                          @ForAll @Size(max = 50) List<@IntRange(min = 1, max = 100_000) Integer> amounts) {
        long face = paid + paid * bonusBp / 10_000;
        long advance = Entitlement.advanceFor(paid, ratioBp);
        Entitlement card = Entitlement.issued(Entitlement.Kind.STORED_VALUE, paid, advance, null, face, FROM, FROM.plusYears(1));
        long earned = 0;
        long netted = 0;
        for (int amount : amounts) {
            if (amount > card.faceRemainingMinor()) {
                continue;
            }
            Entitlement.Step s = card.redeemAmount(amount);
            earned += s.valueMinor();
            netted += s.nettedMinor();
            card = s.after();
            assertThat(card.earnedMinor()).isEqualTo(Math.multiplyExact(paid, face - card.faceRemainingMinor()) / face);
            assertHolds(card, paid, advance, earned, netted);
        }
        if (card.faceRemainingMinor() > 0) {
            earned += card.redeemAmount(card.faceRemainingMinor()).valueMinor();
        }
        assertThat(earned).isEqualTo(paid);
    }

    @Property(tries = 300)
    void periodReleasesEarnDayByDayAndTheLastDayDrainsTheRest(@ForAll("prices") long paid, @ForAll @IntRange(min = 1, max = 400) int days,
                                                                @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 40) Integer> gaps) {
        LocalDate until = FROM.plusDays(days - 1L);
        Entitlement card = Entitlement.issued(Entitlement.Kind.PERIOD_PASS, paid, Entitlement.advanceFor(paid, 4000), null, null, FROM, until);
        LocalDate day = FROM.minusDays(1);
        long earned = 0;
        for (int gap : gaps) {
            day = day.plusDays(gap);
            Entitlement.Step s = card.releaseThrough(day);
            earned += s.valueMinor();
            card = s.after();
            assertThat(card.earnedMinor()).isEqualTo(earned).isBetween(0L, paid);
            assertThat(card.advanceOutstandingMinor()).isBetween(0L, card.unredeemedMinor());
        }
        earned += card.releaseThrough(until.plusDays(1)).valueMinor();
        assertThat(earned).isEqualTo(paid);
    }

    @Property(tries = 200)
    void restoringAndRedeemingAgainStillAddsUp(@ForAll("prices") long paid, @ForAll @IntRange(min = 2, max = 100) int sessions,
                                               @ForAll @IntRange(min = 1, max = 99) int used) {
        Entitlement card = Entitlement.issued(Entitlement.Kind.SESSION_PACK, paid, Entitlement.advanceFor(paid, 4000), sessions, null,
                FROM, FROM.plusMonths(3));
        int first = Math.min(used, sessions - 1);
        Entitlement.Step a = card.redeemSessions(1);
        Entitlement.Step b = a.after().redeemSessions(first);
        Entitlement restored = b.after().restore(1, null, a.valueMinor(), a.nettedMinor());
        Entitlement.Step rest = restored.redeemSessions(restored.sessionsRemaining());
        assertThat(rest.after().earnedMinor()).isEqualTo(paid);
        assertThat(rest.after().advanceOutstandingMinor()).isZero();
    }

    @Provide
    Arbitrary<Long> prices() {
        return Arbitraries.longs().between(1, 2_000_000_00L);
    }

    private static void assertHolds(Entitlement card, long paid, long advance, long earned, long netted) {
        assertThat(card.earnedMinor()).isEqualTo(earned);
        assertThat(card.earnedMinor() + card.unredeemedMinor()).isEqualTo(paid);
        assertThat(card.unredeemedMinor()).isNotNegative();
        assertThat(card.advanceOutstandingMinor()).isEqualTo(advance - netted).isBetween(0L, card.unredeemedMinor());
    }
}
