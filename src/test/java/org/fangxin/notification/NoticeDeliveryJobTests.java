package org.fangxin.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * The delivery pass is scheduled by the switch of every background job ({@code fangxin.jobs.enabled}, ADR 9) and runs
 * each channel in turn; the delivery itself is a stand-in (a mock), {@code NoticeDeliveryTests} checks the real one.
 */
class NoticeDeliveryJobTests {

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling { }

    private final NoticeDelivery delivery = mock(NoticeDelivery.class);

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(Scheduling.class, NoticeDeliveryJob.class)
            .withBean(NoticeDelivery.class, () -> delivery)
            .withPropertyValues("fangxin.notification.delivery-interval=PT1H");

    @Test
    void thePassIsScheduledWhileJobsAreOnAndNotWhenTheyAreOff() {
        contexts.run(context -> assertThat(scheduledPasses(context)).as("jobs on by default").isEqualTo(1));
        contexts.withPropertyValues("fangxin.jobs.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(NoticeDeliveryJob.class);
            assertThat(scheduledPasses(context)).isZero();
        });
    }

    @Test
    void aChannelThatFailsDoesNotStopTheOthers() {
        RecordingChannel down = new RecordingChannel();
        RecordingChannel up = new RecordingChannel();
        doThrow(new IllegalStateException("the gateway is down")).when(delivery).deliverPending(down);
        contexts.withBean("down", NoticeChannel.class, () -> down).withBean("up", NoticeChannel.class, () -> up)
                .run(context -> {
                    context.getBean(NoticeDeliveryJob.class).run();
                    verify(delivery).deliverPending(down);
                    verify(delivery).deliverPending(up);
                });
    }

    private static long scheduledPasses(org.springframework.context.ApplicationContext context) {
        return context.getBeansOfType(ScheduledTaskHolder.class).values().stream()
                .flatMap(holder -> holder.getScheduledTasks().stream())
                .filter(task -> task.getTask().getRunnable().toString().contains("NoticeDeliveryJob"))
                .count();
    }
}
