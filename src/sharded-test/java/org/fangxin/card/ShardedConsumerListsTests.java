package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.Api;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * ADR 12 §8f: what a consumer, a visitor and the complaint handlers see across merchants in the sharded profile. These
 * requests name no merchant, so they run on the directory shard; their lists ask each shard once for its first rows
 * and merge them. Merchants on {@code ds_1} and {@code ds_2} must appear, not only those on {@code ds_0}.
 */
class ShardedConsumerListsTests extends ShardedCardTest {

    @Test
    void aConsumerWithCardsAtGymsOnTwoShardsSeesBothInTheApiAndOnThePage() {
        UserAccount consumer = f.consumer();
        Api holder = api().as(consumer);
        List<UUID> cards = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int shard = 1; shard <= 2; shard++) {
            TestMerchants.Created gym = gymOn(shard);
            long price = 1200 + shard;
            ProductView pack = ShardRouting.onMerchant(gym.id(), () -> f.sessionPack(gym, price, 12));
            cards.add(ShardRouting.onMerchant(gym.id(), () -> f.buyAndPay(holder, pack)));
            names.add(pack.name());
        }

        assertThat(ids(holder.get("/api/v1/cards"))).containsExactlyInAnyOrderElementsOf(cards);
        assertThat(ids(holder.get("/api/v1/cards?limit=1"))).as("the merge is cut to the page").hasSize(1);
        assertThat(holder.get("/api/v1/purchases").json().valueStream().map(p -> UUID.fromString(p.get("cardId").asString())))
                .containsExactlyInAnyOrderElementsOf(cards);
        HttpResponse<String> page = FormSession.loggedIn(port, consumer.username()).get("/cards");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(names);
        HttpResponse<String> intake = FormSession.loggedIn(port, consumer.username())
                .get("/complaints/new?subject=CARD&subjectId=" + cards.get(0));
        assertThat(intake.statusCode()).as("the complaint form of a card on ds_1, routed by its query").isEqualTo(200);
        Api.Response refund = holder.post("/api/v1/refunds", Map.of("cardId", cards.get(1), "reason", "CONSUMER_CHOICE"), key());
        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        assertThat(holder.get("/api/v1/refunds").json().valueStream().map(r -> UUID.fromString(r.get("cardId").asString())))
                .as("the refund of the card on ds_2").containsExactly(cards.get(1));
        assertThat(ids(api().as(f.consumer()).get("/api/v1/cards"))).as("another consumer's list").doesNotContainAnyElementsOf(cards);
    }

    @Test
    void theStorefrontListsProductsOfMerchantsOnAllThreeShards() {
        List<UUID> products = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int shard = 0; shard < 3; shard++) {
            TestMerchants.Created gym = gymOn(shard);
            long price = 800 + shard;
            ProductView pack = ShardRouting.onMerchant(gym.id(), () -> f.sessionPack(gym, price, 8));
            products.add(pack.id());
            names.add(pack.name());
        }

        Api.Response listed = api().get("/api/v1/public/storefront/products");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().valueStream().map(card -> UUID.fromString(card.get("product").get("id").asString())))
                .containsAll(products);
        HttpResponse<String> home = FormSession.anonymous(port).get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(names);
    }

    @Test
    void anEscalatedComplaintOnTheThirdShardReachesTheAssociationsQueueAndIsWorkedFromThere() {
        TestMerchants.Created gym = gymOn(2);
        UserAccount consumer = f.consumer();
        Api holder = api().as(consumer);
        ProductView pack = ShardRouting.onMerchant(gym.id(), () -> f.sessionPack(gym, 2000, 20));
        UUID card = ShardRouting.onMerchant(gym.id(), () -> f.buyAndPay(holder, pack));
        Api.Response filed = complainAbout(holder, card);
        UUID id = UUID.fromString(filed.json().get("id").asString());
        assertThat(MerchantSlot.of(id)).as("the case carries its merchant's gene").isEqualTo(MerchantSlot.of(gym.id()));
        assertThat(stage(api().as(gym.owner()).post("/api/v1/complaints/" + id + "/refusal", Map.of("reason", "概不退款"), key())))
                .isEqualTo("MERCHANT_NEGOTIATION");
        assertThat(stage(holder.post("/api/v1/complaints/" + id + "/escalation", Map.of("to", "PLATFORM_MEDIATION"), key())))
                .isEqualTo("PLATFORM_MEDIATION");

        Api operator = api().as(users.create(Role.OPERATOR));
        assertThat(ids(operator.get("/api/v1/complaints"))).as("the platform's mediation queue").contains(id);
        assertThat(stage(operator.post("/api/v1/complaints/" + id + "/escalation",
                Map.of("to", "ASSOCIATION_ACCEPTANCE", "note", "转消费者协会"), key()))).isEqualTo("ASSOCIATION_ACCEPTANCE");

        UserAccount associationUser = users.create(Role.ASSOCIATION, null, null, "410200");
        Api association = api().as(associationUser);
        assertThat(ids(association.get("/api/v1/complaints?stage=ASSOCIATION_ACCEPTANCE"))).as("the association's queue").contains(id);
        HttpResponse<String> queue = FormSession.loggedIn(port, associationUser.username()).get("/complaints");
        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).contains(filed.json().get("caseNumber").asString());
        assertThat(stage(association.post("/api/v1/complaints/" + id + "/acceptance", Map.of(), key())))
                .as("worked from the queue: routed to ds_2 by the case's id").isEqualTo("ASSOCIATION_MEDIATION");

        JsonNode mine = holder.get("/api/v1/complaints").json();
        assertThat(mine.valueStream().filter(c -> c.get("id").asString().equals(id.toString())).map(c -> c.get("stage").asString()))
                .containsExactly("ASSOCIATION_MEDIATION");
        assertThat(api().as(f.consumer()).get("/api/v1/complaints/" + id).status()).as("another consumer").isEqualTo(404);
        CardFixtures.awaitTrue(() -> noticeAbout(holder, "投诉") != null); // written on ds_2, where its listener ran
        UUID notice = noticeAbout(holder, "投诉");
        assertThat(holder.post("/api/v1/notifications/" + notice + "/read", null).status()).isEqualTo(204);
        assertThat(holder.get("/api/v1/notifications").json().valueStream()
                .filter(n -> n.get("id").asString().equals(notice.toString())).map(n -> n.get("readAt").isNull()))
                .containsExactly(false);
        assertThat(ids(api().as(users.create(Role.ASSOCIATION, null, null, "110100")).get("/api/v1/complaints")))
                .as("an association of another region").doesNotContain(id);
        for (int shard = 0; shard < 3; shard++) {
            long rows = shards.get(shard).sql("select count(*) from complaint.complaint_case where id = :id")
                    .param("id", id).query(Long.class).single();
            assertThat(rows).as("the case on ds_" + shard).isEqualTo(shard == 2 ? 1 : 0);
        }
    }

    @Test
    void staffListsAndTransferOffersShowRowsOfMerchantsOnTheOtherShards() {
        Api holder = api().as(f.consumer());
        String mobile = CardFixtures.nextMobile();
        Api friend = api().as(f.consumerWithMobile(mobile));
        List<UUID> products = new ArrayList<>();
        List<UUID> refunds = new ArrayList<>();
        List<String> offers = new ArrayList<>();
        for (int shard = 1; shard <= 2; shard++) {
            TestMerchants.Created gym = gymOn(shard);
            long price = 1500 + shard;
            ProductView pack = ShardRouting.onMerchant(gym.id(), () -> f.sessionPack(gym, price, 10));
            products.add(pack.id());
            UUID refunded = ShardRouting.onMerchant(gym.id(), () -> f.buyAndPay(holder, pack));
            Api.Response refund = holder.post("/api/v1/refunds", Map.of("cardId", refunded, "reason", "CONSUMER_CHOICE"), key());
            assertThat(refund.status()).as(refund.body()).isEqualTo(201);
            refunds.add(UUID.fromString(refund.json().get("id").asString()));
            UUID offered = ShardRouting.onMerchant(gym.id(), () -> f.buyAndPay(holder, pack));
            Api.Response offer = holder.post("/api/v1/cards/" + offered + "/transfer", Map.of("toMobile", mobile), key());
            assertThat(offer.status()).as(offer.body()).isEqualTo(202);
            offers.add(offer.json().get("id").asString());
        }

        String refundsList = "/api/v1/refunds?limit=200";
        assertThat(ids(api().as(users.create(Role.OPERATOR)).get(refundsList))).as("the operator's refunds").containsAll(refunds);
        assertThat(ids(api().as(users.create(Role.REGULATOR, null, "SPORTS_FITNESS", "410200")).get(refundsList)))
                .as("the regulator's refunds").containsAll(refunds);
        assertThat(ids(api().as(users.create(Role.REGULATOR, null, null, "110100")).get(refundsList)))
                .as("a regulator of another region").doesNotContainAnyElementsOf(refunds);
        assertThat(ids(api().as(users.create(Role.OPERATOR)).get("/api/v1/products?limit=100"))).as("the operator's products")
                .containsAll(products);
        assertThat(ids(api().as(users.create(Role.REGULATOR, null, null, "110100")).get("/api/v1/products?limit=100")))
                .as("a regulator of another region").doesNotContainAnyElementsOf(products);
        assertThat(friend.get("/api/v1/card-transfer-offers").json().valueStream().map(o -> o.get("id").asString()))
                .as("offers of cards on ds_1 and ds_2").containsExactlyElementsOf(offers);
        Api.Response accepted = friend.post("/api/v1/card-transfer-offers/" + offers.get(1) + "/acceptance", null, key());
        assertThat(accepted.status()).as("accepted on ds_2, routed by the offer's id: " + accepted.body()).isEqualTo(201);
        assertThat(api().as(f.consumer()).get("/api/v1/card-transfer-offers").json().size()).as("another consumer").isZero();
    }

    @Test
    void theSlaBoardAndTheExportCountACaseOnTheThirdShard() {
        TestMerchants.Created gym = gymOn(2);
        Api holder = api().as(f.consumer());
        ProductView pack = ShardRouting.onMerchant(gym.id(), () -> f.sessionPack(gym, 2100, 21));
        UUID card = ShardRouting.onMerchant(gym.id(), () -> f.buyAndPay(holder, pack));
        Api association = api().as(users.create(Role.ASSOCIATION, null, null, "410200"));
        Api operator = api().as(users.create(Role.OPERATOR));
        long openBefore = total(board(association), "openByStage");
        long withdrawnBefore = board(operator).get("closedByOutcome").path("WITHDRAWN").asLong(0);
        Api elsewhere = api().as(users.create(Role.ASSOCIATION, null, null, "110100"));
        JsonNode elsewhereBefore = board(elsewhere);

        Api.Response filed = complainAbout(holder, card);
        UUID id = UUID.fromString(filed.json().get("id").asString());
        assertThat(total(board(association), "openByStage")).as("the association's board counts the case on ds_2")
                .isEqualTo(openBefore + 1);
        Api regulator = api().as(users.create(Role.REGULATOR, null, "SPORTS_FITNESS", "410200"));
        assertThat(regulator.get("/api/v1/complaints/export?stage=MERCHANT_NEGOTIATION").json().valueStream()
                .map(c -> c.get("caseNumber").asString())).as("the export").contains(filed.json().get("caseNumber").asString());
        assertThat(stage(holder.post("/api/v1/complaints/" + id + "/withdrawal", Map.of(), key()))).isEqualTo("CLOSED");
        JsonNode after = board(operator);
        assertThat(after.get("closedByOutcome").get("WITHDRAWN").asLong()).as("closed on ds_2").isEqualTo(withdrawnBefore + 1);
        assertThat(after.get("medianDaysByOutcome").has("WITHDRAWN")).isTrue();
        assertThat(total(board(association), "openByStage")).isEqualTo(openBefore);
        assertThat(board(elsewhere)).as("the board of an association of another region").isEqualTo(elsewhereBefore);
    }

    private static JsonNode board(Api handler) {
        Api.Response board = handler.get("/api/v1/complaints/sla-board");
        assertThat(board.status()).as(board.body()).isEqualTo(200);
        return board.json();
    }

    private static long total(JsonNode board, String figure) {
        return board.get(figure).valueStream().mapToLong(JsonNode::asLong).sum();
    }

    private static Api.Response complainAbout(Api holder, UUID card) {
        Api.Response filed = holder.post("/api/v1/complaints", Map.of("subject", "CARD", "subjectId", card,
                "category", "REFUND_REFUSED", "asked", Map.of("amountMinor", 100_000, "currency", "CNY"),
                "askedAction", "退还剩余课时费用", "description", "健身房拒绝退还剩余课时费用。"), key());
        assertThat(filed.status()).as("filed on the card's shard, routed by the subject's id: " + filed.body()).isEqualTo(201);
        return filed;
    }

    /** The newest notice in the consumer's inbox whose subject mentions {@code word}, or null. */
    private static UUID noticeAbout(Api holder, String word) {
        return holder.get("/api/v1/notifications").json().valueStream().filter(n -> n.get("subject").asString().contains(word))
                .map(n -> UUID.fromString(n.get("id").asString())).findFirst().orElse(null);
    }

    private static List<UUID> ids(Api.Response list) {
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return list.json().valueStream().map(item -> UUID.fromString(item.get("id").asString())).toList();
    }

    private static String stage(Api.Response answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("stage").asString();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
