package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class IdempotencyJanitorTests extends IntegrationTest {

    /** Far before any other test's keys, so the janitor's cut-off touches only this test's rows. */
    private static final Instant SWEPT_AT = Instant.parse("2000-03-01T00:00:00Z");

    @Autowired
    Idempotency idempotency;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Shards shards;

    @Test
    void forgetsOldKeysOfEveryFormAlike() {
        String scope = "test:" + UUID.randomUUID();
        idempotency.execute(scope, "direct", true, Map.of("n", 1), () -> Idempotency.Answer.of(201, Map.of()));
        idempotency.executeSendingTogether(scope, "together", true, Map.of("n", 2), () -> Idempotency.Answer.of(201, Map.of()));
        // the claim an instance of before session 14 wrote first (no status until its answer), as if left behind
        jdbc.sql("""
                insert into idempotency.request (scope, key, request_sha256, request_body, created_at)
                values (:scope, 'claimed', repeat('0', 64), '{}', now())
                """).param("scope", scope).update();
        for (String key : java.util.List.of("direct", "together", "claimed")) {
            bornAt(scope, key, SWEPT_AT.minus(Duration.ofDays(31)));
        }

        janitor(true).sweep();
        assertThat(keys(scope)).isEmpty();
    }

    @Test
    void forgetsKeysOlderThanTheRetentionAndKeepsYoungerOnesOnlyWhileJobsAreOn() {
        String scope = "test:" + UUID.randomUUID();
        idempotency.execute(scope, "old", true, Map.of("n", 1), () -> Idempotency.Answer.of(201, Map.of()));
        idempotency.execute(scope, "young", true, Map.of("n", 2), () -> Idempotency.Answer.of(201, Map.of()));
        bornAt(scope, "old", SWEPT_AT.minus(Duration.ofDays(31)));
        bornAt(scope, "young", SWEPT_AT.minus(Duration.ofDays(29)));

        janitor(false).sweep();
        assertThat(keys(scope)).containsExactlyInAnyOrder("old", "young");

        janitor(true).sweep();
        assertThat(keys(scope)).containsExactly("young");
    }

    private IdempotencyJanitor janitor(boolean jobsEnabled) {
        return new IdempotencyJanitor(jdbc, Clock.fixed(SWEPT_AT, ZoneOffset.UTC), Duration.ofDays(30), shards,
                jobsEnabled);
    }

    private void bornAt(String scope, String key, Instant at) {
        jdbc.sql("update idempotency.request set created_at = :at where scope = :scope and key = :key")
                .param("at", java.sql.Timestamp.from(at)).param("scope", scope).param("key", key).update();
    }

    private java.util.List<String> keys(String scope) {
        return jdbc.sql("select key from idempotency.request where scope = :scope").param("scope", scope)
                .query(String.class).list();
    }
}
