package org.fangxin.bank.sandbox;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sandbox bank's processing run: decides pending instructions every minute (a real bank books in batches). */
@Configuration(proxyBeanMethods = false)
class SandboxJobs {

    @Bean
    RecurringTask<Void> bankSandboxProcessing(SandboxBank bank) {
        return Tasks.recurring("bank-sandbox-processing", FixedDelay.ofMinutes(1))
                .execute((instance, context) -> bank.process());
    }
}
