package org.fangxin.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Two application instances share the job table; each scheduled execution must run on exactly one of them. */
class JobSchedulerTests extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    java.util.List<com.github.kagkarlsson.scheduler.task.Task<?>> applicationTasks;

    @Test
    void startsAndStopsWithEveryJobTheApplicationDeclares() {
        assertThat(applicationTasks).isNotEmpty();
        Scheduler scheduler = JobsConfiguration.scheduler(dataSource, applicationTasks, 1, Duration.ofHours(1), java.time.Clock.systemUTC());
        scheduler.start();
        scheduler.stop();
    }

    @Test
    void runsEachScheduledExecutionOnceAcrossTwoInstances() throws Exception {
        String taskName = "test-once-" + UUID.randomUUID();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        OneTimeTask<Void> task = Tasks.oneTime(taskName).execute((instance, context) ->
                runs.computeIfAbsent(instance.getId(), id -> new AtomicInteger()).incrementAndGet());
        Scheduler first = Scheduler.create(dataSource, task).tableName("jobs.scheduled_tasks").threads(4)
                .pollingInterval(Duration.ofMillis(50)).schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Fixed("a")).build();
        Scheduler second = Scheduler.create(dataSource, task).tableName("jobs.scheduled_tasks").threads(4)
                .pollingInterval(Duration.ofMillis(50)).schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Fixed("b")).build();
        int executions = 40;
        for (int i = 0; i < executions; i++) {
            first.schedule(task.instance("i" + i), Instant.now());
        }
        first.start();
        second.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (runs.size() < executions && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            first.stop();
            second.stop();
        }
        assertThat(runs).hasSize(executions);
        assertThat(runs.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    }
}
