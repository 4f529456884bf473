package org.fangxin.compensation.batch;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fangxin.card.ClosureCards;
import org.fangxin.card.ClosureCards.ToCompensate;
import org.fangxin.compensation.batch.CompensationRepository.Batch;
import org.fangxin.compensation.batch.CompensationRepository.Line;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.payment.PaymentOrderView;
import org.fangxin.payment.PaymentStatus;
import org.fangxin.payment.Payments;
import org.fangxin.payment.RequestRefund;
import org.fangxin.shared.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payment job. Each chunk transaction picks a batch with due lines and claims up to a chunk of its due PLANNED
 * lines ({@code for update skip locked}: workers and instances share the work, even one merchant's batch, never a line
 * twice; the chunk's ledger postings come last, so chunks queue on the merchant's balance rows only from there to their
 * commit) and, per line: ends the card (compensated), posts it in the chunk's one {@code compensation-paid:<caseId>:chunk-…}
 * transfer (a debit of the card's liability; a TAKEOVER line has a transfer of its own), and asks the payment module
 * to refund U to the card's payment order under the reference
 * {@code compensation:<caseId>:<cardId>} (the provider call itself, its retries and its never-twice guarantee are the
 * payment module's refund worker). A card without a payment order of its holder goes to the manual payout queue.
 * All of a line's effects commit together or not at all, so a crash at any point and a rerun pay nobody twice and
 * miss nobody: a committed line is no longer PLANNED, an uncommitted one left no trace.
 */
@Component
public class CompensationPayer {

    private static final Logger log = LoggerFactory.getLogger(CompensationPayer.class);
    static final String REASON = "闭店先行赔付";

    /** Called after each line inside the chunk's transaction; tests throw from it to simulate a crash. */
    interface LineHook {
        void after(Line line);
    }

    private final CompensationRepository repository;
    private final CompensationPostings postings;
    private final ClosureCards cards;
    private final Payments payments;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int chunkSize;
    private final int workers;
    /**
     * The extra workers' threads, kept for the application's life. A field, so that the sharded profile hands each task
     * the job's shard route (ADR 12 §8g, {@code RoutedExecutors}); null with one worker.
     */
    private final ExecutorService pool;
    private final CompensationNotices notices;
    private final CompensationCompletion completion;

    CompensationPayer(CompensationRepository repository, CompensationPostings postings, ClosureCards cards, Payments payments,
                      TransactionTemplate transactions, Clock clock, CompensationNotices notices,
                      CompensationCompletion completion,
                      @Value("${fangxin.protection.compensation.chunk-size:1000}") int chunkSize,
                      @Value("${fangxin.protection.compensation.workers:2}") int workers) {
        if (chunkSize < 1 || chunkSize > 4_000) {
            throw new IllegalArgumentException("fangxin.protection.compensation.chunk-size must be 1..4000");
        }
        if (workers < 1 || workers > 8) {
            throw new IllegalArgumentException("fangxin.protection.compensation.workers must be 1..8");
        }
        this.workers = workers;
        this.pool = workers == 1 ? null : Executors.newFixedThreadPool(workers, task -> {
            Thread thread = new Thread(task, "compensation-payer");
            thread.setDaemon(true);
            return thread;
        });
        this.repository = repository;
        this.postings = postings;
        this.cards = cards;
        this.payments = payments;
        this.transactions = transactions;
        this.clock = clock;
        this.chunkSize = chunkSize;
        this.notices = notices;
        this.completion = completion;
    }

    /**
     * Pays every due line (job entry point) on {@code fangxin.protection.compensation.workers} threads, which share even
     * one merchant's batch chunk by chunk (lines claimed with skip locked); answers how many lines were settled.
     */
    public int payDue() {
        if (workers == 1) {
            return payDue(null, Integer.MAX_VALUE, line -> { });
        }
        List<Future<Integer>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                runs.add(pool.submit(() -> payDue(null, Integer.MAX_VALUE, line -> { })));
            }
            int settled = 0;
            for (Future<Integer> run : runs) {
                settled += join(run);
            }
            return settled;
        } finally {
            runs.forEach(run -> run.cancel(true)); // done ones ignore it; after a failure the others stop, as before
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static int join(Future<Integer> run) {
        try {
            return run.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while paying compensation", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Pays at most {@code limit} due lines (of one batch if {@code onlyBatch} is given). */
    int payDue(UUID onlyBatch, int limit, LineHook hook) {
        int settled = 0;
        // Batches whose next line waits for the guarantee fund: skipped for the rest of this run, so one merchant's
        // shortfall does not stop the compensation of every other closed merchant.
        Set<UUID> waiting = new HashSet<>();
        while (settled < limit) {
            int size = Math.min(chunkSize, limit - settled);
            Instant now = clock.instant();
            Integer done = transactions.execute(status -> chunk(onlyBatch, waiting, now, size, hook));
            if (done == null || done == 0 || done < 0 && onlyBatch != null) {
                break;
            }
            if (done > 0) {
                settled += done;
            }
        }
        return settled;
    }

    /**
     * One transaction; answers the lines settled, or −1 when a line waits for the guarantee fund (stop the run). CASH
     * lines are paid together in a few statements (cards ended in one batch, all their postings in one ledger call,
     * line statuses in one batch); TAKEOVER lines one by one. The hook runs per line after its effects were written.
     */
    private int chunk(UUID onlyBatch, Set<UUID> waiting, Instant now, int size, LineHook hook) {
        Optional<Batch> claimed = repository.batchWithDueLines(now, onlyBatch, waiting);
        if (claimed.isEmpty()) {
            return 0;
        }
        Batch batch = claimed.get();
        List<Line> due = repository.lockDue(batch.id(), now, size);
        List<Line> payable = payableFromFund(due);
        if (payable.size() < due.size()) {
            // claimed but waiting for the fund: back in the queue when this transaction commits
            repository.requeue(due.subList(payable.size(), due.size()));
        }
        if (payable.isEmpty()) {
            if (due.isEmpty()) {
                return 0;
            }
            waiting.add(batch.id());
            return -1;
        }
        CompensationPostings.Accounts accounts = postings.accounts();
        List<Line> cash = payable.stream().filter(line -> !"TAKEOVER".equals(line.choice())).toList();
        payCash(cash, batch, accounts, now);
        cash.forEach(hook::after);
        List<Line> takenOver = payable.stream().filter(line -> "TAKEOVER".equals(line.choice())).toList();
        if (!takenOver.isEmpty()) {
            CompensationRepository.Successor successor = repository.successor(batch.id()).orElseThrow(() ->
                    new IllegalStateException("batch " + batch.id() + " has TAKEOVER lines but no successor"));
            for (Line line : takenOver) {
                takeOver(line, batch.merchantId(), successor, accounts, now);
                hook.after(line);
            }
            // a taken-over line is PAID at once (no provider refund to wait for): the batch may be done
            takenOver.forEach(line -> notices.takenOver(line, Money.fen(line.unredeemedMinor())));
            completion.paid(batch.id(), takenOver.size());
        }
        return payable.size();
    }

    /** The due lines up to the first the guarantee fund cannot pay (it only decreases under this chunk). */
    private List<Line> payableFromFund(List<Line> due) {
        long fund = postings.balance(AccountType.PLATFORM_GUARANTEE_FUND, null, Money.CNY).amountMinor();
        List<Line> payable = new ArrayList<>(due.size());
        for (Line line : due) {
            if (line.fundMinor() > 0 && fund < line.fundMinor()) {
                log.warn("compensation line {} needs {} from the guarantee fund, which is short: top the fund up",
                        line.id(), Money.fen(line.fundMinor()));
                break;
            }
            fund -= line.fundMinor();
            payable.add(line);
        }
        return payable;
    }

    /** CASH lines of one batch: cards ended, the chunk's {@code compensation-paid:} transfer posted, refunds asked. */
    private void payCash(List<Line> lines, Batch batch, CompensationPostings.Accounts accounts, Instant now) {
        if (lines.isEmpty()) {
            return;
        }
        UUID caseId = lines.get(0).caseId();
        List<UUID> cardIds = lines.stream().map(Line::cardId).toList();
        requireUnredeemedAsPlanned(lines, compensable(cardIds));
        cards.compensateAll(lines.stream().map(CompensationPayer::toCompensate).toList(), REASON + " " + caseId);
        postings.openCardAccounts(accounts, cardIds, Money.CNY);
        NewTransfer transfer = postings.chunkTransfer(accounts, batch.id(), caseId, batch.merchantId(), lines);
        Map<UUID, PaymentOrderView> orders = payments.findAll(lines.stream().map(Line::paymentOrderId)
                .filter(java.util.Objects::nonNull).distinct().toList());
        List<CompensationRepository.Settled> settled = new ArrayList<>(lines.size());
        List<RequestRefund> refunds = new ArrayList<>(lines.size());
        Map<UUID, Money> asked = new HashMap<>();
        for (Line line : lines) {
            Money u = Money.fen(line.unredeemedMinor());
            String reference = new LineReference(line.caseId(), line.cardId()).toString();
            Optional<String> manual = manualReason(line.paymentOrderId(), orders, asked, u);
            if (manual.isPresent()) {
                settled.add(new CompensationRepository.Settled(line.id(), "MANUAL_PAYOUT", null, manual.get()));
            } else {
                asked.merge(line.paymentOrderId(), u, Money::plus);
                refunds.add(new RequestRefund(line.paymentOrderId(), reference, u, REASON));
                settled.add(new CompensationRepository.Settled(line.id(), "PAYING", reference, null));
            }
        }
        // one bulk request for the chunk: the payment module locks the orders and inserts the refunds in a few statements
        payments.refundAll(refunds);
        repository.markAllSettled(settled, now);
        // last: the postings lock the merchant's and the fund's balance rows, held from here to the commit only
        postings.postChunk(transfer);
    }

    /** TAKEOVER: a new card at the successor worth U, paid for from the same sources into the successor's escrow. */
    private void takeOver(Line line, UUID merchantId, CompensationRepository.Successor successor,
                          CompensationPostings.Accounts accounts, Instant now) {
        requireUnredeemedAsPlanned(List.of(line), compensable(List.of(line.cardId())));
        UUID newCard = cards.compensateByTakeover(toCompensate(line), successor.merchantId(), successor.productId(),
                "闭店转店 " + line.caseId());
        postings.compensated(accounts, line.caseId(), line.cardId(), merchantId, Money.fen(line.escrowMinor()),
                Money.fen(line.depositMinor()), Money.fen(line.fundMinor()), successor.merchantId(), newCard);
        repository.markTakenOver(line.id(), newCard, now);
    }

    /** The card's whole value U and the advance its deposit and fund shares settle (d + f). */
    private static ToCompensate toCompensate(Line line) {
        return new ToCompensate(line.cardId(), Money.fen(line.unredeemedMinor()),
                Money.fen(line.depositMinor() + line.fundMinor()));
    }

    /** Each card's liability less what an insurer approved and has not paid yet (kept for its subrogation, issue 10). */
    private Map<UUID, Money> compensable(List<UUID> cardIds) {
        Map<UUID, Money> unredeemed = new HashMap<>(postings.unredeemed(cardIds));
        cards.heldForInsurer(cardIds).forEach((card, held) -> unredeemed.computeIfPresent(card, (c, u) -> u.minus(held)));
        return unredeemed;
    }

    /** The cards are frozen since planning, so each still owes exactly its planned U (else the books moved under us). */
    private static void requireUnredeemedAsPlanned(List<Line> lines, Map<UUID, Money> unredeemed) {
        for (Line line : lines) {
            Money owed = unredeemed.get(line.cardId());
            if (owed.amountMinor() != line.unredeemedMinor()) {
                throw new IllegalStateException("card " + line.cardId() + " owes " + owed + ", planned "
                        + Money.fen(line.unredeemedMinor()));
            }
        }
    }

    /**
     * Why the provider cannot pay this line back (then an operator pays it by bank transfer), if so. The line holds no
     * payment order when the card was received by transfer: its payment was another holder's.
     */
    private static Optional<String> manualReason(UUID paymentOrderId, Map<UUID, PaymentOrderView> orders,
                                                 Map<UUID, Money> askedInChunk, Money amount) {
        if (paymentOrderId == null) {
            return Optional.of("card received by transfer: no payment of this holder to refund");
        }
        PaymentOrderView order = orders.get(paymentOrderId);
        if (order == null || !EnumSet.of(PaymentStatus.PAID, PaymentStatus.PAID_AFTER_EXPIRY).contains(order.status())) {
            return Optional.of("payment order not refundable");
        }
        Money asked = askedInChunk.getOrDefault(paymentOrderId, Money.zero(amount.currency()));
        if (order.refunded().plus(asked).plus(amount).compareTo(order.amount()) > 0) {
            return Optional.of("payment order has less than " + amount.format() + " left to refund");
        }
        return Optional.empty();
    }
}
