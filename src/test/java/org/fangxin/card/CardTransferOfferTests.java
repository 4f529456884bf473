package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.UserAccount;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue #14 item 6: a card transfer must not reveal whether a mobile number is registered. Before, the holder got 201
 * for a registered number and 422 {@code transfer-recipient-unknown} for any other, an oracle over every number. Now
 * the holder offers the card to a number (the same 202 for any number) and the consumer holding it accepts.
 */
class CardTransferOfferTests extends CardTest {

    @Autowired Cards cards;

    private static String unusedMobile() {
        return String.format("135%08d", Math.floorMod(System.nanoTime() ^ UUID.randomUUID().getLeastSignificantBits(), 100_000_000L));
    }

    private static Api.Response offer(Api holder, UUID cardId, String mobile) {
        return holder.post("/api/v1/cards/" + cardId + "/transfer", Map.of("toMobile", mobile), UUID.randomUUID().toString());
    }

    @Test
    void theHolderGetsTheSameAnswerForARegisteredAndAnUnregisteredNumber() {
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 600, 10);
        Api holder = api().as(f.consumer());
        UUID cardId = f.buyAndPay(holder, pack);
        String registered = CardFixtures.nextMobile();
        f.consumerWithMobile(registered);

        Api.Response toRegistered = offer(holder, cardId, registered);
        Api.Response toUnregistered = offer(holder, cardId, unusedMobile());

        assertThat(toRegistered.status()).as(toRegistered.body()).isEqualTo(202);
        assertThat(toUnregistered.status()).as(toUnregistered.body()).isEqualTo(202);
        assertThat(fieldNames(toUnregistered)).isEqualTo(fieldNames(toRegistered));
        assertThat(toUnregistered.json().get("status").asString()).isEqualTo(toRegistered.json().get("status").asString())
                .isEqualTo("OFFERED");
        assertThat(toRegistered.body()).doesNotContain(registered);
        assertThat(cards.find(cardId).orElseThrow().status()).as("nothing moves before acceptance").isEqualTo(CardStatus.ACTIVE);
    }

    @Test
    void theConsumerHoldingTheNumberAcceptsOnceEvenIfTheySignUpAfterTheOffer() {
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 600, 10);
        Api holder = api().as(f.consumer());
        UUID cardId = f.buyAndPay(holder, pack);
        String mobile = unusedMobile();
        String offerId = offer(holder, cardId, mobile).json().get("id").asString();
        UserAccount friend = f.consumerWithMobile(mobile);
        Api friendApi = api().as(friend);
        Api stranger = api().as(f.consumerWithMobile(unusedMobile()));

        assertThat(friendApi.get("/api/v1/card-transfer-offers").json().findValues("id").stream().map(n -> n.asString()))
                .containsExactly(offerId);
        assertThat(stranger.get("/api/v1/card-transfer-offers").json().size()).isZero();
        assertThat(stranger.post("/api/v1/card-transfer-offers/" + offerId + "/acceptance", null, UUID.randomUUID().toString())
                .status()).isEqualTo(404);
        Api.Response accepted = friendApi.post("/api/v1/card-transfer-offers/" + offerId + "/acceptance", null,
                UUID.randomUUID().toString());
        Api.Response again = friendApi.post("/api/v1/card-transfer-offers/" + offerId + "/acceptance", null,
                UUID.randomUUID().toString());

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        UUID newCardId = UUID.fromString(accepted.json().get("toCardId").asString());
        assertThat(cards.find(newCardId).orElseThrow().holderUserId()).isEqualTo(friend.id());
        assertThat(cards.find(cardId).orElseThrow().status()).isEqualTo(CardStatus.TRANSFERRED);
        assertThat(again.code()).isEqualTo("transfer-offer-closed");
        f.assertBooksHold(gym.id());
    }

    @Test
    void anOfferLapsesCanBeCancelledAndIsNeverToOneself() {
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 600, 10);
        String own = unusedMobile();
        Api holder = api().as(f.consumerWithMobile(own));
        UUID cardId = f.buyAndPay(holder, pack);
        String mobile = unusedMobile();
        UserAccount friendAccount = f.consumerWithMobile(mobile);
        Api friend = api().as(friendAccount);

        assertThat(offer(holder, cardId, own).code()).isEqualTo("transfer-to-self");
        String cancelled = offer(holder, cardId, mobile).json().get("id").asString();
        assertThat(friend.post("/api/v1/card-transfer-offers/" + cancelled + "/cancellation", null).status()).isEqualTo(404);
        assertThat(holder.post("/api/v1/card-transfer-offers/" + cancelled + "/cancellation", null).json().get("status")
                .asString()).isEqualTo("CANCELLED");
        String lapsed = offer(holder, cardId, mobile).json().get("id").asString();
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        friend = api().as(friendAccount);  // a fresh token: the first one expired with the week

        assertThat(friend.get("/api/v1/card-transfer-offers").json().size()).isZero();
        for (String id : List.of(cancelled, lapsed)) {
            assertThat(friend.post("/api/v1/card-transfer-offers/" + id + "/acceptance", null, UUID.randomUUID().toString())
                    .code()).as(id).isEqualTo("transfer-offer-closed");
        }
        assertThat(cards.find(cardId).orElseThrow().status()).isEqualTo(CardStatus.ACTIVE);
    }

    private static List<String> fieldNames(Api.Response response) {
        List<String> names = new ArrayList<>();
        response.json().propertyNames().forEach(names::add);
        return names;
    }
}
