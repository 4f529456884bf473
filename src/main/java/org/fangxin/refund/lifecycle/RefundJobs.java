package org.fangxin.refund.lifecycle;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Persistent, cluster-safe jobs (db-scheduler). They run hourly rather than once a day so a missed run or a merchant
 * in another zone is caught up soon; each run only does what is due, so extra runs are harmless.
 */
@Configuration(proxyBeanMethods = false)
class RefundJobs {

    @Bean
    RecurringTask<Void> refundSilenceTask(RefundTimers timers) {
        return Tasks.recurring("refund-accept-silent", FixedDelay.ofMinutes(60))
                .execute((instance, context) -> timers.acceptSilentRequests());
    }

    @Bean
    RecurringTask<Void> refundExpiryTask(RefundTimers timers) {
        return Tasks.recurring("refund-expired-cards", FixedDelay.ofMinutes(60))
                .execute((instance, context) -> {
                    timers.noticeExpiringCards();
                    timers.refundExpiredCards();
                });
    }
}
