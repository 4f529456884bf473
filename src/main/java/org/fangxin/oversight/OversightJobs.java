package org.fangxin.oversight;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The daily balance snapshot (02:30 Asia/Shanghai, after the day's settlement) and the supervision feed file of that
 * snapshot (03:00); one instance runs each.
 */
@Configuration(proxyBeanMethods = false)
class OversightJobs {

    @Bean
    RecurringTask<Void> oversightBalanceSnapshot(BalanceDashboard dashboard) {
        return Tasks.recurring("oversight-balance-snapshot", Schedules.daily(ZoneId.of("Asia/Shanghai"), LocalTime.of(2, 30)))
                .execute((instance, context) -> dashboard.takeSnapshotToday());
    }

    @Bean
    RecurringTask<Void> oversightFeedExport(BalanceFeed feed) {
        return Tasks.recurring("oversight-feed-export", Schedules.daily(ZoneId.of("Asia/Shanghai"), LocalTime.of(3, 0)))
                .execute((instance, context) -> {
                    try {
                        feed.exportToday();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }

    /** Quarterly statements and reports: daily at 04:30, generating every ended quarter not generated yet. */
    @Bean
    RecurringTask<Void> oversightQuarterlyReports(QuarterlyReports reports) {
        return Tasks.recurring("oversight-quarterly-reports", Schedules.daily(ZoneId.of("Asia/Shanghai"), LocalTime.of(4, 30)))
                .execute((instance, context) -> reports.catchUp());
    }
}
