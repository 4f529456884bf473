package org.fangxin.insurance.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.fangxin.shared.Money;

class ClaimLimitsProperties {

    @Property(tries = 300)
    void coversNeverMoreThanClaimedNorAnyLimit(@ForAll @Size(min = 1, max = 40) List<@LongRange(min = 1, max = 2_000_000) Long> claimed,
                                               @ForAll @Size(min = 40, max = 40) List<@IntRange(min = 0, max = 5) Integer> consumers,
                                               @ForAll @LongRange(min = 1, max = 1_000_000) long perConsumer,
                                               @ForAll @LongRange(min = 0, max = 5_000_000) long merchantLeft,
                                               @ForAll @LongRange(min = 0, max = 5_000_000) long aggregateLeft) {
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
