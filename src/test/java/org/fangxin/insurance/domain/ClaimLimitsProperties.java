package org.fangxin.insurance.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fangxin.shared.Money;
import org.junit.jupiter.api.Test;

class ClaimLimitsProperties {

    /** What is left of the per-merchant and the aggregate limit when the claim is decided. */
    record Left(long merchant, long aggregate) { }

    @Test
    void coversNeverMoreThanClaimedNorAnyLimit() {
        qt().withExamples(300).forAll(lists().of(longs().between(1, 2_000_000)).ofSizeBetween(1, 40),
                        lists().of(integers().between(0, 5)).ofSize(40), longs().between(1, 1_000_000),
                        longs().between(0, 5_000_000).zip(longs().between(0, 5_000_000), Left::new))
                .checkAssert((claimed, consumers, perConsumer, left) ->
                        coversNeverMoreThanClaimedNorAnyLimit(claimed, consumers, perConsumer, left.merchant(), left.aggregate()));
    }

    private static void coversNeverMoreThanClaimedNorAnyLimit(List<Long> claimed, List<Integer> consumers, long perConsumer,
                                                              long merchantLeft, long aggregateLeft) {
        List<ClaimLimits.Claimed> lines = new java.util.ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            lines.add(new ClaimLimits.Claimed(consumers.get(i), Money.fen(claimed.get(i))));
        }
        var covered = ClaimLimits.apply(lines, Money.fen(perConsumer), Money.fen(merchantLeft), Money.fen(aggregateLeft));

        long total = 0;
        Map<Object, Long> perConsumerTotal = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            long c = covered.get(i).covered().amountMinor();
            assertThat(c).isBetween(0L, claimed.get(i));
            assertThat(covered.get(i).reason() == null).isEqualTo(c == claimed.get(i));
            total += c;
            perConsumerTotal.merge(consumers.get(i), c, Long::sum);
        }
        assertThat(total).isLessThanOrEqualTo(Math.min(merchantLeft, aggregateLeft));
        assertThat(perConsumerTotal.values()).allSatisfy(t -> assertThat(t).isLessThanOrEqualTo(perConsumer));
        // nothing is left unclaimed that a limit would still allow: the covered total is the most the limits permit
        long wanted = 0;
        Map<Object, Long> wantedPerConsumer = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            wantedPerConsumer.merge(consumers.get(i), claimed.get(i), Long::sum);
        }
        for (long w : wantedPerConsumer.values()) {
            wanted += Math.min(w, perConsumer);
        }
        assertThat(total).isEqualTo(Math.min(wanted, Math.min(merchantLeft, aggregateLeft)));
    }
}
