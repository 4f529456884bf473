package org.fangxin.card.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.LocalDate;
import java.util.List;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Random card shapes and random sequences of redemptions never create or lose a fen, and never go negative. */
class EntitlementProperties {

    static final LocalDate FROM = LocalDate.of(2026, 3, 2);

    @Test
    void sessionRedemptionsAddUpToThePriceExactly() {
        qt().withExamples(500).forAll(prices(), integers().between(1, 200), integers().between(0, 10_000),
                lists().of(integers().between(1, 30)).ofSizeBetween(0, 80))
                .checkAssert(EntitlementProperties::sessionRedemptionsAddUp);
    }

    private static void sessionRedemptionsAddUp(long paid, int sessions, int ratioBp, List<Integer> steps) {
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

    @Test
    void storedValueRedemptionsAreProRataAndDrainExactly() {
        qt().withExamples(500).forAll(prices(), integers().between(0, 5_000), integers().between(0, 10_000),
                lists().of(integers().between(1, 100_000)).ofSizeBetween(0, 50))
                .checkAssert(EntitlementProperties::storedValueRedemptionsDrainExactly);
    }

    private static void storedValueRedemptionsDrainExactly(long paid, int bonusBp, int ratioBp, List<Integer> amounts) {
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

    @Test
    void periodReleasesEarnDayByDayAndTheLastDayDrainsTheRest() {
        qt().withExamples(300).forAll(prices(), integers().between(1, 400), lists().of(integers().between(0, 40)).ofSizeBetween(0, 30))
                .checkAssert(EntitlementProperties::periodReleasesDrainOnTheLastDay);
    }

    private static void periodReleasesDrainOnTheLastDay(long paid, int days, List<Integer> gaps) {
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

    @Test
    void restoringAndRedeemingAgainStillAddsUp() {
        qt().withExamples(200).forAll(prices(), integers().between(2, 100), integers().between(1, 99))
                .checkAssert(EntitlementProperties::restoredCardStillAddsUp);
    }

    private static void restoredCardStillAddsUp(long paid, int sessions, int used) {
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

    static Gen<Long> prices() {
        return longs().between(1, 2_000_000_00L);
    }

    private static void assertHolds(Entitlement card, long paid, long advance, long earned, long netted) {
        assertThat(card.earned().amountMinor()).isEqualTo(earned);
        assertThat(card.earned().plus(card.unredeemed())).isEqualTo(Money.fen(paid));
        assertThat(card.unredeemed().isNegative()).isFalse();
        assertThat(card.advanceOutstanding().amountMinor()).isEqualTo(advance - netted)
                .isBetween(0L, card.unredeemed().amountMinor());
    }
}
