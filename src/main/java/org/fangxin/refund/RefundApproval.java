package org.fangxin.refund;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.payment.Payments;
import org.fangxin.payment.RequestRefund;
import org.fangxin.refund.domain.AgreedRefund;
import org.fangxin.refund.domain.RefundSplit;
import org.fangxin.refund.domain.RefundTransition;
import org.fangxin.refund.domain.WorkingDays;
import org.fangxin.refund.persistence.RefundRepository;
import org.fangxin.refund.persistence.RefundRepository.Stored;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Opening a refund request (with the merchant's contest deadline in working days) and approving it: the card is
 * surrendered, re-quoted as surrendered, the ledger posted ({@link RefundLedger}) and the payment requested, all in the
 * caller's transaction; a received card waits for a manual payout, an escrow short of the refund for the operator.
 */
@Component
class RefundApproval {

    private final RefundRepository repository;
    private final Cards cards;
    private final RefundQuotes quotes;
    private final Payments payments;
    private final RefundLedger ledger;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;
    private final int contestWorkingDays;

    RefundApproval(RefundRepository repository, Cards cards, RefundQuotes quotes, Payments payments, RefundLedger ledger,
                   AuditTrail audit, ApplicationEventPublisher events, IdGenerator ids, Clock clock,
                   @Value("${fangxin.refund.contest-working-days:3}") int contestWorkingDays) {
        if (contestWorkingDays < 0 || contestWorkingDays > 60) {
            throw new IllegalArgumentException("fangxin.refund.contest-working-days must be 0..60");
        }
        this.repository = repository;
        this.cards = cards;
        this.quotes = quotes;
        this.payments = payments;
        this.ledger = ledger;
        this.audit = audit;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.contestWorkingDays = contestWorkingDays;
    }

    int contestWorkingDays() {
        return contestWorkingDays;
    }

    UUID open(CardView card, RefundQuote quote, LocalDate today) {
        UUID id = ids.next();
        LocalDate deadline = quote.automatic() ? null : calendar(today).plus(today, contestWorkingDays);
        repository.insert(id, card.id(), card.holderUserId(), card.merchantId(), card.paymentOrderId(), quote,
                RefundStatus.PENDING_MERCHANT, clock.instant(), today, deadline);
        audit.record("refund.requested", "refund", id, null, repository.find(id).orElseThrow().view());
        return id;
    }

    /**
     * Surrenders the card, re-quotes it as surrendered (redemptions may have happened while the request waited; pro
     * rata by days counts from the request day), posts the ledger and requests the payment.
     */
    void approve(UUID refundId, RefundTransition transition) {
        Stored stored = repository.lock(refundId).orElseThrow();
        RefundView before = stored.view();
        RefundStatus approved = transition.applyTo(before.status());
        CardStatus end = before.reason() == RefundReason.EXPIRY ? CardStatus.EXPIRED : CardStatus.REFUNDED;
        CardView card = cards.surrender(before.cardId(), end, "refund " + refundId + " (" + before.reason() + ")");
        RefundQuote quote = before.reason() == RefundReason.COMPLAINT_AGREEMENT
                ? AgreedRefund.quote(card.paid(), card.unredeemed(), before.gross(), card.unused(), before.requestedOn())
                : quotes.quoteFor(card, before.reason(), before.requestedOn());
        RefundSplit split = ledger.postRefund(refundId, card, quote.refund());
        cards.settleSurrender(card.id(), quote.refund(), split.uncovered());
        String reference = null;
        RefundStatus status = approved;
        if (quote.refund().isPositive() && card.received()) {
            // The card's payment order is the first buyer's: refunding over it would pay the wrong person.
            status = RefundTransition.AWAIT_MANUAL_PAYOUT.applyTo(approved);
        } else if (quote.refund().isPositive() && escrowShortBy(refundId, card.merchantId(), quote.refund()).isPositive()) {
            // An advance the clawback could not recover left escrow short: asking the provider to pay would pay
            // money the books cannot release. Held for the operator (fund the escrow, then retry the payment).
            status = RefundTransition.FAIL_PAYMENT.applyTo(approved);
        } else if (quote.refund().isPositive()) {
            reference = paymentReference(refundId, 1);
            payments.refund(new RequestRefund(card.paymentOrderId(), reference, quote.refund(),
                    "refund " + refundId + " (" + before.reason() + ")"));
        } else {
            status = RefundTransition.CLOSE_WITH_NOTHING_DUE.applyTo(approved);
        }
        repository.approve(refundId, status, quote, split.clawedFromPayable().amountMinor(),
                split.clawedFromDeposit().amountMinor(), split.uncovered().amountMinor(), reference, clock.instant());
        if (status == RefundStatus.PAYMENT_FAILED) {
            repository.markPaymentFailed(refundId, "escrow short by " + escrowShortBy(refundId, card.merchantId(),
                    quote.refund()).format() + " (advance not recovered): fund the escrow, then retry", clock.instant());
        }
        RefundView after = repository.find(refundId).orElseThrow().view();
        audit.record("refund.approved", "refund", refundId, before, after);
        events.publishEvent(new RefundApproved(refundId, card.id(), card.merchantId(), card.holderUserId(),
                before.reason(), quote.refund(), quote.retained(), clock.instant()));
    }

    /** How much the merchant's free escrow (less other refunds approved and unpaid) lacks to pay {@code refund}. */
    Money escrowShortBy(UUID refundId, UUID merchantId, Money refund) {
        Money free = ledger.escrowFree(merchantId, refund.currency()).minus(new Money(repository.owedFromEscrow(merchantId,
                refund.currency().getCurrencyCode(), refundId), refund.currency()));
        Money shortBy = refund.minus(free);
        return shortBy.isPositive() ? shortBy : Money.zero(refund.currency());
    }

    /** The first payment attempt is {@code refund:<id>}, later ones {@code refund:<id>:<attempt>}. */
    static String paymentReference(UUID refundId, int attempt) {
        return attempt <= 1 ? "refund:" + refundId : "refund:" + refundId + ":" + attempt;
    }

    private WorkingDays calendar(LocalDate from) {
        return new WorkingDays(repository.holidays(from, from.plusYears(1)));
    }
}
