package org.fangxin.card.lifecycle;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.fangxin.card.Redeem;
import org.fangxin.identity.Actor;
import org.fangxin.shared.DeferredStatements;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.Shards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit of code redemptions (issue 15, docs/card.md "Group commit"). Request threads hand their redeem command
 * to a few workers; a worker takes what is queued (up to {@code batch-max}; it lingers up to {@code window} for more
 * only when its previous batch had company, so a lone client waits for nothing), runs each command inside its own
 * savepoint of one transaction and commits once: one WAL flush for the batch. Each request is answered only after that
 * commit. A refused command (code used, last session taken) rolls back to its savepoint and gets its own problem; a
 * command that fails otherwise (a deadlock with another batch, say) and every command of a batch whose commit fails
 * run again alone in the request thread, as without batching: their Idempotency-Key makes the retry safe. Who wins a
 * card or an advance slot is decided by PostgreSQL row locks, never here, so two instances batch side by side.
 *
 * <p>A batch is one transaction, so it never mixes shards (ADR 12 §8i): each shard has its own queue and workers, a
 * command joins the queue of the shard its request is routed to, and a batch runs inside that shard's route; each
 * command inside its merchant's slot, so the ids it makes carry the merchant's gene as without batching. With one
 * database there is one queue, as before.
 *
 * <p>Pipelined (issue 15, session 11; {@code pipelined}, on by default): of a shard's workers, one at a time takes the
 * queue and runs its batch's statements; it hands the queue on just before its COMMIT, so the next batch is collected
 * while this one commits, and holds every command that came meanwhile instead of the one or two a free worker would
 * grab at once.
 *
 * <p>Adaptive (issue 15, session 12; {@code alone-up-to}, 4 by default): a redeem that finds at most that many redeems
 * of its shard in flight, itself included, runs alone in its request thread, as with group commit off; only a busier
 * shard's redeems join the queue. At moderate load a redeem then pays neither the batch ahead nor the window nor two
 * thread hand-overs; under load, where batching pays, nearly every redeem finds more in flight and is batched.
 */
@Component
public class RedemptionBatcher {

    private static final Logger log = LoggerFactory.getLogger(RedemptionBatcher.class);
    /** Tells the request thread to run its command alone (a completion, not an error: no stack trace). */
    private static final RuntimeException RUN_ALONE = new RuntimeException("run alone", null, false, false) { };

    private final RedemptionDesk desk;
    private final Idempotency idempotency;
    private final TransactionTemplate batch;
    private final DeferredStatements deferred;
    private final boolean enabled;
    private final long windowNanos;
    private final int batchMax;
    private final int aloneUpTo;
    private final Shards shards;
    /** Per shard: redeems inside {@link #redeem} now, alone or batched. */
    private final List<AtomicInteger> inFlight = new ArrayList<>();
    private final RedemptionBatchTimes times = new RedemptionBatchTimes(Duration.ofMillis(25));
    /** One queue per shard (index = shard number); one with a single database. */
    private final List<BlockingQueue<Job>> queues = new ArrayList<>();
    /** Per shard, when pipelined: held by the worker collecting and running a batch until that batch's COMMIT. */
    private final List<Semaphore> stages = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong commandsInSharedBatches = new AtomicLong();
    private final AtomicLong commandsAnsweredInBatches = new AtomicLong();
    private final AtomicLong redeemsAloneOnArrival = new AtomicLong();
    private volatile boolean running = true;
    /** What the batches hold and how long a command waits in the queue for its batch (global registry: Boot's too). */
    private final DistributionSummary batchSizes = DistributionSummary.builder("fangxin.card.group-commit.batch.size")
            .description("redeem commands per batch").register(Metrics.globalRegistry);
    private final Timer queueWaits = Timer.builder("fangxin.card.group-commit.queue.wait")
            .description("from a command's arrival to its batch's start").register(Metrics.globalRegistry);

    /** A second instance's batcher for tests, batching every redeem ({@code alone-up-to} 0). */
    public RedemptionBatcher(RedemptionDesk desk, Idempotency idempotency, PlatformTransactionManager transactions,
                             boolean enabled, Duration window, int batchMax, int workerCount, boolean pipelined,
                             Shards shards, DeferredStatements deferred) {
        this(desk, idempotency, transactions, enabled, window, batchMax, workerCount, pipelined, 0, shards, deferred);
    }

    /** Public so that a test can run a second instance's batcher against the same database. */
    @Autowired
    public RedemptionBatcher(RedemptionDesk desk, Idempotency idempotency,
                      PlatformTransactionManager transactions,
                      @Value("${fangxin.card.group-commit.enabled:true}") boolean enabled,
                      @Value("${fangxin.card.group-commit.window:PT0.002S}") Duration window,
                      @Value("${fangxin.card.group-commit.batch-max:32}") int batchMax,
                      @Value("${fangxin.card.group-commit.workers:2}") int workerCount,
                      @Value("${fangxin.card.group-commit.pipelined:true}") boolean pipelined,
                      @Value("${fangxin.card.group-commit.alone-up-to:4}") int aloneUpTo, Shards shards,
                      DeferredStatements deferred) {
        this.aloneUpTo = Math.max(0, aloneUpTo);
        this.shards = shards;
        this.desk = desk;
        this.idempotency = idempotency;
        this.batch = new TransactionTemplate(transactions);
        this.deferred = deferred;
        this.enabled = enabled && workerCount > 0;
        this.windowNanos = window.toNanos();
        this.batchMax = Math.max(1, batchMax);
        for (int shard = 0; shard < shards.count(); shard++) {
            BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            inFlight.add(new AtomicInteger());
            Semaphore stage = pipelined ? new Semaphore(1) : null;
            stages.add(stage);
            int on = shard;
            for (int i = 0; this.enabled && i < workerCount; i++) {
                Thread worker = new Thread(() -> work(on, queue, stage), "redemption-batch-" + (shards.count() == 1 ? "" : shard + "-") + i);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
        }
    }

    /** One redeem command waiting for its batch, with the caller's merchant slot, security context and log context. */
    private record Job(Actor actor, String key, Redeem command, OptionalInt slot, SecurityContext security,
                       Map<String, String> logContext, long queuedAt, CompletableFuture<Idempotency.Answer> answer,
                       long[] marks) { }

    /**
     * What the workers did since start: batches committed, commands that shared their batch with another, and commands
     * answered from a batch (done or refused there; the others ran again alone), redeems that found their shard
     * quiet enough to run alone at once ({@code alone-up-to}), and the redeems in flight now (all shards).
     */
    public record Activity(boolean enabled, long batches, long commandsInSharedBatches, long commandsAnsweredInBatches,
                           long redeemsAloneOnArrival, int inFlight) { }

    public Activity activity() {
        return new Activity(enabled, batches.get(), commandsInSharedBatches.get(), commandsAnsweredInBatches.get(),
                redeemsAloneOnArrival.get(), inFlight.stream().mapToInt(AtomicInteger::get).sum());
    }

    /**
     * Redeems once per Idempotency-Key (required): batched with concurrent redemptions when group commit is on and more
     * than {@code alone-up-to} redeems of the shard are in flight, alone otherwise.
     */
    public Idempotency.Answer redeem(Actor actor, String key, Redeem command) {
        if (!enabled || !running) {
            return alone(actor, key, command);
        }
        int shard = shards.current();
        AtomicInteger here = inFlight.get(shard);
        int busy = here.incrementAndGet();
        long arrivedAt = System.nanoTime();
        times.arrived(busy);
        try {
            if (busy <= aloneUpTo) {
                redeemsAloneOnArrival.incrementAndGet();
                long[] marks = new long[RedemptionBatchTimes.MARKS];
                Idempotency.Answer answer = alone(actor, key, command, marks);
                times.alone(arrivedAt, marks, System.nanoTime(), busy);
                return answer;
            }
            Job job = new Job(actor, key, command, MerchantSlot.current(), SecurityContextHolder.getContext(),
                    MDC.getCopyOfContextMap(), arrivedAt, new CompletableFuture<>(), new long[RedemptionBatchTimes.MARKS]);
            queues.get(shard).add(job);
            Idempotency.Answer answer = answerOf(job);
            times.batched(arrivedAt, job.marks(), System.nanoTime(), busy);
            return answer;
        } finally {
            here.decrementAndGet();
        }
    }

    /** The batch's answer to a queued command, or its run alone when the batch left it to its request thread. */
    private Idempotency.Answer answerOf(Job job) {
        try {
            return job.answer().get();
        } catch (ExecutionException e) {
            if (e.getCause() == RUN_ALONE) {
                return alone(job.actor(), job.key(), job.command());
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the redemption's batch committed", e);
        }
    }

    private Idempotency.Answer alone(Actor actor, String key, Redeem command) {
        return alone(actor, key, command, null);
    }

    private Idempotency.Answer alone(Actor actor, String key, Redeem command, long[] marks) {
        return idempotency.executeSendingTogether(actor.scope(), key, true, command, () -> {
            if (marks != null) {
                RedemptionBatchTimes.markAlone(marks);
            }
            return Idempotency.Answer.of(201, desk.redeem(actor, command));
        });
    }

    /**
     * A worker of one shard: its batches run inside that shard's route (in place with one database). When pipelined it
     * takes the queue only with the shard's stage, which its batch hands on just before its COMMIT.
     */
    private void work(int shard, BlockingQueue<Job> queue, Semaphore stage) {
        boolean company = false;
        while (running) {
            AtomicBoolean staged = new AtomicBoolean();
            Runnable handOn = () -> {
                if (staged.compareAndSet(true, false)) {
                    stage.release();
                }
            };
            try {
                if (stage != null) {
                    stage.acquire();
                    staged.set(true);
                }
                Job first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    first.marks()[RedemptionBatchTimes.TAKEN] = System.nanoTime();
                    List<Job> jobs = collect(queue, first, company);
                    company = jobs.size() > 1;
                    long started = System.nanoTime();
                    batchSizes.record(jobs.size());
                    jobs.forEach(job -> {
                        queueWaits.record(started - job.queuedAt(), TimeUnit.NANOSECONDS);
                        job.marks()[RedemptionBatchTimes.COLLECTED] = started;
                        job.marks()[RedemptionBatchTimes.BATCH_SIZE] = jobs.size();
                    });
                    shards.on(shard, () -> {
                        run(jobs, handOn);
                        return null;
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("redemption batch worker: unexpected failure", e);
            } finally {
                handOn.run();
            }
        }
    }

    /** What is queued behind the first job; waits up to the window for more only when the last batch had company. */
    private List<Job> collect(BlockingQueue<Job> queue, Job first, boolean linger) throws InterruptedException {
        List<Job> jobs = new ArrayList<>();
        jobs.add(first);
        queue.drainTo(jobs, batchMax - 1);
        taken(jobs, 1);
        long deadline = first.queuedAt() + windowNanos;
        while (linger && jobs.size() < batchMax) {
            long left = deadline - System.nanoTime();
            Job next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                break;
            }
            int from = jobs.size();
            jobs.add(next);
            queue.drainTo(jobs, batchMax - jobs.size());
            taken(jobs, from);
        }
        return jobs;
    }

    private static void taken(List<Job> jobs, int from) {
        long now = System.nanoTime();
        jobs.subList(from, jobs.size()).forEach(job -> job.marks()[RedemptionBatchTimes.TAKEN] = now);
    }

    /**
     * One transaction for the batch, run set-based: keys claimed in one statement, then {@link BatchRedemptionDesk#redeemAll}
     * (stores, codes and cards, ledger, writes: a statement or round trip per step for the whole batch), the answers
     * recorded and the refused commands' keys dropped in the same last round trip; one commit, and only then is each
     * request answered (or refused). A command whose key an earlier one of the batch holds, and every command of a batch
     * that fails as a whole (a deadlock, its commit), run again alone in their request thread: their key makes it safe.
     */
    private void run(List<Job> jobs, Runnable beforeCommit) {
        List<Runnable> answers = new ArrayList<>();
        long[] statementsDone = new long[1];
        try {
            batch.executeWithoutResult(status -> {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void beforeCommit(boolean readOnly) {
                        statementsDone[0] = System.nanoTime();
                        beforeCommit.run();
                    }
                });
                runSetBased(jobs, answers);
            });
            long committed = System.nanoTime();
            jobs.forEach(job -> {
                job.marks()[RedemptionBatchTimes.STATEMENTS_DONE] = statementsDone[0];
                job.marks()[RedemptionBatchTimes.COMMITTED] = committed;
            });
            batches.incrementAndGet();
            if (jobs.size() > 1) {
                commandsInSharedBatches.addAndGet(jobs.size());
            }
            commandsAnsweredInBatches.addAndGet(answers.size());
            answers.forEach(Runnable::run);
        } catch (RuntimeException failed) {
            log.warn("a batch of {} redemptions failed; each runs again alone: {}", jobs.size(), failed.toString());
        } finally {
            // Whatever happened (even an Error), no request is left waiting: what has no answer yet runs alone.
            jobs.stream().filter(job -> !job.answer().isDone()).forEach(job -> job.answer().completeExceptionally(RUN_ALONE));
        }
    }

    private void runSetBased(List<Job> jobs, List<Runnable> answers) {
        List<Idempotency.Claim> claims = jobs.stream()
                .map(job -> new Idempotency.Claim(job.actor().scope(), job.key(), job.command())).toList();
        List<Idempotency.Claimed> claimed = idempotency.claimAll(claims);
        List<Integer> toRun = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            Idempotency.Claimed c = claimed.get(i);
            switch (c.status()) {
                case CLAIMED -> toRun.add(i);
                case REPLAYED -> answers.add(() -> job.answer().complete(c.answer()));
                case REFUSED -> answers.add(() -> job.answer().completeExceptionally(c.refusal()));
                case DUPLICATE -> { } // runs alone after the commit, as a retry of the first
            }
        }
        if (toRun.isEmpty()) {
            return;
        }
        deferred.sendTogether(() -> {
            List<BatchRedemptionDesk.BatchOutcome> outcomes = desk.batch().redeemAll(toRun.stream().map(i -> {
                Job job = jobs.get(i);
                Authentication who = job.security() == null ? null : job.security().getAuthentication();
                return new BatchRedemptionDesk.BatchCommand(job.actor(), job.command(), job.slot(),
                        who == null ? "system" : who.getName(), job.logContext() == null ? null : job.logContext().get("requestId"));
            }).toList());
            List<Idempotency.Answered> answered = new ArrayList<>();
            List<Idempotency.Claim> released = new ArrayList<>();
            for (int k = 0; k < toRun.size(); k++) {
                Job job = jobs.get(toRun.get(k));
                BatchRedemptionDesk.BatchOutcome outcome = outcomes.get(k);
                if (outcome.refusal() != null) {
                    released.add(claims.get(toRun.get(k)));
                    answers.add(() -> job.answer().completeExceptionally(outcome.refusal()));
                } else {
                    Idempotency.Answer answer = Idempotency.Answer.of(201, outcome.redemption());
                    answered.add(new Idempotency.Answered(job.actor().scope(), job.key(), answer));
                    answers.add(() -> job.answer().complete(answer));
                }
            }
            idempotency.answerAll(answered);
            idempotency.releaseAll(released);
            return null;
        });
    }

    @PreDestroy
    public void stop() {
        running = false;
        workers.forEach(Thread::interrupt);
        List<Job> left = new ArrayList<>();
        queues.forEach(queue -> queue.drainTo(left));
        left.forEach(job -> job.answer().completeExceptionally(RUN_ALONE));
    }
}
