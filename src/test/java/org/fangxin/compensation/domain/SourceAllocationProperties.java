package org.fangxin.compensation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fangxin.compensation.domain.SourceAllocation.Claim;
import org.fangxin.compensation.domain.SourceAllocation.Share;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Random cards (prices, usage, supervision ratios), random escrow shortfalls and deposits: every line is paid exactly
 * its unredeemed value, no source goes negative or is over-drawn, the card's own escrow comes first, then the deposit
 * in line order, and only then the guarantee fund.
 */
class SourceAllocationProperties {

    record Card(long paid, int usedPercent, int ratioBp) {
        Claim claim() {
            long unredeemed = Math.max(1, paid - paid * usedPercent / 100);
            long advance = paid * (10_000 - ratioBp) / 10_000;   // advanced at purchase
            long earned = paid - unredeemed;
            return new Claim(UUID.randomUUID(), unredeemed, Math.max(0, Math.min(unredeemed, advance - earned)));
        }
    }

    static Gen<Card> cards() {
        return longs().between(1, 2_000_000).zip(integers().between(0, 99),
                arbitrary().pick(0, 4_000, 6_000, 10_000, 2_500, 7_777), Card::new);
    }

    @Test
    void everyLineIsPaidExactlyItsValueFromSourcesInTheLegalOrder() {
        qt().withExamples(1_000).forAll(lists().of(cards()).ofSizeBetween(0, 60), longs().between(0, 5_000_000),
                longs().between(0, 20_000_000), booleans().all())
                .checkAssert(SourceAllocationProperties::everyLineIsPaidExactlyItsValue);
    }

    private static void everyLineIsPaidExactlyItsValue(List<Card> cards, long escrowShortfall, long deposit, boolean brokenIdentity) {
        List<Claim> claims = new ArrayList<>();
        cards.forEach(c -> claims.add(c.claim()));
        long escrowBacked = claims.stream().mapToLong(c -> c.unredeemedMinor() - c.advanceMinor()).sum();
        // usually the escrow holds exactly the escrow-backed part, less what refunds of ended cards left unrecovered
        long escrow = brokenIdentity ? escrowBacked + escrowShortfall : escrowBacked - escrowShortfall;

        List<Share> shares = SourceAllocation.allocate(claims, escrow, deposit);

        assertThat(shares).hasSameSizeAs(claims);
        long sumE = 0, sumD = 0, sumF = 0, sumU = 0;
        for (int i = 0; i < shares.size(); i++) {
            Share s = shares.get(i);
            Claim c = claims.get(i);
            assertThat(s.cardId()).isEqualTo(c.cardId());
            assertThat(s.escrowMinor() + s.depositMinor() + s.fundMinor()).isEqualTo(c.unredeemedMinor());
            assertThat(s.escrowMinor()).isBetween(0L, c.unredeemedMinor() - c.advanceMinor());
            assertThat(s.depositMinor()).isNotNegative();
            assertThat(s.fundMinor()).isNotNegative();
            sumD += s.depositMinor();
            if (s.fundMinor() > 0) {
                assertThat(sumD).as("the fund pays only once the deposit is used up").isEqualTo(deposit);
            }
            sumE += s.escrowMinor();
            sumF += s.fundMinor();
            sumU += c.unredeemedMinor();
        }
        assertThat(sumE + sumD + sumF).isEqualTo(sumU);
        assertThat(sumE).isLessThanOrEqualTo(Math.max(0, escrow));
        assertThat(sumE).isEqualTo(Math.min(escrowBacked, Math.max(0, escrow)));
        assertThat(sumD).isEqualTo(Math.min(deposit, sumU - sumE));
        if (escrow >= escrowBacked) {
            for (int i = 0; i < shares.size(); i++) {
                assertThat(shares.get(i).escrowMinor()).isEqualTo(claims.get(i).unredeemedMinor() - claims.get(i).advanceMinor());
            }
        }
    }

    @Test
    void theSameInputAlwaysGivesTheSamePlan() {
        qt().withExamples(200).forAll(lists().of(cards()).ofSizeBetween(0, 30), longs().between(0, 5_000_000),
                longs().between(0, 5_000_000)).checkAssert((cards, escrow, deposit) -> {
                    List<Claim> claims = cards.stream().map(Card::claim).toList();
                    assertThat(SourceAllocation.allocate(claims, escrow, deposit))
                            .isEqualTo(SourceAllocation.allocate(claims, escrow, deposit));
                });
    }
}
