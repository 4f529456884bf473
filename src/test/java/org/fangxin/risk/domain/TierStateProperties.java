package org.fangxin.risk.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fangxin.risk.RiskTier;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 "Done when": tiers obey hysteresis. Over random sequences of ratings (days apart, tier by score), the tier
 * moves down at once to the score's tier, moves up only after better scores lasted the configured days (and only to
 * the worst tier seen meanwhile), and is never better than the score's tier of the day.
 */
class TierStateProperties {

    static final LocalDate START = LocalDate.of(2026, 1, 1);

    record Step(int daysLater, RiskTier raw) { }

    @Test
    void tiersMoveDownAtOnceAndUpOnlyAfterTheDays() {
        var steps = integers().between(0, 20).zip(arbitrary().enumValues(RiskTier.class), Step::new);
        qt().withExamples(2_000).forAll(lists().of(steps).ofSizeBetween(1, 40), integers().between(0, 45))
                .checkAssert((sequence, upAfter) -> {
                    LocalDate day = START;
                    TierState state = null;
                    List<RiskTier> raws = new ArrayList<>();
                    int pendingFrom = -1;
                    for (Step step : sequence) {
                        day = day.plusDays(step.daysLater());
                        TierState next = state == null ? TierState.first(step.raw(), day) : state.next(step.raw(), day, upAfter);
                        raws.add(step.raw());
                        int index = raws.size() - 1;
                        assertThat(next.tier().betterThan(step.raw())).as("never better than the score's tier").isFalse();
                        if (state != null && step.raw().worseThan(state.tier())) {
                            assertThat(next.tier()).as("down at once").isEqualTo(step.raw());
                            assertThat(next.tierSince()).isEqualTo(day);
                        }
                        if (state != null && next.tier().betterThan(state.tier())) {
                            int from = state.upSince() == null ? index : pendingFrom;
                            LocalDate since = state.upSince() == null ? day : state.upSince();
                            assertThat(since.plusDays(upAfter)).as("better scores lasted " + upAfter + " days").isBeforeOrEqualTo(day);
                            for (RiskTier raw : raws.subList(from, index + 1)) {
                                assertThat(raw.betterThan(state.tier())).as("every score since was better").isTrue();
                                assertThat(next.tier().betterThan(raw)).as("up to the worst tier seen meanwhile").isFalse();
                            }
                        }
                        if (next.upSince() != null && (state == null || state.upSince() == null || next.tier() != state.tier())) {
                            pendingFrom = index;
                        }
                        state = next;
                    }
                });
    }

    @Test
    void aNewMerchantStartsNoBetterThanB() {
        assertThat(TierState.first(RiskTier.A, START).tier()).isEqualTo(RiskTier.B);
        assertThat(TierState.first(RiskTier.A, START).upTo()).isEqualTo(RiskTier.A);
        assertThat(TierState.first(RiskTier.D, START).tier()).isEqualTo(RiskTier.D);
    }

    @Test
    void theBadgeNeedsTierAHeldForTheDaysAndNoUpheldComplaintInThem() {
        var policy = TierPolicy.DEFAULT;
        var state = new TierState(RiskTier.A, START, null, null);
        assertThat(Badge.held(state, START.plusDays(89), null, policy)).isFalse();
        assertThat(Badge.held(state, START.plusDays(90), null, policy)).isTrue();
        assertThat(Badge.held(state, START.plusDays(90), START.plusDays(10), policy)).isFalse();
        assertThat(Badge.held(state, START.plusDays(200), START.plusDays(10), policy)).isTrue();
        assertThat(Badge.held(state.next(RiskTier.B, START.plusDays(200), 30), START.plusDays(200), null, policy)).isFalse();
    }
}
