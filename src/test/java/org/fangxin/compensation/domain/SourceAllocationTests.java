package org.fangxin.compensation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.fangxin.compensation.domain.SourceAllocation.Claim;
import org.fangxin.compensation.domain.SourceAllocation.Share;
import org.junit.jupiter.api.Test;

class SourceAllocationTests {

    @Test
    void escrowThenDepositThenFundOverTheLinesInOrder() {
        // domain.md §5: 1,600 yuan left of a 2,000 yuan pack (1,200 advanced, 400 of it earned back → 800 advance left);
        // a 160 yuan pass with 60 advance left; deposit 500 yuan
        Claim pack = new Claim(UUID.randomUUID(), 160_000, 80_000);
        Claim pass = new Claim(UUID.randomUUID(), 16_000, 6_000);
        List<Share> shares = SourceAllocation.allocate(List.of(pack, pass), 80_000 + 10_000, 50_000);
        assertThat(shares.get(0)).isEqualTo(new Share(pack.cardId(), 160_000, 80_000, 50_000, 30_000));
        assertThat(shares.get(1)).isEqualTo(new Share(pass.cardId(), 16_000, 10_000, 0, 6_000));
    }

    @Test
    void escrowShortOfTheCardsEscrowIsMadeUpByTheLaterSources() {
        Claim a = new Claim(UUID.randomUUID(), 10_000, 0);
        Claim b = new Claim(UUID.randomUUID(), 10_000, 0);
        List<Share> shares = SourceAllocation.allocate(List.of(a, b), 15_000, 2_000);
        assertThat(shares.get(0)).isEqualTo(new Share(a.cardId(), 10_000, 10_000, 0, 0));
        assertThat(shares.get(1)).isEqualTo(new Share(b.cardId(), 10_000, 5_000, 2_000, 3_000));
    }
}
