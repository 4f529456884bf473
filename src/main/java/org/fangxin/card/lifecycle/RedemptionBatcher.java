package org.fangxin.card.lifecycle;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fangxin.card.Redeem;
import org.fangxin.identity.Actor;
import org.fangxin.shared.Idempotency;
import org.fangxin.shared.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
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
 */
@Component
public class RedemptionBatcher {

    private static final Logger log = LoggerFactory.getLogger(RedemptionBatcher.class);
    /** Tells the request thread to run its command alone (a completion, not an error: no stack trace). */
    private static final RuntimeException RUN_ALONE = new RuntimeException("run alone", null, false, false) { };

    private final RedemptionDesk desk;
    private final Idempotency idempotency;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate batch;
    private final TransactionTemplate savepoint;
    private final boolean enabled;
    private final long windowNanos;
    private final int batchMax;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong commandsInSharedBatches = new AtomicLong();
    private volatile boolean running = true;

    /** Public so that a test can run a second instance's batcher against the same database. */
    public RedemptionBatcher(RedemptionDesk desk, Idempotency idempotency, ApplicationEventPublisher events,
                      PlatformTransactionManager transactions,
                      @Value("${fangxin.card.group-commit.enabled:true}") boolean enabled,
                      @Value("${fangxin.card.group-commit.window:PT0.002S}") Duration window,
                      @Value("${fangxin.card.group-commit.batch-max:32}") int batchMax,
                      @Value("${fangxin.card.group-commit.workers:2}") int workerCount) {
        this.desk = desk;
        this.idempotency = idempotency;
        this.events = events;
        this.batch = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.enabled = enabled && workerCount > 0;
        this.windowNanos = window.toNanos();
        this.batchMax = Math.max(1, batchMax);
        for (int i = 0; this.enabled && i < workerCount; i++) {
            Thread worker = new Thread(this::work, "redemption-batch-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /** One redeem command waiting for its batch, with the caller's security context and log context. */
    private record Job(Actor actor, String key, Redeem command, SecurityContext security, Map<String, String> logContext,
                       long queuedAt, CompletableFuture<Idempotency.Answer> answer) { }

    /** What the workers did since start: batches committed and commands that shared their batch with another. */
    public record Activity(boolean enabled, long batches, long commandsInSharedBatches) { }

    public Activity activity() {
        return new Activity(enabled, batches.get(), commandsInSharedBatches.get());
    }

    /** Redeems once per Idempotency-Key (required), batched with concurrent redemptions when group commit is on. */
    public Idempotency.Answer redeem(Actor actor, String key, Redeem command) {
        if (!enabled || !running) {
            return alone(actor, key, command);
        }
        Job job = new Job(actor, key, command, SecurityContextHolder.getContext(), MDC.getCopyOfContextMap(),
                System.nanoTime(), new CompletableFuture<>());
        queue.add(job);
        try {
            return job.answer().get();
        } catch (ExecutionException e) {
            if (e.getCause() == RUN_ALONE) {
                return alone(actor, key, command);
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the redemption's batch committed", e);
        }
    }

    private Idempotency.Answer alone(Actor actor, String key, Redeem command) {
        return idempotency.executeSendingTogether(actor.scope(), key, true, command,
                () -> Idempotency.Answer.of(201, desk.redeem(actor, command)));
    }

    private void work() {
        boolean company = false;
        while (running) {
            try {
                Job first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    List<Job> jobs = collect(first, company);
                    company = jobs.size() > 1;
                    run(jobs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("redemption batch worker: unexpected failure", e);
            }
        }
    }

    /** What is queued behind the first job; waits up to the window for more only when the last batch had company. */
    private List<Job> collect(Job first, boolean linger) throws InterruptedException {
        List<Job> jobs = new ArrayList<>();
        jobs.add(first);
        queue.drainTo(jobs, batchMax - 1);
        long deadline = first.queuedAt() + windowNanos;
        while (linger && jobs.size() < batchMax) {
            long left = deadline - System.nanoTime();
            Job next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                break;
            }
            jobs.add(next);
            queue.drainTo(jobs, batchMax - jobs.size());
        }
        return jobs;
    }

    /** One transaction, one savepoint per job; answers (and refusals) are handed out only after the commit. */
    private void run(List<Job> jobs) {
        List<Runnable> answers = new ArrayList<>();
        try {
            batch.executeWithoutResult(status -> jobs.forEach(job -> runInSavepoint(job, answers)));
            batches.incrementAndGet();
            if (jobs.size() > 1) {
                commandsInSharedBatches.addAndGet(jobs.size());
            }
            answers.forEach(Runnable::run);
        } catch (RuntimeException commitFailed) {
            log.warn("a batch of {} redemptions failed to commit; each runs again alone: {}", jobs.size(), commitFailed.toString());
        } finally {
            // Whatever happened (even an Error), no request is left waiting: what has no answer yet runs alone.
            jobs.stream().filter(job -> !job.answer().isDone()).forEach(job -> job.answer().completeExceptionally(RUN_ALONE));
        }
    }

    /** Runs one job in its savepoint; a job that fails otherwise than by a refusal gets no answer here: it runs alone. */
    private void runInSavepoint(Job job, List<Runnable> answers) {
        SecurityContextHolder.setContext(job.security());
        if (job.logContext() != null) {
            MDC.setContextMap(job.logContext());
        }
        try {
            List<Object> published = new ArrayList<>();
            Idempotency.Answer answer;
            try {
                answer = savepoint.execute(status -> idempotency.executeSendingTogether(job.actor().scope(), job.key(), true, job.command(),
                        () -> Idempotency.Answer.of(201, desk.redeem(job.actor(), job.command(), published::add))));
            } catch (Rejection refused) {
                answers.add(() -> job.answer().completeExceptionally(refused));
                return;
            } catch (RuntimeException failed) {
                log.debug("redemption in a batch failed ({}); it runs again alone", failed.toString());
                return;
            }
            // After the savepoint is released, so a refused command leaves no publication; a failure here fails the batch.
            published.forEach(events::publishEvent);
            answers.add(() -> job.answer().complete(answer));
        } finally {
            SecurityContextHolder.clearContext();
            MDC.clear();
        }
    }

    @PreDestroy
    public void stop() {
        running = false;
        workers.forEach(Thread::interrupt);
        List<Job> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(job -> job.answer().completeExceptionally(RUN_ALONE));
    }
}
