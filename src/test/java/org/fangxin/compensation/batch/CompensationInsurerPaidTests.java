package org.fangxin.compensation.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.Cards;
import org.fangxin.card.Subrogation;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.compensation.batch.CompensationRepository.Batch;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountType;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 10 item 2: closure compensation never pays value an insurer already paid the holder. A card whose holder the
 * insurer paid (subrogated) is compensated only for what remains on it; a card the insurer approved but has not paid
 * yet is compensated for its value less the approved amount, which waits for the insurer's subrogation.
 */
class CompensationInsurerPaidTests extends CompensationTestBase {

    @Autowired Cards cards;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void aCardWhoseHolderTheInsurerPaidIsCompensatedOnlyForWhatRemainsNeverTwice() {
        TestMerchants.Created gym = gym();
        lodgeDeposit(gym.id(), Money.yuan(5_000));
        ProductView pack = product(gym, ProductKind.SESSION_PACK, Money.yuan(1_000), 10, Term.months(6),
                RefundMethod.PRO_RATA_SESSIONS);
        UUID paidCard = buy(users.create(Role.CONSUMER), pack);
        UUID approvedCard = buy(users.create(Role.CONSUMER), pack);
        UUID plainCard = buy(users.create(Role.CONSUMER), pack);
        UUID paidClaim = UUID.randomUUID();
        UUID approvedClaim = UUID.randomUUID();

        // the insurer paid the first holder 400 (the card's value passes to it) and approved 300 for the second
        Subrogation subrogated = inTransaction(() -> {
            cards.holdForInsurer(paidCard, paidClaim, Money.yuan(400));
            return cards.subrogateToInsurer(paidCard, paidClaim, Money.yuan(400));
        });
        assertThat(subrogated.subrogated()).isEqualTo(Money.yuan(400));
        assertThat(subrogated.remaining()).isEqualTo(Money.yuan(600));
        inTransaction(() -> {
            cards.holdForInsurer(approvedCard, approvedClaim, Money.yuan(300));
            return null;
        });
        assertBooks(gym.id(), "insurer paid one holder, approved another");

        // then the store closes: the batch plans only what the insurer did not pay or owe
        Batch batch = awaitBatch(confirmClosure(gym.id()).id());
        clock.advance(Duration.ofDays(8));
        payer.payDue();
        payRefundsUntilSettled(batch.id());
        UUID caseId = batch.caseId();
        assertThat(compensated(caseId, paidCard)).as("only what remains on the paid card").isEqualTo(60_000L);
        assertThat(compensated(caseId, approvedCard)).as("less what the insurer owes").isEqualTo(70_000L);
        assertThat(compensated(caseId, plainCard)).isEqualTo(100_000L);
        assertThat(cards.find(paidCard).orElseThrow().status()).isEqualTo(CardStatus.REFUNDED);
        assertThat(cards.find(paidCard).orElseThrow().refunded()).as("400 from the insurer, 600 compensated")
                .isEqualTo(Money.yuan(1_000));
        assertThat(cards.find(approvedCard).orElseThrow().unredeemed()).as("kept for the insurer").isEqualTo(Money.yuan(300));
        assertBooks(gym.id(), "compensation paid");

        // the insurer pays the second holder later: the 300 kept on the ended card pass to it, nothing twice
        Subrogation later = inTransaction(() -> cards.subrogateToInsurer(approvedCard, approvedClaim, Money.yuan(300)));
        assertThat(later.subrogated()).isEqualTo(Money.yuan(300));
        assertThat(cards.find(approvedCard).orElseThrow().unredeemed()).isEqualTo(Money.fen(0));
        assertThat(cards.find(approvedCard).orElseThrow().refunded()).isEqualTo(Money.yuan(1_000));
        assertThat(ledgerSum("compensation-paid:" + caseId + ":", AccountType.CARD_LIABILITY, true))
                .as("compensation paid 600 + 700 + 1,000 in all").isEqualTo(230_000L);
        assertBooks(gym.id(), "insurer paid after the closure");
    }

    @Test
    void aCardTheInsurerPaidInFullEndsRefundedAndTheClosureCompensatesNothingForIt() {
        TestMerchants.Created gym = gym();
        lodgeDeposit(gym.id(), Money.yuan(5_000));
        ProductView pack = product(gym, ProductKind.SESSION_PACK, Money.yuan(1_000), 10, Term.months(6),
                RefundMethod.PRO_RATA_SESSIONS);
        UUID fullCard = buy(users.create(Role.CONSUMER), pack);
        UUID plainCard = buy(users.create(Role.CONSUMER), pack);
        UUID claim = UUID.randomUUID();

        Subrogation paid = inTransaction(() -> {
            cards.holdForInsurer(fullCard, claim, Money.yuan(1_000));
            return cards.subrogateToInsurer(fullCard, claim, Money.yuan(1_000));
        });
        assertThat(paid.subrogated()).isEqualTo(Money.yuan(1_000));
        assertThat(paid.remaining()).isEqualTo(Money.fen(0));
        assertThat(cards.find(fullCard).orElseThrow().status()).as("nothing left: the card ends")
                .isEqualTo(CardStatus.REFUNDED);
        assertThat(cards.find(fullCard).orElseThrow().refunded()).isEqualTo(Money.yuan(1_000));
        assertBooks(gym.id(), "the insurer paid the whole card");

        Subrogation again = inTransaction(() -> cards.subrogateToInsurer(fullCard, claim, Money.yuan(1_000)));
        assertThat(again.subrogated()).as("a retry answers the first result").isEqualTo(Money.yuan(1_000));
        assertThat(cards.find(fullCard).orElseThrow().refunded()).as("and moves nothing").isEqualTo(Money.yuan(1_000));
        assertBooks(gym.id(), "retried");

        Batch batch = awaitBatch(confirmClosure(gym.id()).id());
        clock.advance(Duration.ofDays(8));
        payer.payDue();
        payRefundsUntilSettled(batch.id());
        assertThat(compensated(batch.caseId(), fullCard)).as("never paid twice").isZero();
        assertThat(compensated(batch.caseId(), plainCard)).isEqualTo(100_000L);
        assertBooks(gym.id(), "compensation paid");
    }

    private long compensated(UUID caseId, UUID cardId) {
        return cardDebited(caseId, cardId);
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return new TransactionTemplate(transactions).execute(tx -> work.get());
    }
}
