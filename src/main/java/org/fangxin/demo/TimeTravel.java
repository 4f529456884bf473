package org.fangxin.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.jobs.DueJobs;
import org.fangxin.shared.time.PlatformClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Time travel (demo profile only, like Kill Bill's test clock): an operator moves the platform clock forward in steps,
 * and after each step the background jobs due by then run and finish before the next. A step ends at the next time a
 * sparse job is due (a daily settlement run at 02:00, the bank's end of day) so each runs once per occurrence and in
 * order, followed by two short steps in which the frequent jobs carry its results on (payout file, bank, acknowledgement);
 * otherwise a step is at most {@link #STEP_MAX}, so hourly jobs (refund timers, period release) run several times a day.
 * Moves are serialised and audited.
 */
@Service
@Profile("demo")
@ConditionalOnProperty(name = "fangxin.time-travel.enabled", havingValue = "true")
public class TimeTravel {

    public static final Duration STEP_MAX = Duration.ofHours(6);
    /** After a sparse job ran: short steps that let the minute jobs carry its results on. */
    static final Duration FOLLOW_UP = Duration.ofMinutes(5);
    static final int FOLLOW_UPS = 2;
    public static final Duration MOVE_MIN = Duration.ofMinutes(1);
    public static final Duration MOVE_MAX = Duration.ofDays(62);
    /** How long one step waits for its jobs before moving on (a stuck job must not stop the clock). */
    public static final Duration STEP_WAIT_MAX = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(TimeTravel.class);

    private final PlatformClock clock;
    private final ObjectProvider<DueJobs> dueJobs;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;

    TimeTravel(PlatformClock clock, ObjectProvider<DueJobs> dueJobs, AuditTrail audit, TransactionTemplate transactions) {
        this.transactions = transactions;
        this.clock = clock;
        this.dueJobs = dueJobs;
        this.audit = audit;
    }

    /** The platform clock now (anyone logged in may look; pages show it in a banner). */
    public ClockView now() {
        return view(0, true);
    }

    /** OPERATOR: moves the platform forward by {@code by} (1 minute to 62 days), jobs catching up after every step. */
    public synchronized ClockView advance(Actor actor, Duration by) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators move the demo clock");
        }
        if (by == null || by.compareTo(MOVE_MIN) < 0 || by.compareTo(MOVE_MAX) > 0) {
            throw Rejection.invalid("duration", "move the clock forward by 1 minute to " + MOVE_MAX.toDays() + " days");
        }
        Instant from = clock.instant();
        // the move is measured on the offset, so the time the jobs take on the way is not taken from it
        Duration target = clock.offset().plus(by);
        DueJobs jobs = dueJobs.getIfAvailable();
        int steps = 0;
        boolean caughtUp = true;
        while (clock.offset().compareTo(target) < 0) {
            Instant now = clock.instant();
            Duration step = shorter(target.minus(clock.offset()), STEP_MAX);
            Instant sparse = jobs == null ? null : jobs.nextSparseAfter(now).orElse(null);
            boolean landsOnJob = sparse != null && !sparse.isAfter(now.plus(step));
            caughtUp &= step(actor, landsOnJob ? Duration.between(now, sparse) : step, jobs);
            steps++;
            for (int i = 0; landsOnJob && i < FOLLOW_UPS && clock.offset().compareTo(target) < 0; i++) {
                caughtUp &= step(actor, shorter(target.minus(clock.offset()), FOLLOW_UP), jobs);
                steps++;
            }
        }
        if (!caughtUp) {
            log.warn("demo clock moved by {}; some job was still due or running after a step", by);
        }
        int stepsTaken = steps;
        transactions.executeWithoutResult(status -> audit.record("demo.clock.advanced", "platform-clock", "1",
                Map.of("now", from.toString()), Map.of("now", clock.instant().toString(), "by", by.toString(),
                        "steps", stepsTaken)));
        return view(steps, caughtUp);
    }

    /** Moves the clock forward by {@code by} (when at least a millisecond) and runs the jobs due by then. */
    private boolean step(Actor actor, Duration by, DueJobs jobs) {
        if (by.compareTo(Duration.ofMillis(1)) >= 0) {
            clock.advance(by, actor.username());
        }
        return jobs == null || jobs.runDue(STEP_WAIT_MAX);
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private ClockView view(int steps, boolean caughtUp) {
        Duration offset = clock.offset();
        return new ClockView(clock.instant(), offset, offset.toDays(), steps, caughtUp);
    }
}
