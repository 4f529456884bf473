package org.fangxin.shared.jobs;

import java.time.Duration;

/** Runs the background jobs that are due by the application's clock now, and waits until they are done. */
public interface DueJobs {

    /** True when nothing due is left (all ran) within {@code waitMax}; false when some job was still due or running. */
    boolean runDue(Duration waitMax);
}
