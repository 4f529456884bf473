package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fangxin.testing.TestClock;
import org.junit.jupiter.api.Test;

class IdGeneratorTests {

    static final Instant T = Instant.parse("2026-03-02T02:00:00Z");

    /** PostgreSQL orders uuid values by their bytes, unsigned. */
    static int compareAsStored(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    @Test
    void idsMadeWhileTheClockStandsStillSortInTheOrderTheyWereMade() {
        IdGenerator ids = new IdGenerator(Clock.fixed(T, ZoneOffset.UTC));
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            made.add(ids.next());
        }
        for (int i = 1; i < made.size(); i++) {
            assertThat(compareAsStored(made.get(i - 1), made.get(i))).as("id %d", i).isNegative();
        }
        assertThat(made).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
        });
        assertThat(made.get(0).getMostSignificantBits() >>> 16).isEqualTo(T.toEpochMilli());
    }

    @Test
    void aClockThatStepsBackDoesNotMakeIdsGoBack() {
        TestClock clock = new TestClock(T);
        IdGenerator ids = new IdGenerator(clock);
        UUID before = ids.next();
        clock.set(T.minus(Duration.ofDays(1)));
        UUID after = ids.next();
        assertThat(compareAsStored(before, after)).isNegative();
        clock.set(T.plus(Duration.ofSeconds(1)));
        assertThat(ids.next().getMostSignificantBits() >>> 16).as("a later clock is used again").isEqualTo(T.toEpochMilli() + 1000);
    }
}
