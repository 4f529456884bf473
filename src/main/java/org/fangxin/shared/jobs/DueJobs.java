package org.fangxin.shared.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Runs the background jobs that are due by the application's clock now, and waits until they are done. */
public interface DueJobs {

    /** True when nothing due is left (all ran) within {@code waitMax}; false when some job was still due or running. */
    boolean runDue(Duration waitMax);

    /**
     * When the next <em>sparse</em> job is due after {@code after}: one that runs at a time of day or month (a daily
     * settlement run, a bank's end of day) or once, not one that repeats every few minutes or every hour. Time travel
     * lands on these times so that such jobs run once per occurrence and in their order.
     */
    Optional<Instant> nextSparseAfter(Instant after);
}
