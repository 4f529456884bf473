package org.fangxin.compensation.batch;

import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * For tests in other packages: runs the payment job for one batch only. The job's public entry point pays every due
 * batch of the shared test database, oldest first, and stops at the first one waiting for the guarantee fund, so a
 * batch left over by another test could hold a journey's batch back.
 */
public final class CompensationRuns {

    private CompensationRuns() {
    }

    /** Pays at most {@code limit} due lines of the batch; answers how many were settled. */
    public static int payDue(ApplicationContext context, UUID batchId, int limit) {
        return context.getBean(CompensationPayer.class).payDue(batchId, limit, line -> { });
    }
}
