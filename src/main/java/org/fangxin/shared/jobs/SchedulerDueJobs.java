package org.fangxin.shared.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link DueJobs} on db-scheduler: wakes its poller and watches the schedule table until none of the application's
 * tasks is due or picked (rows of tasks this application does not declare are ignored: they would never run).
 */
final class SchedulerDueJobs implements DueJobs {

    /** A job whose next run is at most this long after its last success repeats often (not sparse). */
    static final Duration FREQUENT_MAX = Duration.ofMinutes(90);
    private static final Duration POLL = Duration.ofMillis(25);
    private static final Duration RETRIGGER = Duration.ofMillis(250);

    private final Scheduler scheduler;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Collection<String> taskNames;

    SchedulerDueJobs(Scheduler scheduler, JdbcClient jdbc, Clock clock, Collection<String> taskNames) {
        this.scheduler = scheduler;
        this.jdbc = jdbc;
        this.clock = clock;
        this.taskNames = taskNames;
    }

    @Override
    public boolean runDue(Duration waitMax) {
        if (taskNames.isEmpty()) {
            return true;
        }
        long start = System.nanoTime();
        long lastTrigger = Long.MIN_VALUE / 2;
        while (System.nanoTime() - start < waitMax.toNanos()) {
            if (System.nanoTime() - lastTrigger > RETRIGGER.toNanos()) {
                scheduler.triggerCheckForDueExecutions();
                lastTrigger = System.nanoTime();
            }
            long pending = jdbc.sql("""
                    select count(*) from jobs.scheduled_tasks
                    where task_name in (:names) and (picked or execution_time <= :now)""")
                    .param("names", taskNames).param("now", Timestamp.from(clock.instant())).query(Long.class).single();
            if (pending == 0) {
                return true;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Override
    public Optional<Instant> nextSparseAfter(Instant after) {
        if (taskNames.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select min(execution_time) from jobs.scheduled_tasks
                where task_name in (:names) and execution_time > :after
                  and (last_success is null or execution_time - last_success > make_interval(secs => :frequent))""")
                .param("names", taskNames).param("after", Timestamp.from(after))
                .param("frequent", FREQUENT_MAX.toSeconds())
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }
}
