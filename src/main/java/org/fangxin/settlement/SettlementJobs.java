package org.fangxin.settlement;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Settlement's persistent jobs: the daily run early in the morning (platform zone), which also exchanges with the
 * bank, and a frequent exchange with the bank (submit what the bank has not acknowledged, collect its answers).
 * A missed run executes after a restart and pays everything still unpaid; rerunning a date pays nobody twice.
 */
@Configuration(proxyBeanMethods = false)
class SettlementJobs {

    @Bean
    RecurringTask<Void> settlementDailyRun(Settlements settlements) {
        return Tasks.recurring("settlement-daily-run", Schedules.daily(ZoneId.of("Asia/Shanghai"), LocalTime.of(2, 0)))
                .execute((instance, context) -> {
                    settlements.runDue();
                    settlements.exchangeWithBank();
                });
    }

    @Bean
    RecurringTask<Void> settlementBankExchange(Settlements settlements) {
        return Tasks.recurring("settlement-bank-exchange", FixedDelay.ofMinutes(5))
                .execute((instance, context) -> settlements.exchangeWithBank());
    }
}
