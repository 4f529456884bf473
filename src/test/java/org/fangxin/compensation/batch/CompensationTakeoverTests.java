package org.fangxin.compensation.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.ledger.AccountType;
import org.fangxin.protection.ClosureCaseView;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 转店: an operator registers a successor gym and its product; a consumer chooses TAKEOVER and gets a new card there
 * worth exactly the unredeemed value, paid for from the closed gym's sources into the successor's escrow in the same
 * transfer; the other consumer is refunded. Both merchants' escrow identities and the ledger hold.
 */
class CompensationTakeoverTests extends CompensationTestBase {

    @Autowired Cards cards;

    @Test
    void aConsumerWhoChoosesTakeoverGetsACardAtTheSuccessorWorthTheUnredeemedValue() {
        TestMerchants.Created gym = gym();
        UUID store = gym.merchant().stores().get(0).id();
        ProductView pack = product(gym, ProductKind.SESSION_PACK, Money.yuan(2000), 60, Term.months(3), RefundMethod.PRO_RATA_SESSIONS);
        UserAccount mover = users.create(Role.CONSUMER);
        UserAccount stayer = users.create(Role.CONSUMER);
        UUID moverCard = buy(mover, pack);
        buy(stayer, pack);
        redeem(mover, moverCard, store, gym.id(), 12, null); // 48 of 60 sessions left: 1,600 yuan
        TestMerchants.Created successor = gym();
        ProductView offer = product(successor, ProductKind.SESSION_PACK, Money.yuan(1000), 10, Term.months(6), RefundMethod.PRO_RATA_SESSIONS);
        settle();
        topUpFund(Money.yuan(10_000));
        Money successorEscrow = balance(AccountType.ESCROW, successor.id());
        ClosureCaseView closure = confirmClosure(gym.id());
        CompensationRepository.Batch batch = awaitBatch(closure.id());
        String path = "/api/v1/closures/" + closure.id() + "/compensation";
        Api operator = api().as(users.create(Role.OPERATOR));
        Api moverApi = api().as(mover);

        assertThat(operator.post(path + "/successor", Map.of("merchantId", successor.id(), "productId", pack.id()),
                UUID.randomUUID().toString()).code()).isEqualTo("compensation-successor-not-eligible");
        Api.Response registered = operator.post(path + "/successor", Map.of("merchantId", successor.id(), "productId", offer.id()),
                UUID.randomUUID().toString());
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        Api.Response mine = moverApi.get("/api/v1/compensations/mine");
        assertThat(mine.json().get(0).get("successorName").asString()).isEqualTo(successor.merchant().legalName());
        String line = mine.json().get(0).get("id").asString();
        Api.Response chosen = moverApi.post("/api/v1/compensations/" + line + "/choice", Map.of("choice", "TAKEOVER"),
                UUID.randomUUID().toString());
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        assertThat(moverApi.post("/api/v1/compensations/" + line + "/choice", Map.of("choice", "CASH"),
                UUID.randomUUID().toString()).code()).isEqualTo("compensation-line-not-open");

        assertThat(payer.payDue(batch.id(), Integer.MAX_VALUE, l -> { })).isEqualTo(1);
        assertBooks(gym.id(), "closed gym after the takeover");
        assertBooks(successor.id(), "successor after the takeover");
        assertThat(cards.find(moverCard).orElseThrow().status()).isEqualTo(CardStatus.TRANSFERRED);
        UUID newCardId = jdbc.sql("select successor_card_id from compensation.compensation_line where id = :id")
                .param("id", UUID.fromString(line)).query(UUID.class).single();
        CardView newCard = cards.find(newCardId).orElseThrow();
        assertThat(newCard.merchantId()).isEqualTo(successor.id());
        assertThat(newCard.holderUserId()).isEqualTo(mover.id());
        assertThat(newCard.status()).isEqualTo(CardStatus.ACTIVE);
        assertThat(newCard.unredeemed()).isEqualTo(Money.yuan(1600));
        assertThat(newCard.sessionsTotal()).as("10 sessions per 1,000 yuan: 16 for 1,600").isEqualTo(16);
        assertThat(balance(AccountType.ESCROW, successor.id())).isEqualTo(successorEscrow.plus(Money.yuan(1600)));
        assertThat(repository.line(UUID.fromString(line)).orElseThrow().status()).isEqualTo("PAID");

        // the new card works at the successor
        redeem(mover, newCardId, successor.merchant().stores().get(0).id(), successor.id(), 1, null);
        assertThat(cards.find(newCardId).orElseThrow().unredeemed()).isEqualTo(Money.yuan(1500));
        assertBooks(successor.id(), "successor after a redemption");

        clock.advance(Duration.ofDays(8));
        assertThat(payer.payDue(batch.id(), Integer.MAX_VALUE, l -> { })).isEqualTo(1);
        payRefundsUntilSettled(batch.id());
        await(() -> "COMPLETED".equals(repository.batch(batch.id()).orElseThrow().status()), "batch completed");
        assertThat(ledgerSum("compensation-paid:" + closure.id() + ":", AccountType.CARD_LIABILITY, true))
                .isEqualTo(Money.yuan(1600 + 2000).amountMinor());
        assertBooks(gym.id(), "at the end");
    }
}
