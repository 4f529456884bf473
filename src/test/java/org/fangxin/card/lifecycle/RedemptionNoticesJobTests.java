package org.fangxin.card.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * The redemption notice pass is scheduled by the same switch as every background job ({@code fangxin.jobs.enabled},
 * ADR 9): on by default, off when jobs are off. The pass itself is a stand-in here (a mock, never called: the first
 * pass would be an hour away), since a real one would bring the database, the notifications and the shards into a test
 * of one condition; {@code RedemptionNoticesTests} checks the whole application with jobs off.
 */
class RedemptionNoticesJobTests {

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling { }

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(Scheduling.class, RedemptionNoticesJob.class)
            .withBean(RedemptionNotices.class, () -> mock(RedemptionNotices.class))
            .withPropertyValues("fangxin.card.redemption-notices.interval=PT1H");

    @Test
    void thePassIsScheduledWhileJobsAreOnAndNotWhenTheyAreOff() {
        contexts.run(context -> assertThat(scheduledPasses(context)).as("jobs on by default").isEqualTo(1));
        contexts.withPropertyValues("fangxin.jobs.enabled=true")
                .run(context -> assertThat(scheduledPasses(context)).isEqualTo(1));
        contexts.withPropertyValues("fangxin.jobs.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(RedemptionNoticesJob.class);
            assertThat(scheduledPasses(context)).isZero();
        });
    }

    private static long scheduledPasses(org.springframework.context.ApplicationContext context) {
        return context.getBeansOfType(ScheduledTaskHolder.class).values().stream()
                .flatMap(holder -> holder.getScheduledTasks().stream())
                .filter(task -> task.getTask().getRunnable().toString().contains("RedemptionNoticesJob"))
                .count();
    }
}
