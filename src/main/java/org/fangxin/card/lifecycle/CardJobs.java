package org.fangxin.card.lifecycle;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Persistent, cluster-safe jobs (db-scheduler): period release every hour (it catches up), request expiry every minute. */
@Configuration(proxyBeanMethods = false)
class CardJobs {

    @Bean
    RecurringTask<Void> cardPeriodRelease(PeriodRelease release) {
        return Tasks.recurring("card-period-release", Schedules.fixedDelay(Duration.ofHours(1)))
                .execute((instance, context) -> release.releaseDue());
    }

    @Bean
    RecurringTask<Void> cardRedemptionRequestExpiry(RedemptionDesk redemptions) {
        return Tasks.recurring("card-redemption-request-expiry", Schedules.fixedDelay(Duration.ofMinutes(1)))
                .execute((instance, context) -> redemptions.expireRequests());
    }
}
