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

class IdempotencyTests extends IntegrationTest {

    @Autowired
    Idempotency idempotency;

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
        AtomicInteger runs = new AtomicInteger();
        Callable<Idempotency.Answer> call = () -> idempotency.execute(scope, "race", true, new Order("a", 1), () -> {
            int run = runs.incrementAndGet();
            try {
                Thread.sleep(200); // hold the key row so the other retry must wait on it
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
        assertThat(runs).hasValue(1);
    }
}
