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
import org.fangxin.ledger.NewTransfer;
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
    CompensationPayer(CompensationRepository repository, CompensationPostings postings, Cards cards, Payments payments,
                      TransactionTemplate transactions, Clock clock, CompensationNotices notices,
                      CompensationCompletion completion,
                      @Value("${fangxin.protection.compensation.chunk-size:1000}") int chunkSize) {
        if (chunkSize < 1 || chunkSize > 4_000) {
            throw new IllegalArgumentException("fangxin.protection.compensation.chunk-size must be 1..4000");
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
        // Batches whose next line waits for the guarantee fund: skipped for the rest of this run, so one merchant's
        // shortfall does not stop the compensation of every other closed merchant.
        java.util.Set<UUID> waiting = new java.util.HashSet<>();
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
    private int chunk(UUID onlyBatch, java.util.Set<UUID> waiting, Instant now, int size, LineHook hook) {
        Optional<UUID> batch = repository.lockBatchWithDueLines(now, onlyBatch, waiting);
        if (batch.isEmpty()) {
            return 0;
        }
        List<Line> due = repository.lockDue(batch.get(), now, size);
        UUID merchantId = repository.batch(batch.get()).orElseThrow().merchantId();
        CompensationPostings.Accounts accounts = postings.accounts();
        // the guarantee fund only decreases under this chunk: stop before the first line it cannot pay
        long fund = postings.balance(AccountType.PLATFORM_GUARANTEE_FUND, null, Money.CNY).amountMinor();
        List<Line> payable = new java.util.ArrayList<>(due.size());
        for (Line line : due) {
            if (line.fundMinor() > 0 && fund < line.fundMinor()) {
                log.warn("compensation line {} needs {} from the guarantee fund, which is short: top the fund up",
                        line.id(), Money.fen(line.fundMinor()));
                break;
            }
            fund -= line.fundMinor();
            payable.add(line);
        }
        if (payable.isEmpty()) {
            if (due.isEmpty()) {
                return 0;
            }
            waiting.add(batch.get());
            return -1;
        }
        List<Line> cash = payable.stream().filter(line -> !"TAKEOVER".equals(line.choice())).toList();
        payCash(cash, merchantId, accounts, now);
        cash.forEach(hook::after);
        List<Line> takenOver = payable.stream().filter(line -> "TAKEOVER".equals(line.choice())).toList();
        for (Line line : takenOver) {
            takeOver(line, merchantId, accounts, now, Money.fen(line.escrowMinor()), Money.fen(line.depositMinor()),
                    Money.fen(line.fundMinor()), Money.fen(line.unredeemedMinor()));
            hook.after(line);
        }
        if (!takenOver.isEmpty()) {
            // a taken-over line is PAID at once (no provider refund to wait for): the batch may be done
            takenOver.forEach(line -> notices.takenOver(line, Money.fen(line.unredeemedMinor())));
            completion.completeIfDone(batch.get());
        }
        return payable.size();
    }

    /** CASH lines of one batch: cards ended, {@code compensation:} and {@code compensation-paid:} posted, refunds asked. */
    private void payCash(List<Line> lines, UUID merchantId, CompensationPostings.Accounts accounts, Instant now) {
        if (lines.isEmpty()) {
            return;
        }
        UUID caseId = lines.get(0).caseId();
        List<CardView> cardsBefore = cards.compensateAll(lines.stream().map(line -> new Cards.ToCompensate(line.cardId(),
                Money.fen(line.depositMinor() + line.fundMinor()))).toList(), REASON + " " + caseId);
        postings.openCardAccounts(accounts, lines.stream().map(Line::cardId).toList(), Money.CNY);
        List<NewTransfer> transfers = new java.util.ArrayList<>(lines.size() * 2);
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            Money u = Money.fen(line.unredeemedMinor());
            if (!cardsBefore.get(i).unredeemed().equals(u)) {
                throw new IllegalStateException("card " + line.cardId() + " owes " + cardsBefore.get(i).unredeemed() + ", planned " + u);
            }
            transfers.add(postings.entitlementTransfer(accounts, line.caseId(), line.cardId(), u));
            transfers.add(postings.paidTransfer(accounts, line.caseId(), line.cardId(), merchantId, Money.fen(line.escrowMinor()),
                    Money.fen(line.depositMinor()), Money.fen(line.fundMinor()), null, null));
        }
        postings.postAll(transfers);
        List<CompensationRepository.Settled> settled = new java.util.ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            CardView card = cardsBefore.get(i);
            Money u = Money.fen(line.unredeemedMinor());
            String reference = "compensation:" + line.caseId() + ":" + line.cardId();
            Optional<String> manual = manualReason(card, u);
            if (manual.isPresent()) {
                settled.add(new CompensationRepository.Settled(line.id(), "MANUAL_PAYOUT", null, manual.get()));
            } else {
                payments.refund(new RequestRefund(card.paymentOrderId(), reference, u, REASON));
                settled.add(new CompensationRepository.Settled(line.id(), "PAYING", reference, null));
            }
        }
        repository.markAllSettled(settled, now);
    }

    /** TAKEOVER: a new card at the successor worth U, paid for from the same sources into the successor's escrow. */
    private void takeOver(Line line, UUID merchantId, CompensationPostings.Accounts accounts, Instant now,
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
