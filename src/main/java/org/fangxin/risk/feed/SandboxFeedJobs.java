package org.fangxin.risk.feed;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** Demo profile: the sandbox providers look for a completed month every hour. */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class SandboxFeedJobs {

    @Bean
    RecurringTask<Void> riskSandboxProviders(SandboxProvider provider) {
        return Tasks.recurring("risk-sandbox-providers", FixedDelay.ofMinutes(60))
                .execute((instance, context) -> {
                    try {
                        provider.produceDue();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }
}
