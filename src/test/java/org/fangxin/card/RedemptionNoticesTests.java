package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fangxin.card.lifecycle.RedemptionDesk;
import org.fangxin.card.lifecycle.RedemptionNotices;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.UserAccount;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.Api;
import org.fangxin.testing.Eventually;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The holder's redemption notice follows the committed redemption row in batches (ADR 14): the redemption writes no
 * event publication, each notice is sent once however often and however concurrently the job runs, and a redemption
 * whose transaction commits after newer ones is not skipped.
 */
class RedemptionNoticesTests extends CardTest {

    @Autowired RedemptionNotices notices;
    @Autowired RedemptionDesk redemptionDesk;
    @Autowired TransactionTemplate transactions;

    record Bought(TestMerchants.Created gym, ProductView pack, UserAccount holder, Api holderApi, UUID cardId,
                  UserAccount staff) { }

    Bought bought() {
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 2000, 60);
        UserAccount holder = f.consumer();
        Api holderApi = api().as(holder);
        return new Bought(gym, pack, holder, holderApi, f.buyAndPay(holderApi, pack), f.staff(gym.id()));
    }

    @Test
    void aRedemptionWritesNoEventPublicationAndTheJobTellsTheHolder() {
        Bought b = bought();
        UUID redemptionId = redeem(b, 2);
        assertThat(publications(redemptionId)).as("no after-commit work per redemption").isZero();

        notices.sendPending();

        Eventually.holds(() -> assertThat(messages(b.holder(), "card-redeemed:" + redemptionId)).isEqualTo(1));
        assertThat(b.holderApi().get("/api/v1/notifications").json().get(0).get("body").asString())
                .isEqualTo(b.pack().name() + "：已核销 2 次，计 ¥66.66。如有异议，请在 48 小时内申诉。");
    }

    @Test
    void theJobRunTwiceOrConcurrentlySendsEachNoticeOnce() throws Exception {
        Bought b = bought();
        List<UUID> redeemed = List.of(redeem(b, 1), redeem(b, 1), redeem(b, 1));

        List<CompletableFuture<Integer>> passes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            passes.add(CompletableFuture.supplyAsync(notices::sendPending));
        }
        for (CompletableFuture<Integer> pass : passes) {
            pass.get(60, TimeUnit.SECONDS);
        }
        notices.sendPending();
        // as if the cursor were lost (or a second instance ran without the lock): the dedup keys make the repeat a no-op
        jdbc.sql("update card.redemption_notice_cursor set after_xid = '0', after_id = '00000000-0000-0000-0000-000000000000'")
                .update();
        notices.sendPending();

        for (UUID id : redeemed) {
            Eventually.holds(() -> assertThat(messages(b.holder(), "card-redeemed:" + id)).isEqualTo(1));
            assertThat(outboxRows("card-redeemed:" + id)).isEqualTo(1);
        }
        assertThat(notices.sendPending()).as("nothing left after the cursor").isZero();
        assertThat(b.holderApi().get("/api/v1/notifications").json().size()).isEqualTo(3);
    }

    @Test
    void aRedemptionCommittedAfterNewerOnesIsNotSkipped() throws Exception {
        Bought early = bought();
        Bought late = bought();
        String code = code(early);
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<RedemptionView> open = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            RedemptionView view = redemptionDesk.redeem(early.staff().actor(), new Redeem(code, f.store(early.gym()), 1, null));
            written.countDown();
            await(release);
            return view;
        }));
        assertThat(written.await(60, TimeUnit.SECONDS)).isTrue();
        UUID committedFirst = redeem(late, 1); // a newer row, committed while the older transaction is still open

        notices.sendPending();
        assertThat(messages(late.holder(), "card-redeemed:" + committedFirst))
                .as("the cursor waits for the older transaction, so it cannot pass it").isZero();
        release.countDown();
        UUID committedLast = open.get(60, TimeUnit.SECONDS).id();
        notices.sendPending();

        Eventually.holds(() -> assertThat(messages(early.holder(), "card-redeemed:" + committedLast)).isEqualTo(1));
        Eventually.holds(() -> assertThat(messages(late.holder(), "card-redeemed:" + committedFirst)).isEqualTo(1));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private UUID redeem(Bought b, int sessions) {
        Api.Response response = api().as(b.staff()).post("/api/v1/redemptions",
                Map.of("code", code(b), "storeId", f.store(b.gym()), "sessions", sessions), UUID.randomUUID().toString());
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return UUID.fromString(response.json().get("id").asString());
    }

    private static String code(Bought b) {
        Api.Response response = b.holderApi().post("/api/v1/cards/" + b.cardId() + "/redemption-codes", null);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("code").asString();
    }

    private long messages(UserAccount user, String dedupKey) {
        return jdbc.sql("select count(*) from notification.message where user_id = :user and dedup_key = :key")
                .param("user", user.id()).param("key", dedupKey).query(Long.class).single();
    }

    private long outboxRows(String dedupKey) {
        return jdbc.sql("""
                select count(*) from notification.outbox o join notification.message m on m.id = o.message_id
                 where m.dedup_key = :key
                """).param("key", dedupKey).query(Long.class).single();
    }

    private long publications(UUID redemptionId) {
        return jdbc.sql("select count(*) from event_publication where serialized_event like :id")
                .param("id", "%" + redemptionId + "%").query(Long.class).single();
    }
}
