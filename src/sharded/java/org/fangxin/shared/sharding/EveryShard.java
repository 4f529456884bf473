package org.fangxin.shared.sharding;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.fangxin.shared.Busy;
import org.fangxin.shared.Shards;
import org.slf4j.MDC;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sharded profile's {@link Shards} (ADR 12 §6, §8c): work that names a bank or the platform, not a merchant, runs
 * once on each shard, each on a thread of its own with that shard's route and a new transaction (the caller's route and
 * transaction, bound to one shard's connection, cannot reach another). The shards are asked at the same time; the
 * answers come back in shard order, and the first failure is rethrown as it was thrown.
 */
final class EveryShard implements Shards, AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();
    /** PostgreSQL's lock_not_available: {@code lock_timeout} ran out. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final List<String> shards;
    private final TransactionTemplate transaction;
    /** Not an {@code ExecutorService} field: {@link RoutedExecutors} would hand each task the caller's route. */
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "fangxin-every-shard-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    /**
     * Connections to the directory shard that only hold {@link #lockOnDirectory} locks: a pool of their own, so that
     * work queued behind such a lock never takes the connections the lock's holder needs to finish.
     */
    private final DataSource directoryLocks;

    /** How long a {@link #lockOnDirectory} waits for its lock ({@code lock_timeout}) before the work is {@link Busy}. */
    private final Duration lockTimeout;

    EveryShard(List<String> shards, PlatformTransactionManager transactions, DataSource directoryLocks,
               Duration lockTimeout) {
        this.shards = List.copyOf(shards);
        this.directoryLocks = directoryLocks;
        this.lockTimeout = lockTimeout;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public <T> List<T> each(Supplier<T> work) {
        List<CompletableFuture<T>> answers = new ArrayList<>(shards.size());
        SecurityContext caller = SecurityContextHolder.getContext();
        Map<String, String> log = MDC.getCopyOfContextMap();
        for (String shard : shards) {
            answers.add(CompletableFuture.supplyAsync(() -> asCaller(caller, log,
                    () -> ShardRouting.onShard(shard, () -> transaction.execute(s -> work.get()))), pool));
        }
        List<T> results = new ArrayList<>(shards.size());
        RuntimeException failure = null;
        for (CompletableFuture<T> answer : answers) {
            try {
                results.add(answer.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /** The caller's user and request id go along: the audit trail records who did what on each shard (ADR 12 §8g). */
    private static <T> T asCaller(SecurityContext caller, Map<String, String> log, Supplier<T> work) {
        SecurityContextHolder.setContext(caller);
        if (log != null) {
            MDC.setContextMap(log);
        }
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
            MDC.clear();
        }
    }

    @Override
    public <T> T on(int shard, Supplier<T> work) {
        return ShardRouting.onShard(shards.get(shard), work);
    }

    @Override
    public <T> T onDirectory(Supplier<T> work) {
        if (current() == 0 && ShardRouting.current().isPresent()) {
            return work.get();
        }
        try {
            return CompletableFuture.supplyAsync(() -> ShardRouting.onShard(shards.get(0),
                    () -> transaction.execute(s -> work.get())), pool).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public void lockOnDirectory(String key) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("a directory lock lasts as long as the caller's transaction: none is active");
        }
        Connection connection;
        try {
            connection = directoryLocks.getConnection();
        } catch (SQLTransientConnectionException e) {
            // every lock connection is held by work waiting on (or holding) such a lock: this one queues no longer
            throw new Busy("no connection to the directory shard free for lock " + key, e);
        } catch (SQLException e) {
            throw new IllegalStateException("no connection to the directory shard for lock " + key, e);
        }
        try {
            connection.setAutoCommit(false);
            try (Statement timeout = connection.createStatement()) {
                timeout.execute("set local lock_timeout = " + Math.max(1, lockTimeout.toMillis()));
            }
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                lock.setString(1, key);
                lock.execute();
            }
        } catch (SQLException e) {
            release(connection);
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new Busy("directory lock " + key + " not free within " + lockTimeout, e);
            }
            throw new IllegalStateException("directory lock " + key + " not taken", e);
        } catch (RuntimeException e) {
            release(connection);
            throw new IllegalStateException("directory lock " + key + " not taken", e);
        }
        // After the caller's commit (or rollback) has returned: what it wrote is visible before the next holder reads.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                release(connection);
            }
        });
    }

    /** Ends the lock's transaction, which releases its advisory lock, and returns the connection. */
    private static void release(Connection connection) {
        try (connection) {
            connection.rollback();
        } catch (SQLException e) {
            // a rollback fails when the session is lost, and its locks are lost with it
        }
    }

    @Override
    public int current() {
        return ShardRouting.current().map(shard -> Integer.parseInt(shard.substring("ds_".length()))).orElse(0);
    }

    @Override
    public int count() {
        return shards.size();
    }

    @Override
    public void close() throws Exception {
        pool.shutdownNow();
        if (directoryLocks instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
