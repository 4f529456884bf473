package org.fangxin.bank.sandbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sandbox bank's runs, for every bank's instance: executes due instructions every minute (a real bank books in
 * batches), writes each bank's statement of the day at 23:30.
 */
@ConditionalOnProperty(name = "fangxin.bank.sandbox.enabled", havingValue = "true")
@Configuration(proxyBeanMethods = false)
class SandboxJobs {

    @Bean
    RecurringTask<Void> bankSandboxProcessing(SandboxBank bank) {
        return Tasks.recurring("bank-sandbox-processing", FixedDelay.ofMinutes(1))
                .execute((instance, context) -> bank.process());
    }

    /** The end-of-day statement, written late in the evening of the bank's day. */
    @Bean
    RecurringTask<Void> bankSandboxEndOfDay(SandboxBank bank, java.time.Clock clock) {
        return Tasks.recurring("bank-sandbox-end-of-day",
                        com.github.kagkarlsson.scheduler.task.schedule.Schedules.daily(SandboxBank.BANK_ZONE, java.time.LocalTime.of(23, 30)))
                .execute((instance, context) -> bank.endOfDayOfEveryBank(java.time.LocalDate.ofInstant(clock.instant(), SandboxBank.BANK_ZONE)));
    }
}
