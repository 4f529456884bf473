package org.fangxin.bank.exchange;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The watched-folder scan every minute (a no-op unless {@code fangxin.bank.watch.directory} is set). */
@Configuration(proxyBeanMethods = false)
class ExchangeJobs {

    @Bean
    RecurringTask<Void> bankWatchedFolder(WatchedFolder folder) {
        return Tasks.recurring("bank-watched-folder", FixedDelay.ofMinutes(1))
                .execute((instance, context) -> folder.scan());
    }
}
