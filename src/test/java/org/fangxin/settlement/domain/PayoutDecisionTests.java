package org.fangxin.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fangxin.shared.Money.fen;

import java.util.Optional;
import org.fangxin.settlement.domain.PayoutDecision.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayoutDecisionTests {

    @ParameterizedTest
    @CsvSource({
            // atCutoff, instructedSince, returnedSince, payableNow, due
            "10000, 0,     0,     10000, 10000",  // plain T+1
            "10000, 0,     0,     15000, 10000",  // earned today waits for tomorrow
            "15000, 10000, 0,      5000,  5000",  // a late run for an earlier date already paid 10000 after the cutoff
            "5000,  0,     10000, 15000, 15000",  // a payout from before the cutoff came back after it
            "10000, 0,     0,      4000,  4000",  // a clawback after the cutoff: never more than payable now
            "10000, 12000, 0,         0,     0",  // never negative
    })
    void paysThePayableAsOfTheCutoffCorrectedForTheRunsOwnLaterMovements(long atCutoff, long instructed, long returned,
                                                                         long now, long due) {
        assertThat(PayoutDecision.due(fen(atCutoff), fen(instructed), fen(returned), fen(now))).isEqualTo(fen(due));
    }

    @Test
    void paysWhatIsDueLessWhatIsWithheld() {
        PayoutDecision decision = PayoutDecision.decide(fen(10_000), fen(3_000), Optional.empty());
        assertThat(decision.kind()).isEqualTo(Kind.PAY);
        assertThat(decision.pay()).isEqualTo(fen(7_000));
        assertThat(decision.held()).isEqualTo(fen(3_000));
        assertThat(decision.holdReason()).isEqualTo(PayoutDecision.DISPUTE_HOLD);
    }

    @Test
    void holdsEverythingForAMerchantThatMayNotBePaid() {
        PayoutDecision decision = PayoutDecision.decide(fen(10_000), fen(0), Optional.of("merchant is SUSPENDED"));
        assertThat(decision.kind()).isEqualTo(Kind.HOLD);
        assertThat(decision.pay()).isEqualTo(fen(0));
        assertThat(decision.held()).isEqualTo(fen(10_000));
        assertThat(decision.holdReason()).isEqualTo("merchant is SUSPENDED");
    }

    @Test
    void holdsWhenDisputesCoverAllThatIsDue() {
        PayoutDecision decision = PayoutDecision.decide(fen(2_000), fen(5_000), Optional.empty());
        assertThat(decision.kind()).isEqualTo(Kind.HOLD);
        assertThat(decision.held()).isEqualTo(fen(2_000));
    }

    @Test
    void doesNothingWhenNothingIsDue() {
        assertThat(PayoutDecision.decide(fen(0), fen(100), Optional.of("merchant is CLOSED")).kind()).isEqualTo(Kind.NOTHING);
        PayoutDecision plain = PayoutDecision.decide(fen(500), fen(0), Optional.empty());
        assertThat(plain.kind()).isEqualTo(Kind.PAY);
        assertThat(plain.holdReason()).isNull();
    }
}
