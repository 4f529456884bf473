package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fangxin.card.CardFixtures.Bought;
import org.fangxin.card.lifecycle.RedemptionDesk;
import org.fangxin.card.lifecycle.RedemptionNotices;
import org.fangxin.notification.NoticeDelivery;
import org.fangxin.notification.RecordingChannel;
import org.fangxin.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The holder's redemption notice follows the committed redemption row in batches (ADR 14): the redemption writes no
 * event publication, each notice is sent once however often and however concurrently the job runs, and a redemption
 * whose transaction commits after newer ones is not skipped; a notice that fails is parked and retried without
 * holding up the others; with background jobs off nothing runs the pass but a direct call.
 */
class RedemptionNoticesTests extends CardTest {

    @Autowired RedemptionNotices notices;
    @Autowired RedemptionDesk redemptionDesk;
    @Autowired TransactionTemplate transactions;
    @Autowired NoticeDelivery delivery;

    @Autowired ApplicationContext context;

    @Test
    void aRedemptionWritesNoEventPublicationAndTheJobTellsTheHolder() {
        Bought b = f.bought(api());
        UUID redemptionId = redeem(b, 2);
        assertThat(f.publications(redemptionId)).as("no after-commit work per redemption").isZero();

        notices.sendPending();

        Eventually.holds(() -> assertThat(f.messages(b.holder(), "card-redeemed:" + redemptionId)).isEqualTo(1));
        assertThat(b.holderApi().get("/api/v1/notifications").json().get(0).get("body").asString())
                .isEqualTo(b.pack().name() + "：已核销 2 次，计 ¥66.66。如有异议，请在 48 小时内申诉。");
    }

    @Test
    void theJobRunTwiceOrConcurrentlySendsEachNoticeOnce() throws Exception {
        Bought b = f.bought(api());
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
            Eventually.holds(() -> assertThat(f.messages(b.holder(), "card-redeemed:" + id)).isEqualTo(1));
        }
        assertDeliveredOnce(redeemed);
        assertThat(notices.sendPending()).as("nothing left after the cursor").isZero();
        assertThat(b.holderApi().get("/api/v1/notifications").json().size()).isEqualTo(3);
    }

    @Test
    void aRedemptionCommittedAfterNewerOnesIsNotSkipped() throws Exception {
        Bought early = f.bought(api());
        Bought late = f.bought(api());
        String code = CardFixtures.code(early.holderApi(), early.cardId());
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
        assertThat(f.messages(late.holder(), "card-redeemed:" + committedFirst))
                .as("the cursor waits for the older transaction, so it cannot pass it").isZero();
        release.countDown();
        UUID committedLast = open.get(60, TimeUnit.SECONDS).id();
        notices.sendPending();

        Eventually.holds(() -> assertThat(f.messages(early.holder(), "card-redeemed:" + committedLast)).isEqualTo(1));
        Eventually.holds(() -> assertThat(f.messages(late.holder(), "card-redeemed:" + committedFirst)).isEqualTo(1));
    }

    @Test
    void aNoticeThatFailsIsParkedWhileTheOthersGoOutAndIsSentOnceWhenItsRetrySucceeds() {
        Bought b = f.bought(api());
        UUID before = redeem(b, 1);
        UUID failing = redeem(b, 1);
        UUID after = redeem(b, 1);
        // the database refuses this one notice (as a broken row would), so its batch fails and goes row by row
        jdbc.sql("""
                create function card.test_refuse_notice() returns trigger language plpgsql as $$
                begin raise exception 'refused for the test'; end $$
                """).update();
        jdbc.sql("create trigger test_refuse_notice before insert on notification.message for each row when (new.dedup_key = '"
                + "card-redeemed:" + failing + "') execute function card.test_refuse_notice()").update();
        try {
            assertThat(notices.sendPending()).as("the queue went past the failing notice").isGreaterThanOrEqualTo(2);
            assertThat(f.messages(b.holder(), "card-redeemed:" + before)).isEqualTo(1);
            assertThat(f.messages(b.holder(), "card-redeemed:" + after)).isEqualTo(1);
            assertThat(f.messages(b.holder(), "card-redeemed:" + failing)).isZero();
            assertThat(parked(failing)).as("kept, not lost").isEqualTo(1);

            clock.advance(Duration.ofMinutes(2));
            notices.sendPending();
            assertThat(jdbc.sql("select failures from card.redemption_notice_parked where redemption_id = :id")
                    .param("id", failing).query(Integer.class).single()).as("retried once more, later").isEqualTo(2);
        } finally {
            jdbc.sql("drop trigger test_refuse_notice on notification.message").update();
            jdbc.sql("drop function card.test_refuse_notice()").update();
        }
        notices.sendPending();
        assertThat(f.messages(b.holder(), "card-redeemed:" + failing)).as("not yet due again").isZero();

        clock.advance(Duration.ofMinutes(5));
        notices.sendPending();
        notices.sendPending();
        for (UUID id : List.of(before, failing, after)) {
            assertThat(f.messages(b.holder(), "card-redeemed:" + id)).isEqualTo(1);
        }
        assertDeliveredOnce(List.of(before, failing, after));
        assertThat(parked(failing)).isZero();
    }

    @Test
    void withBackgroundJobsOffNoPassIsScheduled() {
        assertThat(context.getBeanNamesForType(ScheduledTaskHolder.class)).isNotEmpty();
        List<String> scheduled = context.getBeansOfType(ScheduledTaskHolder.class).values().stream()
                .flatMap(holder -> holder.getScheduledTasks().stream())
                .map(task -> task.getTask().getRunnable().toString())
                .toList();
        // a scheduled method reads as its class and method (RedemptionNoticesJobTests sees the pass so while jobs are on)
        assertThat(scheduled).noneMatch(task -> task.contains("RedemptionNotices"));
        assertThat(context.getBeanNamesForType(RedemptionNotices.class)).as("the pass itself stays callable").hasSize(1);
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
        return UUID.fromString(CardFixtures.redeem(api(), b, sessions).get("id").asString());
    }

    /** A delivery channel's passes hand each redemption's notice over exactly once. */
    private void assertDeliveredOnce(List<UUID> redemptions) {
        RecordingChannel channel = new RecordingChannel().catchUp(delivery);
        for (UUID id : redemptions) {
            UUID message = jdbc.sql("select id from notification.message where dedup_key = :key")
                    .param("key", "card-redeemed:" + id).query(UUID.class).single();
            assertThat(channel.of(message)).hasSize(1);
        }
    }

    private long parked(UUID redemptionId) {
        return jdbc.sql("select count(*) from card.redemption_notice_parked where redemption_id = :id")
                .param("id", redemptionId).query(Long.class).single();
    }
}
