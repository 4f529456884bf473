package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.fangxin.card.CardFixtures.Bought;
import org.fangxin.card.lifecycle.RedemptionDesk;
import org.fangxin.card.lifecycle.RedemptionNotices;
import org.fangxin.identity.UserAccount;
import org.fangxin.notification.NotificationView;
import org.fangxin.notification.Notifications;
import org.fangxin.testing.Api;
import org.fangxin.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Card notices follow the card's changes after commit (ADR 11): the holder hears of a redemption (from the batched
 * notice job, ADR 14) and of a request to confirm, the merchant's people and the recipient of a transfer, each in
 * their language; a rolled-back redemption tells nobody. {@link RedemptionNoticesTests} covers the job itself.
 */
class CardNoticesTests extends CardTest {

    @Autowired RedemptionDesk redemptionDesk;
    @Autowired Notifications notifications;
    @Autowired TransactionTemplate transactions;

    @Autowired RedemptionNotices notices;

    @Test
    void tellsTheHolderOfARedemptionAfterCommitInTheirLanguage() {
        Bought b = f.bought(api());
        JsonNode redemption = CardFixtures.redeem(api(), b, 2);
        String dedupKey = "card-redeemed:" + redemption.get("id").asString();
        notices.sendPending(); // the job's pass; tests run with background jobs off
        assertThat(f.messages(b.holder(), dedupKey)).isEqualTo(1);
        JsonNode zh = b.holderApi().get("/api/v1/notifications").json().get(0);
        assertThat(zh.get("subject").asString()).isEqualTo("核销通知");
        assertThat(zh.get("body").asString()).isEqualTo(b.pack().name() + "：已核销 2 次，计 ¥66.66。如有异议，请在 48 小时内申诉。");
        JsonNode en = b.holderApi().get("/api/v1/notifications?lang=en").json().get(0);
        assertThat(en.get("subject").asString()).isEqualTo("Redemption");
        assertThat(en.get("body").asString()).startsWith(b.pack().name() + ": 2 session(s) redeemed, worth ¥66.66.");
    }

    @Test
    void asksTheHolderToConfirmARequest() {
        Bought b = f.bought(api());
        Api.Response requested = api().as(b.staff()).post("/api/v1/redemption-requests",
                Map.of("cardId", b.cardId(), "storeId", f.store(b.gym()), "sessions", 3));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String dedupKey = "redemption-requested:" + requested.json().get("id").asString();
        Eventually.holds(() -> assertThat(f.messages(b.holder(), dedupKey)).isEqualTo(1));
        assertThat(inbox(b.holder())).first().satisfies(n -> {
            assertThat(n.subject()).isEqualTo("请确认核销");
            assertThat(n.body()).contains("商户请求核销 3 次");
        });
    }

    @Test
    void tellsTheMerchantsPeopleAndTheRecipientOfATransfer() {
        Bought b = f.bought(api());
        String mobile = CardFixtures.nextMobile();
        UserAccount friend = f.consumerWithMobile(mobile);
        Api.Response transferred = org.fangxin.testing.TestTransfers.transfer(b.holderApi(), api().as(friend), b.cardId(), mobile);
        assertThat(transferred.status()).as(transferred.body()).isEqualTo(201);
        Eventually.holds(() -> assertThat(inbox(friend)).anySatisfy(n -> assertThat(n.subject()).isEqualTo("有人向您转让一张卡")));
        String transferId = transferred.json().get("id").asString();
        Eventually.holds(() -> assertThat(f.messages(friend, "card-received:" + transferId)).isEqualTo(1));
        Eventually.holds(() -> assertThat(f.messages(b.gym().owner(), "card-transferred:" + transferId + ":" + b.gym().owner().id()))
                .isEqualTo(1));
        // offer and receipt carry the same instant of the test clock, so their order in the inbox is not defined
        assertThat(inbox(friend)).anySatisfy(n -> assertThat(n.subject()).isEqualTo("您收到一张卡"));
        assertThat(notifications.inbox(b.gym().owner().actor(), 20, java.util.Locale.ENGLISH))
                .anySatisfy(n -> assertThat(n.body()).contains("the holder transferred card " + b.cardId()));
    }

    @Test
    void aRolledBackRedemptionNotifiesNobody() {
        Bought b = f.bought(api());
        String code = CardFixtures.code(b.holderApi(), b.cardId());
        RedemptionView rolledBack = transactions.execute(status -> {
            RedemptionView view = redemptionDesk.redeem(b.staff().actor(), new Redeem(code, f.store(b.gym()), 1, null));
            status.setRollbackOnly();
            return view;
        });
        assertThat(f.publications(rolledBack.id())).as("nothing was published").isZero();

        JsonNode committed = CardFixtures.redeem(api(), b, 1);
        String dedupKey = "card-redeemed:" + committed.get("id").asString();
        notices.sendPending();
        assertThat(f.messages(b.holder(), dedupKey)).isEqualTo(1);
        assertThat(inbox(b.holder())).as("only the committed redemption's notice").hasSize(1);
        assertThat(f.messages(b.holder(), "card-redeemed:" + rolledBack.id())).isZero();
    }

    private List<NotificationView> inbox(UserAccount user) {
        return notifications.inbox(user.actor(), 20);
    }
}
