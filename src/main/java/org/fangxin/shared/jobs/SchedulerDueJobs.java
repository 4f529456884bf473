package org.fangxin.shared.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link DueJobs} on db-scheduler: wakes its poller and watches the schedule table until nothing is due or picked. */
final class SchedulerDueJobs implements DueJobs {

    private static final Duration POLL = Duration.ofMillis(25);
    private static final Duration RETRIGGER = Duration.ofMillis(250);

    private final Scheduler scheduler;
    private final JdbcClient jdbc;
    private final Clock clock;

    SchedulerDueJobs(Scheduler scheduler, JdbcClient jdbc, Clock clock) {
        this.scheduler = scheduler;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public boolean runDue(Duration waitMax) {
        long start = System.nanoTime();
        long lastTrigger = Long.MIN_VALUE;
        while (System.nanoTime() - start < waitMax.toNanos()) {
            if (System.nanoTime() - lastTrigger > RETRIGGER.toNanos()) {
                scheduler.triggerCheckForDueExecutions();
                lastTrigger = System.nanoTime();
            }
            long pending = jdbc.sql("select count(*) from jobs.scheduled_tasks where picked or execution_time <= :now")
                    .param("now", Timestamp.from(clock.instant())).query(Long.class).single();
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
}
