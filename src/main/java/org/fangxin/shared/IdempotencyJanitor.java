package org.fangxin.shared;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets idempotency keys older than {@code idempotencyRetentionMax} (default 30 days), in bounded batches, on every
 * shard (keys live on the shard of the request that made them). Safe when several instances run it at once: deleting
 * an already deleted row is a no-op. Runs only while background jobs are on ({@code fangxin.jobs.enabled}, ADR 9).
 */
@Component
class IdempotencyJanitor {

    static final int BATCH_SIZE_MAX = 10_000;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyJanitor.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration idempotencyRetentionMax;
    private final Shards shards;
    private final boolean jobsEnabled;

    IdempotencyJanitor(JdbcClient jdbc, Clock clock,
                       @Value("${fangxin.idempotency.retention:P30D}") Duration idempotencyRetentionMax,
                       Shards shards, @Value("${fangxin.jobs.enabled:true}") boolean jobsEnabled) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.idempotencyRetentionMax = idempotencyRetentionMax;
        this.shards = shards;
        this.jobsEnabled = jobsEnabled;
    }

    @Scheduled(fixedDelayString = "${fangxin.idempotency.sweep-interval:PT1H}", initialDelayString = "PT5M")
    void sweep() {
        if (jobsEnabled) {
            shards.each(this::forgetExpiredKeys);
        }
    }

    int forgetExpiredKeys() {
        int deleted = jdbc.sql("""
                delete from idempotency.request where ctid in (
                    select ctid from idempotency.request where created_at < :cutoff limit :batch)
                """)
                .param("cutoff", Timestamp.from(clock.instant().minus(idempotencyRetentionMax)))
                .param("batch", BATCH_SIZE_MAX)
                .update();
        if (deleted > 0) {
            log.info("forgot {} idempotency keys older than {}", deleted, idempotencyRetentionMax);
        }
        return deleted;
    }
}
