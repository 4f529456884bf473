package org.fangxin.compensation.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@code RefundsSucceeded} event replayed while its original still runs: the two one-statement PAID updates
 * ({@link CompensationRepository#markAllPaid}) overlap on the same lines, and both finish — the lines are locked in id
 * order whatever order the references come in, so neither holds a later line while waiting for an earlier one.
 */
class CompensationPaidReplayTests extends CompensationTestBase {

    @Autowired TransactionTemplate transactions;

    @Test
    void twoOverlappingPaidUpdatesBothFinishAndMoveEachLineOnce() throws Exception {
        TestMerchants.Created gym = gym();
        ProductView pack = product(gym, ProductKind.SESSION_PACK, Money.yuan(600), 10, Term.months(3),
                RefundMethod.PRO_RATA_SESSIONS);
        for (int i = 0; i < 3; i++) {
            buy(users.create(Role.CONSUMER), pack);
        }
        ClosedWithBatch closed = closeAfterSettlement(gym.id());
        assertThat(payer.payDue(closed.batch().id(), Integer.MAX_VALUE, line -> { })).isEqualTo(3);
        // the lines in id order, and their cards (which the update finds them by) in the reverse order: an update
        // locking in its scan's order (by card) would take the last line first
        List<UUID> lines = jdbc.sql("""
                select id from compensation.compensation_line where batch_id = :batch and status = 'PAYING' order by id
                """).param("batch", closed.batch().id()).query(UUID.class).list();
        assertThat(lines).hasSize(3);
        List<UUID> cardsInOrder = jdbc.sql("""
                select card_id from compensation.compensation_line where batch_id = :batch order by card_id
                """).param("batch", closed.batch().id()).query(UUID.class).list();
        setCard(lines.get(0), UUID.randomUUID()); // (batch, card) is unique at every row: swap through a free card
        setCard(lines.get(1), cardsInOrder.get(1));
        setCard(lines.get(2), cardsInOrder.get(0));
        setCard(lines.get(0), cardsInOrder.get(2));
        List<UUID> cards = List.of(cardsInOrder.get(2), cardsInOrder.get(1), cardsInOrder.get(0)); // lines 0, 1, 2
        UUID caseId = closed.closure().id();

        // A gate holds the middle line; the original update takes the first line and waits at the gate.
        CountDownLatch gateHeld = new CountDownLatch(1);
        CountDownLatch openGate = new CountDownLatch(1);
        CompletableFuture<Boolean> gate = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            lockRow(lines.get(1), "");
            gateHeld.countDown();
            awaitLatch(openGate);
            // nobody has locked the last line while the first is held and the middle one awaited
            boolean lastFree = lockRow(lines.get(2), " nowait");
            status.setRollbackOnly();
            return lastFree;
        }));
        awaitLatch(gateHeld);
        Instant at = clock.instant();
        CompletableFuture<Integer> original = CompletableFuture.supplyAsync(() -> markAllPaid(caseId, cards, at));
        await(() -> waitingForLocks() >= 1, "the original update waits at the gate");
        CompletableFuture<Integer> replay = CompletableFuture.supplyAsync(() -> markAllPaid(caseId, List.of(cards.get(2), cards.get(1), cards.get(0)), at));
        await(() -> waitingForLocks() >= 2, "the replay waits for the original");
        openGate.countDown();

        assertThat(gate.join()).as("the last line was free while the update waited for the middle one").isTrue();
        assertThat(original.join() + replay.join()).as("each line moved once, no deadlock").isEqualTo(3);
        assertThat(repository.totals(closed.batch().id()).paid()).isEqualTo(3);
    }

    private int markAllPaid(UUID caseId, List<UUID> cards, Instant at) {
        return transactions.execute(status -> repository.markAllPaid(caseId, cards, at).size());
    }

    private void setCard(UUID line, UUID card) {
        jdbc.sql("update compensation.compensation_line set card_id = :card where id = :id")
                .param("card", card).param("id", line).update();
    }

    private boolean lockRow(UUID line, String wait) {
        try {
            return jdbc.sql("select id from compensation.compensation_line where id = :id for update" + wait)
                    .param("id", line).query(UUID.class).optional().isPresent();
        } catch (org.springframework.dao.DataAccessException locked) {
            return false;
        }
    }

    /** Sessions of this database waiting for a row lock held by another transaction. */
    private long waitingForLocks() {
        return jdbc.sql("""
                select count(*) from pg_stat_activity
                 where datname = current_database() and wait_event_type = 'Lock' and query like '%compensation_line%'
                """).query(Long.class).single();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_MAX.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
