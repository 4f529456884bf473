package org.fangxin.shared;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The databases a deployment spreads its merchants over (ADR 12). The default deployment has one, and everything here
 * runs in place, in the caller's transaction. The {@code sharded} profile has several: a read or an import that names
 * a bank or the platform rather than a merchant asks each shard once and combines the answers, so its cost grows with
 * the shard count, not with the number of merchants.
 */
public interface Shards {

    /**
     * Runs {@code work} once on each shard and answers the results in shard order (the directory shard first). Default
     * deployment: once, in place. Sharded: each on its shard, in a transaction of its own, outside the caller's.
     */
    <T> List<T> each(Supplier<T> work);

    /** The number of the shard this work runs on; 0 is the directory shard, which keeps the global rows. */
    int current();

    /** How many shards there are (1: the default deployment). */
    int count();

    /**
     * Runs {@code work} on the directory shard, where the global tables are (ADR 12 §3): in place when the caller is
     * there already (always, with one database), else in a transaction of its own there.
     */
    default <T> T onDirectory(Supplier<T> work) {
        return work.get();
    }

    /**
     * Holds an exclusive lock named {@code key} on the directory shard until the caller's transaction ends (commit or
     * rollback), so that work under one key on different shards runs one after the other: what one commits is
     * committed before the next takes the lock and reads. Take it before any lock of the caller's own shard. Default
     * deployment: nothing, since one database's own row locks already serialise. Sharded: a {@code ds_0} transaction
     * of its own holds a {@code pg_advisory_xact_lock}; a crash ends it, and with it the lock (ADR 12 §8h). It waits
     * for a connection of its small pool and for the lock a bounded time each
     * ({@code fangxin.sharding.directory-lock-connection-wait}, {@code -timeout}), then throws {@link Busy} (a 503).
     */
    default void lockOnDirectory(String key) {
    }

    /**
     * Runs {@code work} on shard {@code shard} without a transaction of its own (background work that belongs to the
     * shard where it was asked for, such as sealing the audit entries a commit wrote). Default deployment: in place.
     */
    default <T> T on(int shard, Supplier<T> work) {
        if (shard != current()) {
            throw new IllegalArgumentException("shard " + shard + " of " + count());
        }
        return work.get();
    }

    /**
     * One page of a listing over every shard: each shard answers its first {@code offset + limit} rows in {@code order},
     * and the page is cut from their merge. With one database the page is asked for directly.
     */
    default <T> List<T> page(BiFunction<Integer, Integer, List<T>> pageOfShard, Comparator<? super T> order, int offset,
                             int limit) {
        if (count() == 1) {
            return pageOfShard.apply(offset, limit);
        }
        List<List<T>> parts = each(() -> pageOfShard.apply(0, offset + limit));
        List<T> merged = new ArrayList<>();
        parts.forEach(merged::addAll);
        merged.sort(order);
        return merged.subList(Math.min(offset, merged.size()), Math.min(offset + limit, merged.size()));
    }
}
