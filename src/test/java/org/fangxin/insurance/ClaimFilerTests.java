package org.fangxin.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.ledger.AccountType;
import org.fangxin.merchant.Sector;
import org.fangxin.compensation.CompensationCompleted;
import org.fangxin.compensation.CompensationCompleted.FundedLine;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** The platform files the insurance claim of a closure when its compensation batch completes. */
class ClaimFilerTests extends InsuranceTest {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;

    private void publish(CompensationCompleted event) {
        transactions.executeWithoutResult(status -> events.publishEvent(event));
    }

    @Test
    void claimsTheGuaranteeFundPartOfACompletedCompensationOnce() {
        Insured insured = insuredGym(Money.yuan(50_000));
        var gym = insured.merchant();
        var policy = insured.policy();
        var ledgerState = new CompensationLedger(ledger);
        UUID caseId = UUID.randomUUID();
        UUID first = ledgerState.fundPaid(caseId, gym.id(), 70_000);
        UUID second = ledgerState.fundPaid(caseId, gym.id(), 30_000);
        UUID consumer = UUID.randomUUID();
        var event = new CompensationCompleted(caseId, gym.id(), clock.instant(), Money.fen(250_000), Money.fen(100_000),
                Money.fen(50_000), Money.fen(100_000), List.of(
                        new FundedLine(UUID.randomUUID(), first, consumer, Money.fen(120_000), Money.fen(70_000)),
                        new FundedLine(UUID.randomUUID(), second, UUID.randomUUID(), Money.fen(80_000), Money.fen(30_000))));

        publish(event);
        ClaimView claim = org.fangxin.testing.Eventually.present(() -> claims.ofCase(caseId));

        assertThat(claim.status()).isEqualTo(ClaimStatus.FILED);
        assertThat(claim.policyId()).isEqualTo(policy.id());
        assertThat(claim.claimed()).isEqualTo(Money.fen(100_000));
        assertThat(claim.lines()).extracting(ClaimView.Line::cardId).containsExactly(first, second);
        assertThat(claim.lines().get(0).consumerId()).isEqualTo(consumer);
        assertThat(ledgerState.balance(AccountType.SUBROGATION_RECEIVABLE, gym.id())).isEqualTo(Money.fen(100_000));

        publish(event); // redelivered: still the one claim
        org.fangxin.testing.Eventually.present(() -> claims.list(fixtures.operator(), null, 500).stream().filter(c -> c.caseId().equals(caseId))
                .count() == 1 ? Optional.of(true) : Optional.empty());
        assertThat(claims.ofCase(caseId).orElseThrow().id()).isEqualTo(claim.id());
    }

    @Test
    void aCaseWhoseOtherLinesEscrowPaidAloneStillFilesTheFundsClaim() {
        Insured insured = insuredGym(Money.yuan(50_000));
        var gym = insured.merchant();
        var ledgerState = new CompensationLedger(ledger);
        UUID caseId = UUID.randomUUID();
        // most lines of a case are paid from escrow alone; the claim stands on the one the fund paid, whatever the order
        for (int i = 0; i < 20; i++) {
            ledgerState.escrowPaid(caseId, gym.id(), 10_000);
        }
        UUID funded = ledgerState.fundPaid(caseId, gym.id(), 40_000);
        publish(new CompensationCompleted(caseId, gym.id(), clock.instant(), Money.fen(240_000), Money.fen(200_000),
                Money.fen(0), Money.fen(40_000), List.of(new FundedLine(UUID.randomUUID(), funded, UUID.randomUUID(),
                Money.fen(40_000), Money.fen(40_000)))));

        ClaimView claim = org.fangxin.testing.Eventually.present(() -> claims.ofCase(caseId));
        assertThat(claim.status()).isEqualTo(ClaimStatus.FILED);
        assertThat(claim.claimed()).isEqualTo(Money.fen(40_000));
    }

    @Test
    void anUninsuredMerchantsLossIsRecordedAndStaysAReceivable() {
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.BEAUTY, "410200");
        UUID caseId = UUID.randomUUID();
        UUID card = new CompensationLedger(ledger).fundPaid(caseId, gym.id(), 45_000);
        publish(new CompensationCompleted(caseId, gym.id(), clock.instant(), Money.fen(45_000), Money.fen(0), Money.fen(0),
                Money.fen(45_000), List.of(new FundedLine(UUID.randomUUID(), card, UUID.randomUUID(), Money.fen(45_000),
                Money.fen(45_000)))));

        ClaimView claim = org.fangxin.testing.Eventually.present(() -> claims.ofCase(caseId));
        assertThat(claim.status()).isEqualTo(ClaimStatus.UNINSURED);
        assertThat(new CompensationLedger(ledger).balance(AccountType.SUBROGATION_RECEIVABLE, gym.id()))
                .isEqualTo(Money.fen(45_000));
    }
}
