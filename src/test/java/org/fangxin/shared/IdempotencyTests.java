package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class IdempotencyTests extends IntegrationTest {

    @Autowired
    Idempotency idempotency;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    tools.jackson.databind.json.JsonMapper json;

    record Order(String product, long amountMinor) { }

    @Test
    void replaysTheFirstAnswerForTheSameKeyAndRequest() {
        String scope = "test:" + UUID.randomUUID();
        AtomicInteger runs = new AtomicInteger();
        var first = idempotency.execute(scope, "k1", true, new Order("gym", 100),
                () -> Idempotency.Answer.of(201, Map.of("run", runs.incrementAndGet())));
        var second = idempotency.execute(scope, "k1", true, new Order("gym", 100),
                () -> Idempotency.Answer.of(201, Map.of("run", runs.incrementAndGet())));
        assertThat(runs).hasValue(1);
        assertThat(first.replayed()).isFalse();
        assertThat(second.replayed()).isTrue();
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body().toString()).contains("\"run\":1");
    }

    @Test
    void refusesTheSameKeyForADifferentRequestNamingTheField() {
        String scope = "test:" + UUID.randomUUID();
        idempotency.execute(scope, "k1", true, new Order("gym", 100), () -> Idempotency.Answer.of(201, Map.of()));
        assertThatThrownBy(() -> idempotency.execute(scope, "k1", true, new Order("gym", 200), () -> Idempotency.Answer.of(201, Map.of())))
                .isInstanceOfSatisfying(Rejection.class, rejection -> {
                    assertThat(rejection.type()).isEqualTo(ProblemType.IDEMPOTENCY_KEY_REUSED);
                    assertThat(rejection.properties()).containsEntry("field", "amountMinor");
                });
    }

    @Test
    void keepsKeysOfDifferentScopesApart() {
        AtomicInteger runs = new AtomicInteger();
        idempotency.execute("test:" + UUID.randomUUID(), "same", true, new Order("a", 1), () -> Idempotency.Answer.of(200, runs.incrementAndGet()));
        idempotency.execute("test:" + UUID.randomUUID(), "same", true, new Order("a", 1), () -> Idempotency.Answer.of(200, runs.incrementAndGet()));
        assertThat(runs).hasValue(2);
    }

    @Test
    void requiresAKeyWhenTheCommandMovesMoney() {
        assertThatThrownBy(() -> idempotency.execute("test:x", null, true, new Order("a", 1), () -> Idempotency.Answer.of(200, null)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(ProblemType.IDEMPOTENCY_KEY_MISSING));
        assertThatThrownBy(() -> idempotency.execute("test:x", "bad key with spaces", true, new Order("a", 1), () -> Idempotency.Answer.of(200, null)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(ProblemType.INVALID_INPUT));
    }

    @Test
    void forgetsAKeyWhoseCommandWasRejectedSoACorrectedRetryPasses() {
        String scope = "test:" + UUID.randomUUID();
        assertThatThrownBy(() -> idempotency.execute(scope, "k", true, new Order("a", 1), () -> {
            throw Rejection.invalid("amountMinor", "too small");
        })).isInstanceOf(Rejection.class);
        var retry = idempotency.execute(scope, "k", true, new Order("a", 1), () -> Idempotency.Answer.of(201, "ok"));
        assertThat(retry.replayed()).isFalse();
    }

    @Test
    void runsTheCommandOnceWhenTwoRetriesRace() throws Exception {
        String scope = "test:" + UUID.randomUUID();
        assertThat(race(command -> idempotency.execute(scope, "race", true, new Order("a", 1), command))).hasValue(1);
    }

    /** Two retries of one command at once through {@code path}; the runs of the command counted. */
    private static AtomicInteger race(java.util.function.Function<java.util.function.Supplier<Idempotency.Answer>,
            Idempotency.Answer> path) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Callable<Idempotency.Answer> call = () -> path.apply(() -> {
            int run = runs.incrementAndGet();
            try {
                Thread.sleep(200); // hold the key so the other retry must wait on it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Idempotency.Answer.of(201, run);
        });
        var pool = Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(call);
            var b = pool.submit(call);
            assertThat(a.get().body().toString()).isEqualTo(b.get().body().toString());
        } finally {
            pool.shutdownNow();
        }
        return runs;
    }

    private long rows(String scope, String key) {
        return jdbc.sql("select count(*) from idempotency.request where scope = :scope and key = :key")
                .param("scope", scope).param("key", key).query(Long.class).single();
    }

    @Test
    void writesTheKeyOnceWithItsAnswerWhenTheCommandIsSentTogether() {
        String scope = "test:" + UUID.randomUUID();
        AtomicInteger seenWhileRunning = new AtomicInteger(-1);
        var first = idempotency.executeSendingTogether(scope, "k", true, new Order("gym", 100), () -> {
            seenWhileRunning.set((int) rows(scope, "k"));
            return Idempotency.Answer.of(201, Map.of("run", 1));
        });
        assertThat(seenWhileRunning).as("no in-flight row before the answer is known").hasValue(0);
        assertThat(jdbc.sql("select status from idempotency.request where scope = :scope and key = 'k'")
                .param("scope", scope).query(Integer.class).single()).isEqualTo(201);
        var retry = idempotency.executeSendingTogether(scope, "k", true, new Order("gym", 100),
                () -> Idempotency.Answer.of(201, Map.of("run", 2)));
        assertThat(first.replayed()).isFalse();
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.body().toString()).contains("\"run\":1");
        assertThatThrownBy(() -> idempotency.executeSendingTogether(scope, "k", true, new Order("gym", 200),
                () -> Idempotency.Answer.of(201, Map.of())))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(ProblemType.IDEMPOTENCY_KEY_REUSED));
    }

    @Test
    void leavesNoKeyWhenACommandSentTogetherIsRejected() {
        String scope = "test:" + UUID.randomUUID();
        assertThatThrownBy(() -> idempotency.executeSendingTogether(scope, "k", true, new Order("a", 1), () -> {
            throw Rejection.invalid("amountMinor", "too small");
        })).isInstanceOf(Rejection.class);
        assertThat(rows(scope, "k")).isZero();
        assertThat(idempotency.executeSendingTogether(scope, "k", true, new Order("a", 1),
                () -> Idempotency.Answer.of(201, "ok")).replayed()).isFalse();
    }

    @Test
    void runsACommandSentTogetherOnceWhenTwoRetriesRace() throws Exception {
        String scope = "test:" + UUID.randomUUID();
        assertThat(race(command -> idempotency.executeSendingTogether(scope, "race", true, new Order("a", 1), command)))
                .hasValue(1);
        assertThat(rows(scope, "race")).isEqualTo(1);
    }

    @Test
    void claimsOfAGroupCommitWriteOnlyTheAnsweredKeysWithTheirAnswers() {
        String scope = "test:" + UUID.randomUUID();
        var answered = new Idempotency.Claim(scope, "a", new Order("a", 1));
        var released = new Idempotency.Claim(scope, "b", new Order("b", 1));
        transaction.executeWithoutResult(status -> {
            assertThat(idempotency.claimAll(java.util.List.of(answered, released, answered)))
                    .extracting(Idempotency.Claimed::status).containsExactly(Idempotency.Claimed.Status.CLAIMED,
                            Idempotency.Claimed.Status.CLAIMED, Idempotency.Claimed.Status.DUPLICATE);
            assertThat(rows(scope, "a") + rows(scope, "b")).as("nothing written by the claims").isZero();
            idempotency.answerAll(java.util.List.of(new Idempotency.Answered(scope, "a", Idempotency.Answer.of(201, "done"))));
            idempotency.releaseAll(java.util.List.of(released));
        });
        assertThat(rows(scope, "a")).isEqualTo(1);
        assertThat(rows(scope, "b")).isZero();
        transaction.executeWithoutResult(status -> {
            var again = idempotency.claimAll(java.util.List.of(released, answered));
            assertThat(again.get(0).status()).isEqualTo(Idempotency.Claimed.Status.CLAIMED);
            assertThat(again.get(1).status()).isEqualTo(Idempotency.Claimed.Status.REPLAYED);
            assertThat(again.get(1).answer().body().toString()).contains("done");
            status.setRollbackOnly();
        });
        assertThat(rows(scope, "b")).as("a rolled-back claim leaves no row").isZero();
    }

    @Test
    void writesTheKeyOnceWithItsAnswerForACommandNotSentTogether() {
        String scope = "test:" + UUID.randomUUID();
        AtomicInteger seenWhileRunning = new AtomicInteger(-1);
        idempotency.execute(scope, "k", true, new Order("gym", 100), () -> {
            seenWhileRunning.set((int) rows(scope, "k"));
            return Idempotency.Answer.of(201, Map.of("run", 1));
        });
        assertThat(seenWhileRunning).as("no in-flight row before the answer is known").hasValue(0);
        assertThat(jdbc.sql("select status from idempotency.request where scope = :scope and key = 'k'")
                .param("scope", scope).query(Integer.class).single()).isEqualTo(201);
    }

    @Test
    void aCommandThatFailsMidwayLeavesNeitherItsWritesNorItsKey() {
        String scope = "test:" + UUID.randomUUID();
        assertThatThrownBy(() -> idempotency.execute(scope, "k", true, new Order("a", 1), () -> {
            insertKey(scope, "written by the command", 200);
            throw new IllegalStateException("the command's connection broke");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(rows(scope, "k") + rows(scope, "written by the command")).isZero();
    }

    @Test
    void aKeyStillInFlightFromAnInstanceThatClaimsFirstIsAnsweredConflictAndNotRun() {
        String scope = "test:" + UUID.randomUUID();
        Order order = new Order("a", 1);
        transaction.executeWithoutResult(status -> insertKey(scope, "k", null, order));
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> idempotency.execute(scope, "k", true, order,
                () -> Idempotency.Answer.of(200, runs.incrementAndGet())))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(ProblemType.CONFLICT));
        assertThat(runs).hasValue(0);
    }

    @Test
    void aKeyClaimedMeanwhileByAnInstanceThatClaimsFirstFailsTheCommandWithoutItsWrites() throws Exception {
        String scope = "test:" + UUID.randomUUID();
        Order order = new Order("a", 1);
        var ran = new java.util.concurrent.CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        try {
            // an instance of before session 14: its claim (status null) is not committed when this one looks the key up
            var claimed = new java.util.concurrent.CountDownLatch(1);
            var oldInstance = pool.submit(() -> transaction.executeWithoutResult(status -> {
                insertKey(scope, "k", null, order);
                claimed.countDown();
                await(ran);
                jdbc.sql("update idempotency.request set status = 200, response_body = '\"old\"' where scope = :scope and key = 'k'")
                        .param("scope", scope).update();
            }));
            assertThat(claimed.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            var thisInstance = pool.submit(() -> idempotency.execute(scope, "k", true, order, () -> {
                insertKey(scope, "written by the command", 200);
                ran.countDown();
                return Idempotency.Answer.of(200, "new");
            }));
            oldInstance.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThatThrownBy(() -> thisInstance.get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(Rejection.class)
                    .satisfies(e -> assertThat(((Rejection) e.getCause()).type()).isEqualTo(ProblemType.CONFLICT));
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows(scope, "written by the command")).isZero();
        assertThat(idempotency.execute(scope, "k", true, order, () -> Idempotency.Answer.of(200, "again")).body().toString())
                .contains("old");
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A key's row as a command writes it (a null status: claimed, not answered yet). */
    private void insertKey(String scope, String key, Integer status) {
        insertKey(scope, key, status, Map.of());
    }

    private void insertKey(String scope, String key, Integer status, Object request) {
        String body = json.writeValueAsString(json.valueToTree(request));
        jdbc.sql("""
                insert into idempotency.request (scope, key, request_sha256, request_body, created_at, status)
                values (:scope, :key, :hash, cast(:body as jsonb), now(), :status)
                """).param("scope", scope).param("key", key).param("hash", Idempotency.sha256(body)).param("body", body)
                .param("status", status).update();
    }
}
