package org.fangxin.insurance;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Monthly premium billing: on the 1st at 03:00 (Shanghai) the month that just ended is billed; reruns bill nothing twice. */
@Configuration(proxyBeanMethods = false)
class InsuranceJobs {

    @Bean
    RecurringTask<Void> insurancePremiumBilling(Premiums premiums) {
        return Tasks.recurring("insurance-premium-billing", Schedules.cron("0 0 3 1 * *", ZoneId.of("Asia/Shanghai")))
                .execute((instance, context) -> premiums.billDue());
    }
}
