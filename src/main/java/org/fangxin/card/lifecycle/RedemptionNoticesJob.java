package org.fangxin.card.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the redemption notice pass every {@code fangxin.card.redemption-notices.interval} (1 s) on every instance, only
 * while background jobs are on ({@code fangxin.jobs.enabled}, like db-scheduler's jobs, ADR 9). Not a db-scheduler
 * task (ADR 14 §2): its poll of 10 s would delay the notices tenfold, each run would write the job table twice a
 * second, and the pass already goes over every shard itself and takes its own per-database lock.
 */
@Component
@ConditionalOnProperty(name = "fangxin.jobs.enabled", havingValue = "true", matchIfMissing = true)
class RedemptionNoticesJob {

    private static final Logger log = LoggerFactory.getLogger(RedemptionNoticesJob.class);

    private final RedemptionNotices notices;

    RedemptionNoticesJob(RedemptionNotices notices) {
        this.notices = notices;
    }

    @Scheduled(fixedDelayString = "${fangxin.card.redemption-notices.interval:PT1S}",
            initialDelayString = "${fangxin.card.redemption-notices.interval:PT1S}")
    void run() {
        try {
            notices.sendPending();
        } catch (RuntimeException e) {
            log.warn("redemption notices failed; the next pass retries: {}", e.toString());
        }
    }
}
