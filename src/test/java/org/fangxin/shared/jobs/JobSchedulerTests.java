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

    /** Issue #14 item 5: before, both instances wrote the same host name into picked_by. */
    @Test
    void marksEachExecutionWithTheIdentityOfTheInstanceThatPickedIt() throws Exception {
        String first = new org.fangxin.shared.InstanceIdentity("").id();
        String second = new org.fangxin.shared.InstanceIdentity("").id();
        assertThat(first).isNotEqualTo(second).contains("-" + ProcessHandle.current().pid() + "-");
        String taskName = "test-picked-by-" + UUID.randomUUID();
        Map<String, String> pickedBy = new ConcurrentHashMap<>();
        org.springframework.jdbc.core.simple.JdbcClient jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
        OneTimeTask<Void> task = Tasks.oneTime(taskName).execute((instance, context) -> pickedBy.put(instance.getId(),
                jdbc.sql("select picked_by from jobs.scheduled_tasks where task_name = :t and task_instance = :i")
                        .param("t", taskName).param("i", instance.getId()).query(String.class).single()));
        Scheduler scheduler = JobsConfiguration.scheduler(dataSource, java.util.List.of(task), 1, Duration.ofMillis(50), first,
                java.time.Clock.systemUTC());
        scheduler.schedule(task.instance("only"), Instant.now());
        scheduler.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (pickedBy.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            scheduler.stop();
        }
        assertThat(pickedBy).containsEntry("only", first);
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
