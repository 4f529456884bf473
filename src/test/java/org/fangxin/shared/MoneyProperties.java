package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class MoneyProperties {

    @Property
    void allocationLosesNoMinorUnit(@ForAll @LongRange(min = -1_000_000_000L, max = 1_000_000_000L) long fen,
                                    @ForAll @IntRange(min = 1, max = 500) int shares) {
        var parts = Money.fen(fen).allocate(shares);
        assertThat(parts.stream().mapToLong(Money::amountMinor).sum()).isEqualTo(fen);
        long max = parts.stream().mapToLong(Money::amountMinor).max().orElseThrow();
        long min = parts.stream().mapToLong(Money::amountMinor).min().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
    }
}
