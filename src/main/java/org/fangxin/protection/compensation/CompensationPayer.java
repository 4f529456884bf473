package org.fangxin.protection.compensation;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.ledger.AccountType;
import org.fangxin.payment.PaymentOrderView;
import org.fangxin.payment.PaymentStatus;
import org.fangxin.payment.Payments;
import org.fangxin.payment.RequestRefund;
import org.fangxin.protection.compensation.CompensationRepository.Line;
import org.fangxin.shared.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payment job. Each chunk transaction claims one batch and up to a chunk of its due PLANNED lines ({@code for
 * update skip locked}: two instances share the work, never a line twice; one merchant's lines one chunk at a time,
 * different merchants in parallel) and, per line: ends the card (compensated), posts {@code compensation:} and
 * {@code compensation-paid:}, and asks the payment module to refund U to the card's payment order under the reference
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
    private final Cards cards;
    private final Payments payments;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int chunkSize;
    private final CompensationNotices notices;
    private final CompensationCompletion completion;
    /** Lines a chunk paid in full itself (takeovers); per thread, as two workers may run in one instance. */
    private final ThreadLocalList completed = new ThreadLocalList();

    /** A per-thread list of lines, cleared at the start of each chunk. */
    static final class ThreadLocalList {
        private final ThreadLocal<java.util.ArrayList<Line>> lines = ThreadLocal.withInitial(java.util.ArrayList::new);

        void clear() {
            lines.get().clear();
        }

        void add(Line line) {
            lines.get().add(line);
        }

        boolean isEmpty() {
            return lines.get().isEmpty();
        }

        void forEach(java.util.function.Consumer<Line> action) {
            lines.get().forEach(action);
        }
    }

    CompensationPayer(CompensationRepository repository, CompensationPostings postings, Cards cards, Payments payments,
                      TransactionTemplate transactions, Clock clock, CompensationNotices notices,
                      CompensationCompletion completion,
                      @Value("${fangxin.protection.compensation.chunk-size:100}") int chunkSize) {
        if (chunkSize < 1 || chunkSize > 1_000) {
            throw new IllegalArgumentException("fangxin.protection.compensation.chunk-size must be 1..1000");
        }
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

    /** Pays every due line (job entry point); answers how many lines were settled. */
    public int payDue() {
        return payDue(null, Integer.MAX_VALUE, line -> { });
    }

    /** Pays at most {@code limit} due lines (of one batch if {@code onlyBatch} is given). */
    int payDue(UUID onlyBatch, int limit, LineHook hook) {
        int settled = 0;
        while (settled < limit) {
            int size = Math.min(chunkSize, limit - settled);
            Instant now = clock.instant();
            Integer done = transactions.execute(status -> chunk(onlyBatch, now, size, hook));
            if (done == null || done <= 0) {
                break;
            }
            settled += done;
        }
        return settled;
    }

    /** One transaction; answers the lines settled, or −1 when a line waits for the guarantee fund (stop the run). */
    private int chunk(UUID onlyBatch, Instant now, int size, LineHook hook) {
        Optional<UUID> batch = repository.lockBatchWithDueLines(now, onlyBatch);
        if (batch.isEmpty()) {
            return 0;
        }
        List<Line> due = repository.lockDue(batch.get(), now, size);
        UUID merchantId = repository.batch(batch.get()).orElseThrow().merchantId();
        CompensationPostings.Accounts accounts = postings.accounts();
        completed.clear();
        int settled = 0;
        for (Line line : due) {
            if (!pay(line, merchantId, accounts, now)) {
                return settled == 0 ? -1 : settled;
            }
            hook.after(line);
            settled++;
        }
        if (!completed.isEmpty()) {
            completed.forEach(line -> notices.takenOver(line, Money.fen(line.unredeemedMinor())));
            completion.completeIfDone(batch.get());
        }
        return settled;
    }

    private boolean pay(Line line, UUID merchantId, CompensationPostings.Accounts accounts, Instant now) {
        Money e = Money.fen(line.escrowMinor());
        Money d = Money.fen(line.depositMinor());
        Money f = Money.fen(line.fundMinor());
        Money u = Money.fen(line.unredeemedMinor());
        if (f.isPositive() && postings.balance(AccountType.PLATFORM_GUARANTEE_FUND, null, Money.CNY).compareTo(f) < 0) {
            log.warn("compensation line {} needs {} from the guarantee fund, which is short: top the fund up", line.id(), f);
            return false;
        }
        if ("TAKEOVER".equals(line.choice())) {
            return takeOver(line, merchantId, accounts, now, e, d, f, u);
        }
        CardView card = cards.compensate(line.cardId(), d.plus(f), REASON + " " + line.caseId());
        if (!card.unredeemed().equals(u)) {
            throw new IllegalStateException("card " + line.cardId() + " owes " + card.unredeemed() + ", planned " + u);
        }
        postings.entitlement(accounts, line.caseId(), line.cardId(), u);
        postings.paid(accounts, line.caseId(), line.cardId(), merchantId, e, d, f);
        String reference = "compensation:" + line.caseId() + ":" + line.cardId();
        Optional<String> manual = manualReason(card, u);
        if (manual.isPresent()) {
            repository.markSettled(line.id(), "MANUAL_PAYOUT", null, manual.get(), now);
        } else {
            payments.refund(new RequestRefund(card.paymentOrderId(), reference, u, REASON));
            repository.markSettled(line.id(), "PAYING", reference, null, now);
        }
        return true;
    }

    /** TAKEOVER: a new card at the successor worth U, paid for from the same sources into the successor's escrow. */
    private boolean takeOver(Line line, UUID merchantId, CompensationPostings.Accounts accounts, Instant now,
                             Money e, Money d, Money f, Money u) {
        CompensationRepository.Successor successor = repository.successor(line.batchId()).orElseThrow(
                () -> new IllegalStateException("line " + line.id() + " chose TAKEOVER but the batch has no successor"));
        CardView card = cards.compensateByTakeover(line.cardId(), d.plus(f), successor.merchantId(), successor.productId(),
                "闭店转店 " + line.caseId());
        if (!card.paid().equals(u)) {
            throw new IllegalStateException("card " + line.cardId() + " moved " + card.paid() + ", planned " + u);
        }
        postings.entitlement(accounts, line.caseId(), line.cardId(), u);
        postings.paid(accounts, line.caseId(), line.cardId(), merchantId, e, d, f, successor.merchantId(), card.id());
        repository.markTakenOver(line.id(), card.id(), now);
        completed.add(line);
        return true;
    }

    /** Why the provider cannot pay this line back (then an operator pays it by bank transfer), if so. */
    private Optional<String> manualReason(CardView card, Money amount) {
        if (card.received() || card.paymentOrderId() == null) {
            return Optional.of("card received by transfer: no payment of this holder to refund");
        }
        PaymentOrderView order = payments.find(card.paymentOrderId()).orElse(null);
        if (order == null || !EnumSet.of(PaymentStatus.PAID, PaymentStatus.PAID_AFTER_EXPIRY).contains(order.status())) {
            return Optional.of("payment order not refundable");
        }
        if (order.refunded().plus(amount).compareTo(order.amount()) > 0) {
            return Optional.of("payment order has less than " + amount.format() + " left to refund");
        }
        return Optional.empty();
    }
}
