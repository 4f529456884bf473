package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MerchantSlotTests {

    final IdGenerator ids = new IdGenerator(Clock.fixed(Instant.parse("2026-03-02T02:00:00Z"), ZoneOffset.UTC));

    @Test
    void idsMadeForAMerchantCarryItsSlotAndStayTimeOrderedVersion7Ids() {
        UUID merchant = ids.next();
        int slot = MerchantSlot.of(merchant);
        UUID[] made = MerchantSlot.within(slot, () -> IntStream.range(0, 1000).mapToObj(i -> ids.next()).toArray(UUID[]::new));

        assertThat(made).allSatisfy(id -> {
            assertThat(MerchantSlot.of(id)).isEqualTo(slot);
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
        });
        assertThat(Arrays.stream(made).distinct().count()).isEqualTo(1000);
        for (int i = 1; i < made.length; i++) {
            assertThat(IdGeneratorTests.compareAsStored(made[i - 1], made[i])).isNegative();
        }
        assertThat(MerchantSlot.current()).isEmpty();
    }

    @Test
    void outsideAMerchantsWorkIdsKeepAllTheirRandomBits() {
        long slotsSeen = IntStream.range(0, 5000).map(i -> MerchantSlot.of(ids.next())).distinct().count();

        assertThat(slotsSeen).as("low bits of unrouted ids spread over the slots").isGreaterThan(900);
    }

    @Test
    void workOfOneSlotCannotReachForAnother() {
        assertThatThrownBy(() -> MerchantSlot.within(3, () -> MerchantSlot.within(4, () -> 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(MerchantSlot.within(3, () -> MerchantSlot.within(3, () -> 7))).isEqualTo(7);
    }

    @Test
    void threeShardsStartWithEqualContiguousRangesOfSlots() {
        int[] map = MerchantSlot.equalRanges(3);

        assertThat(map).hasSize(MerchantSlot.SLOTS);
        assertThat(IntStream.of(map).filter(s -> s == 0).count()).isEqualTo(342);
        assertThat(IntStream.of(map).filter(s -> s == 1).count()).isEqualTo(341);
        assertThat(IntStream.of(map).filter(s -> s == 2).count()).isEqualTo(341);
        for (int slot = 1; slot < map.length; slot++) {
            assertThat(map[slot]).isGreaterThanOrEqualTo(map[slot - 1]);
        }
        assertThat(map[1023]).isEqualTo((1023 * 3) / 1024);
    }
}
