package org.fangxin.risk.scoring;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Daily;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.LocalTime;
import org.fangxin.risk.RiskScores;
import org.fangxin.risk.feed.FeedFolder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Persistent, cluster-safe jobs (db-scheduler): the nightly rating at 03:30 Asia/Shanghai (after the day's feeds and
 * the settlement runs; a missed night is caught up by the next run, which collects every day not collected yet) and
 * the feed folder scan every minute (a no-op unless {@code fangxin.risk.feed.directory} is set).
 */
@Configuration(proxyBeanMethods = false)
class RiskJobs {

    @Bean
    RecurringTask<Void> riskNightlyRating(RiskScores scores) {
        return Tasks.recurring("risk-nightly-rating", new Daily(RiskScores.ZONE, LocalTime.of(3, 30)))
                .execute((instance, context) -> scores.rateAll());
    }

    @Bean
    RecurringTask<Void> riskFeedFolder(FeedFolder folder) {
        return Tasks.recurring("risk-feed-folder", FixedDelay.ofMinutes(1))
                .execute((instance, context) -> folder.scan());
    }
}
