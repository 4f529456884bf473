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

/**
 * Time travel (demo profile only, like Kill Bill's test clock): an operator moves the platform clock forward; the move
 * is made in steps of at most {@link #STEP_MAX}, and after each step the background jobs due by then run and finish
 * before the next step — so a daily settlement run, the bank's processing, refund timers and the period release all
 * happen in order, as if the time had passed. Moves are serialised and audited.
 */
@Service
@Profile("demo")
@ConditionalOnProperty(name = "fangxin.time-travel.enabled", havingValue = "true")
public class TimeTravel {

    public static final Duration STEP_MAX = Duration.ofHours(1);
    public static final Duration MOVE_MIN = Duration.ofMinutes(1);
    public static final Duration MOVE_MAX = Duration.ofDays(62);
    /** How long one step waits for its jobs before moving on (a stuck job must not stop the clock). */
    public static final Duration STEP_WAIT_MAX = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(TimeTravel.class);

    private final PlatformClock clock;
    private final ObjectProvider<DueJobs> dueJobs;
    private final AuditTrail audit;

    TimeTravel(PlatformClock clock, ObjectProvider<DueJobs> dueJobs, AuditTrail audit) {
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
        Instant target = from.plus(by);
        int steps = 0;
        boolean caughtUp = true;
        while (clock.instant().isBefore(target)) {
            Duration left = Duration.between(clock.instant(), target);
            clock.advance(left.compareTo(STEP_MAX) < 0 ? left : STEP_MAX, actor.username());
            steps++;
            DueJobs jobs = dueJobs.getIfAvailable();
            caughtUp &= jobs == null || jobs.runDue(STEP_WAIT_MAX);
        }
        if (!caughtUp) {
            log.warn("demo clock moved by {}; some job was still due or running after a step", by);
        }
        audit.record("demo.clock.advanced", "platform-clock", "1", Map.of("now", from.toString()),
                Map.of("now", clock.instant().toString(), "by", by.toString(), "steps", steps));
        return view(steps, caughtUp);
    }

    private ClockView view(int steps, boolean caughtUp) {
        Duration offset = clock.offset();
        return new ClockView(clock.instant(), offset, offset.toDays(), steps, caughtUp);
    }
}
