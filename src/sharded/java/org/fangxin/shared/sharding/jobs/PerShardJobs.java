package org.fangxin.shared.sharding.jobs;

import com.github.kagkarlsson.scheduler.event.ExecutionChain;
import com.github.kagkarlsson.scheduler.event.ExecutionInterceptor;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.util.List;
import java.util.Set;
import org.fangxin.shared.sharding.ShardRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs in the sharded profile (ADR 12 §7): the schedule stays one row of {@code jobs.scheduled_tasks} on the
 * directory shard, so db-scheduler still hands each run to exactly one application instance; that run then does the
 * job's work once on each shard, each on the shard's own connection. A shard that fails does not keep the others from
 * running; the run fails afterwards, so db-scheduler's failure handling applies. Jobs over global tables (statement and
 * feed intake, identity retention, the regulator's snapshots and exports) run once, on the directory
 * shard.
 */
public final class PerShardJobs implements ExecutionInterceptor {

    /**
     * The jobs whose tables are global, on the directory shard (ADR 12 §3). Premium billing runs on every shard: each
     * keeps every policy and bills the merchants it keeps (ADR 12 §8h).
     */
    public static final Set<String> DIRECTORY_JOBS = Set.of("identity-retention", "bank-watched-folder",
            "risk-feed-folder", "risk-sandbox-providers", "oversight-balance-snapshot", "oversight-feed-export",
            "oversight-quarterly-reports", "insurance-copies");

    private static final Logger log = LoggerFactory.getLogger(PerShardJobs.class);

    private final List<String> shards;

    public PerShardJobs(List<String> shards) {
        this.shards = List.copyOf(shards);
    }

    @Override
    public CompletionHandler<?> execute(TaskInstance<?> instance, ExecutionContext context, ExecutionChain chain) {
        if (DIRECTORY_JOBS.contains(instance.getTaskName())) {
            return ShardRouting.onShard(shards.get(0), () -> chain.proceed(instance, context));
        }
        CompletionHandler<?> last = null;
        RuntimeException failure = null;
        for (String shard : shards) {
            try {
                last = ShardRouting.onShard(shard, () -> chain.proceed(instance, context));
            } catch (RuntimeException e) {
                log.warn("job {} failed on shard {}: {}", instance.getTaskName(), shard, e.toString());
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return last;
    }
}
