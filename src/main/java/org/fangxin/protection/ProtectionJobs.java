package org.fangxin.protection;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daily coverage check of all ACTIVE merchants (early morning, after settlement has moved the day's money). */
@Configuration(proxyBeanMethods = false)
class ProtectionJobs {

    @Bean
    RecurringTask<Void> protectionCoverageCheck(Deposits deposits) {
        return Tasks.recurring("protection-coverage-check", Schedules.daily(ZoneId.of("Asia/Shanghai"), LocalTime.of(4, 0)))
                .execute((instance, context) -> deposits.checkAll());
    }
}
