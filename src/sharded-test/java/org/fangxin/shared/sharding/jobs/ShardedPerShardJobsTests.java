package org.fangxin.shared.sharding.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.event.ExecutionChain;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.util.ArrayList;
import java.util.List;
import org.fangxin.shared.sharding.ShardRouting;
import org.junit.jupiter.api.Test;

/** One run of a job does its work once on each shard, in that shard's route; a directory job once, on ds_0. */
class ShardedPerShardJobsTests {

    final PerShardJobs jobs = new PerShardJobs(List.of("ds_0", "ds_1", "ds_2"));
    final List<String> ranOn = new ArrayList<>();
    final CompletionHandler<Void> done = (complete, operations) -> { };

    @Test
    void aMerchantJobRunsOnceOnEveryShard() {
        jobs.execute(new TaskInstance<Void>("card-period-release", "recurring"), null, chain(null));
        assertThat(ranOn).containsExactly("ds_0", "ds_1", "ds_2");
    }

    @Test
    void aJobOverGlobalTablesRunsOnceOnTheDirectoryShard() {
        jobs.execute(new TaskInstance<Void>("bank-watched-folder", "recurring"), null, chain(null));
        assertThat(ranOn).containsExactly("ds_0");
    }

    @Test
    void aShardThatFailsDoesNotStopTheOthersAndTheRunFails() {
        assertThatThrownBy(() -> jobs.execute(new TaskInstance<Void>("settlement-daily-run", "recurring"), null,
                chain("ds_1"))).hasMessageContaining("ds_1");
        assertThat(ranOn).containsExactly("ds_0", "ds_1", "ds_2");
    }

    private ExecutionChain chain(String failingShard) {
        ExecutionHandler<Void> handler = (instance, context) -> {
            String shard = ShardRouting.current().orElse("unrouted");
            ranOn.add(shard);
            if (shard.equals(failingShard)) {
                throw new IllegalStateException("failed on " + shard);
            }
            return done;
        };
        return new ExecutionChain(List.of(), handler);
    }
}
