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
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;

/** Random card shapes and random sequences of redemptions never create or lose a fen, and never go negative. */
class EntitlementProperties {

    static final LocalDate FROM = LocalDate.of(2026, 3, 2);

    @Property(tries = 500)
    void sessionRedemptionsAddUpToThePriceExactly(@ForAll("prices") long paid, @ForAll @IntRange(min = 1, max = 200) int sessions,
                                                  @ForAll @IntRange(min = 0, max = 10_000) int ratioBp,
                                                  @ForAll @Size(max = 80) List<@IntRange(min = 1, max = 30) Integer> steps) {
        long advance = Entitlement.advanceFor(Money.fen(paid), ratioBp).amountMinor();
        Entitlement card = Entitlement.issued(Entitlement.Kind.SESSION_PACK, Money.fen(paid), Money.fen(advance), sessions, null,
                new Validity(FROM, FROM.plusMonths(3)));
        long earned = 0;
        long netted = 0;
        for (int step : steps) {
            try {
                Entitlement.Step s = card.redeemSessions(step);
                earned += s.value().amountMinor();
                netted += s.netted().amountMinor();
                card = s.after();
            } catch (Rejection refused) {
                assertThat(step).isGreaterThan(card.sessionsRemaining());
            }
            assertHolds(card, paid, advance, earned, netted);
        }
        if (card.sessionsRemaining() > 0) {
            Entitlement.Step last = card.redeemSessions(card.sessionsRemaining());
            earned += last.value().amountMinor();
            card = last.after();
        }
        assertThat(earned).isEqualTo(paid);
        assertThat(card.unredeemed().isZero()).isTrue();
        assertThat(card.advanceOutstanding().isZero()).isTrue();
    }

    @Property(tries = 500)
    void storedValueRedemptionsAreProRataAndDrainExactly(@ForAll("prices") long paid, @ForAll @IntRange(min = 0, max = 5_000) int bonusBp,
                                                          @ForAll @IntRange(min = 0, max = 10_000) int ratioBp,
                                                          @ForAll @Size(max = 50) List<@IntRange(min = 1, max = 100_000) Integer> amounts) {
        long face = paid + paid * bonusBp / 10_000;
        long advance = Entitlement.advanceFor(Money.fen(paid), ratioBp).amountMinor();
        Entitlement card = Entitlement.issued(Entitlement.Kind.STORED_VALUE, Money.fen(paid), Money.fen(advance), null,
                Money.fen(face), new Validity(FROM, FROM.plusYears(1)));
        long earned = 0;
        long netted = 0;
        for (int amount : amounts) {
            if (amount > card.faceRemaining().amountMinor()) {
                continue;
            }
            Entitlement.Step s = card.redeemAmount(Money.fen(amount));
            earned += s.value().amountMinor();
            netted += s.netted().amountMinor();
            card = s.after();
            assertThat(card.earned().amountMinor())
                    .isEqualTo(Math.multiplyExact(paid, face - card.faceRemaining().amountMinor()) / face);
            assertHolds(card, paid, advance, earned, netted);
        }
        if (card.faceRemaining().isPositive()) {
            earned += card.redeemAmount(card.faceRemaining()).value().amountMinor();
        }
        assertThat(earned).isEqualTo(paid);
    }

    @Property(tries = 300)
    void periodReleasesEarnDayByDayAndTheLastDayDrainsTheRest(@ForAll("prices") long paid, @ForAll @IntRange(min = 1, max = 400) int days,
                                                                @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 40) Integer> gaps) {
        LocalDate until = FROM.plusDays(days - 1L);
        Entitlement card = Entitlement.issued(Entitlement.Kind.PERIOD_PASS, Money.fen(paid),
                Entitlement.advanceFor(Money.fen(paid), 4000), null, null, new Validity(FROM, until));
        LocalDate day = FROM.minusDays(1);
        long earned = 0;
        for (int gap : gaps) {
            day = day.plusDays(gap);
            Entitlement.Step s = card.releaseThrough(day);
            earned += s.value().amountMinor();
            card = s.after();
            assertThat(card.earned().amountMinor()).isEqualTo(earned).isBetween(0L, paid);
            assertThat(card.advanceOutstanding().amountMinor()).isBetween(0L, card.unredeemed().amountMinor());
        }
        earned += card.releaseThrough(until.plusDays(1)).value().amountMinor();
        assertThat(earned).isEqualTo(paid);
    }

    @Property(tries = 200)
    void restoringAndRedeemingAgainStillAddsUp(@ForAll("prices") long paid, @ForAll @IntRange(min = 2, max = 100) int sessions,
                                               @ForAll @IntRange(min = 1, max = 99) int used) {
        Entitlement card = Entitlement.issued(Entitlement.Kind.SESSION_PACK, Money.fen(paid),
                Entitlement.advanceFor(Money.fen(paid), 4000), sessions, null, new Validity(FROM, FROM.plusMonths(3)));
        int first = Math.min(used, sessions - 1);
        Entitlement.Step a = card.redeemSessions(1);
        Entitlement.Step b = a.after().redeemSessions(first);
        Entitlement restored = b.after().restore(1, null, a.value(), a.netted());
        Entitlement.Step rest = restored.redeemSessions(restored.sessionsRemaining());
        assertThat(rest.after().earned()).isEqualTo(Money.fen(paid));
        assertThat(rest.after().advanceOutstanding().isZero()).isTrue();
    }

    @Provide
    Arbitrary<Long> prices() {
        return Arbitraries.longs().between(1, 2_000_000_00L);
    }

    private static void assertHolds(Entitlement card, long paid, long advance, long earned, long netted) {
        assertThat(card.earned().amountMinor()).isEqualTo(earned);
        assertThat(card.earned().plus(card.unredeemed())).isEqualTo(Money.fen(paid));
        assertThat(card.unredeemed().isNegative()).isFalse();
        assertThat(card.advanceOutstanding().amountMinor()).isEqualTo(advance - netted)
                .isBetween(0L, card.unredeemed().amountMinor());
    }
}
