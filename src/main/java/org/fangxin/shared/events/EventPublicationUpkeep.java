package org.fangxin.shared.events;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.stereotype.Component;

/**
 * Keeps the JDBC event publication registry moving and small (ADR 4, 11): a publication whose listener failed (a
 * notice, a reaction of another module) is resubmitted once it is {@code retryAfter} old, instead of waiting for the
 * next restart; completed publications are deleted after {@code completedRetention}. Listeners are idempotent, so a
 * resubmission that repeats work changes nothing. Jobs on db-scheduler, one instance at a time.
 */
@Component
public class EventPublicationUpkeep {

    static final int RESUBMIT_BATCH = 500;

    private final FailedEventPublications failed;
    private final CompletedEventPublications completed;
    private final Duration retryAfter;
    private final Duration completedRetention;

    EventPublicationUpkeep(FailedEventPublications failed, CompletedEventPublications completed,
                           @Value("${fangxin.events.retry-after:PT5M}") Duration retryAfter,
                           @Value("${fangxin.events.completed-retention:P7D}") Duration completedRetention) {
        this.failed = failed;
        this.completed = completed;
        this.retryAfter = retryAfter;
        this.completedRetention = completedRetention;
    }

    /** Resubmits failed publications at least {@code retryAfter} old to their listeners. */
    public void retryFailed() {
        failed.resubmit(ResubmissionOptions.defaults().withMinAge(retryAfter).withBatchSize(RESUBMIT_BATCH));
    }

    /** Deletes completed publications older than the retention. */
    public void forgetCompleted() {
        completed.deletePublicationsOlderThan(completedRetention);
    }

    @Configuration(proxyBeanMethods = false)
    static class Jobs {

        @Bean
        RecurringTask<Void> eventPublicationRetry(EventPublicationUpkeep upkeep,
                                                  @Value("${fangxin.events.retry-interval:PT10M}") Duration interval) {
            return Tasks.recurring("event-publication-retry", Schedules.fixedDelay(interval))
                    .execute((instance, context) -> upkeep.retryFailed());
        }

        @Bean
        RecurringTask<Void> eventPublicationPurge(EventPublicationUpkeep upkeep) {
            return Tasks.recurring("event-publication-purge", Schedules.fixedDelay(Duration.ofHours(6)))
                    .execute((instance, context) -> upkeep.forgetCompleted());
        }
    }
}
