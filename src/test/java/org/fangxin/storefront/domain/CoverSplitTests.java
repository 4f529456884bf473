package org.fangxin.storefront.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoverSplitTests {

    @Test
    void aFullyEscrowedCardIsCoveredByEscrowAlone() {
        assertThat(CoverSplit.of(200_000, 0, 500_000, 100_000, 300_000)).isEqualTo(new CoverSplit(200_000, 0, 0, 0));
    }

    @Test
    void theAdvanceIsCoveredByTheDepositFirstThenInsuranceThenTheGuaranteeFund() {
        // ¥2,000 card, 40 % in escrow: ¥1,200 advanced. The merchant's exposure is ¥12,000 (ten such cards),
        // deposit ¥3,000 covers a quarter of it, insurance ¥6,000 half: this card's share is ¥300 and ¥600, the fund ¥300.
        CoverSplit split = CoverSplit.of(200_000, 120_000, 1_200_000, 300_000, 600_000);
        assertThat(split).isEqualTo(new CoverSplit(80_000, 30_000, 60_000, 30_000));
        assertThat(split.totalMinor()).isEqualTo(200_000);
    }

    @Test
    void aDepositLargerThanTheExposureCoversTheWholeAdvance() {
        assertThat(CoverSplit.of(200_000, 120_000, 120_000, 500_000, 600_000)).isEqualTo(new CoverSplit(80_000, 120_000, 0, 0));
    }

    @Test
    void roundingNeverLosesAFen() {
        // Shares round down; the guarantee fund takes the remainder, so the parts still add up to the unredeemed value.
        CoverSplit split = CoverSplit.of(33_333, 33_333, 100_000, 33_333, 33_333);
        assertThat(split.totalMinor()).isEqualTo(33_333);
        assertThat(split).isEqualTo(new CoverSplit(0, 11_110, 11_110, 11_113));
    }

    @Test
    void anAdvanceAboveTheUnredeemedValueIsCappedAtIt() {
        assertThat(CoverSplit.of(10_000, 50_000, 50_000, 0, 0)).isEqualTo(new CoverSplit(0, 0, 0, 10_000));
    }
}
