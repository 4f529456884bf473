package org.fangxin.insurance;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Monthly premium billing: on the 1st at 03:00 (Shanghai) the month that just ended is billed; reruns bill nothing
 * twice. Sharded, also the sweep that completes insurance copies.
 */
@Configuration(proxyBeanMethods = false)
class InsuranceJobs {

    private static final Logger log = LoggerFactory.getLogger(InsuranceJobs.class);

    @Bean
    RecurringTask<Void> insurancePremiumBilling(Premiums premiums) {
        return Tasks.recurring("insurance-premium-billing", Schedules.cron("0 0 3 1 * *", ZoneId.of("Asia/Shanghai")))
                .execute((instance, context) -> premiums.billDue());
    }

    /** Sharded deployment only: every 15 minutes, copies products and policies a shard lacks (ADR 12 §8h). */
    @Bean
    @Profile("sharded")
    RecurringTask<Void> insuranceCopySweep(InsuranceCopies copies) {
        return Tasks.recurring("insurance-copies", Schedules.fixedDelay(Duration.ofMinutes(15)))
                .execute((instance, context) -> {
                    int made = copies.sweep();
                    if (made > 0) {
                        log.warn("insurance-copies: {} product or policy copies were missing and are made", made);
                    }
                });
    }
}
