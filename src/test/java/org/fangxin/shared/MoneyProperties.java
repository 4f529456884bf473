package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

class MoneyProperties {

    @Test
    void allocationLosesNoMinorUnit() {
        qt().forAll(longs().between(-1_000_000_000L, 1_000_000_000L), integers().between(1, 500)).checkAssert((fen, shares) -> {
            var parts = Money.fen(fen).allocate(shares);
            assertThat(parts.stream().mapToLong(Money::amountMinor).sum()).isEqualTo(fen);
            long max = parts.stream().mapToLong(Money::amountMinor).max().orElseThrow();
            long min = parts.stream().mapToLong(Money::amountMinor).min().orElseThrow();
            assertThat(max - min).isLessThanOrEqualTo(1);
        });
    }
}
