package org.fangxin.shared.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.event.ExecutionInterceptor;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.fangxin.shared.InstanceIdentity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Background jobs run on db-scheduler: schedules live in {@code jobs.scheduled_tasks}, so they survive restarts,
 * catch up after downtime and are picked by exactly one of several application instances. Modules declare
 * {@link Task} beans (usually recurring); job code itself is written to be idempotent and to process everything due
 * up to the clock's now, so a late or repeated run does the right thing. Tests switch the poller off
 * ({@code fangxin.jobs.enabled=false}) and call job methods directly with the test clock.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "fangxin.jobs.enabled", havingValue = "true", matchIfMissing = true)
class JobsConfiguration {

    @Bean
    JobScheduler jobScheduler(DataSource dataSource, ObjectProvider<Task<?>> tasks, InstanceIdentity instance,
                              java.time.Clock clock,
                              @Value("${fangxin.jobs.threads:4}") int threads,
                              @Value("${fangxin.jobs.polling-interval:PT10S}") Duration pollingInterval,
                              ObjectProvider<ExecutionInterceptor> interceptors) {
        Scheduler scheduler = scheduler(dataSource, tasks.orderedStream().toList(), threads, pollingInterval, instance.id(),
                clock, interceptors.orderedStream().toList());
        return new JobScheduler(scheduler, instance.id());
    }

    /** Runs what is due now and waits for it (the demo's time travel catches jobs up after each step). */
    @Bean
    DueJobs dueJobs(JobScheduler jobs, ObjectProvider<Task<?>> tasks, org.springframework.jdbc.core.simple.JdbcClient jdbc,
                    java.time.Clock clock) {
        return new SchedulerDueJobs(jobs.scheduler, jdbc, clock, tasks.orderedStream().map(Task::getName).toList());
    }

    /**
     * Recurring tasks are handed over as start tasks (db-scheduler schedules them on start and counts them as known);
     * passing them as known tasks too would register them twice. The scheduler reads the application's clock, so
     * schedules follow the demo's platform clock when it moves.
     */
    static Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks, int threads, Duration pollingInterval,
                               java.time.Clock clock) {
        return scheduler(dataSource, tasks, threads, pollingInterval, new InstanceIdentity("").id(), clock);
    }

    /** As above, with this instance's identity as the scheduler name: the job table's {@code picked_by}. */
    static Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks, int threads, Duration pollingInterval,
                               String instanceId, java.time.Clock clock) {
        return scheduler(dataSource, tasks, threads, pollingInterval, instanceId, clock, List.of());
    }

    /** As above, with interceptors around every execution (none by default; the sharded profile routes jobs to shards). */
    static Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks, int threads, Duration pollingInterval,
                               String instanceId, java.time.Clock clock, List<ExecutionInterceptor> interceptors) {
        List<Task<?>> startup = tasks.stream().filter(task -> task instanceof OnStartup).toList();
        List<Task<?>> others = tasks.stream().filter(task -> !(task instanceof OnStartup)).toList();
        var builder = Scheduler.create(dataSource, others);
        interceptors.forEach(builder::addExecutionInterceptor);
        return builder
                .tableName("jobs.scheduled_tasks")
                .schedulerName(new SchedulerName.Fixed(instanceId))
                .threads(threads)
                .pollingInterval(pollingInterval)
                .clock(clock::instant)
                .startTasks(startup.stream().map(task -> (Task<?> & OnStartup) task).toList())
                .build();
    }

    /** Starts polling only once the application is ready (migrations done), stops with the context. */
    static final class JobScheduler implements SmartLifecycle {
        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JobScheduler.class);
        final Scheduler scheduler;
        private final String instanceId;
        private volatile boolean running;

        JobScheduler(Scheduler scheduler, String instanceId) {
            this.scheduler = scheduler;
            this.instanceId = instanceId;
        }

        @EventListener(ApplicationReadyEvent.class)
        void onReady() {
            log.info("background jobs start polling as instance {}", instanceId);
            scheduler.start();
            running = true;
        }

        @Override
        public void start() {
            // started on ApplicationReadyEvent instead, after Flyway and all beans are in place
        }

        @Override
        public void stop() {
            if (running) {
                scheduler.stop();
                running = false;
            }
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
