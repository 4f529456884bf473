package org.fangxin.refund;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.MerchantScope;
import org.fangxin.merchant.Merchants;
import org.fangxin.refund.domain.AgreedRefund;
import org.fangxin.refund.domain.RefundTransition;
import org.fangxin.refund.persistence.RefundRepository;
import org.fangxin.refund.persistence.RefundRepository.Stored;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The refund facade. Consumers ask for and follow refunds of their own cards; the merchant's people see and contest
 * their merchant's requests; operators decide disputes and retry failed payments; regulators read. Another tenant's
 * refund is "not found", a role that may not act "forbidden". Approval surrenders the card, posts the ledger and
 * requests the payment in one transaction ({@link RefundApproval}); paying is {@link RefundPayouts}, the jobs' steps
 * (silent requests accepted, expired cards refunded) {@link RefundDeadlines}.
 */
@Service
public class Refunds {

    public static final ProblemType CARD_NOT_ACTIVE = new ProblemType("card-not-active", 409);
    public static final ProblemType ALREADY_REQUESTED = new ProblemType("refund-already-requested", 409);
    public static final ProblemType NOTHING_TO_REFUND = new ProblemType("nothing-to-refund", 409);
    public static final ProblemType NOT_CONTESTABLE = new ProblemType("refund-not-contestable", 409);
    public static final ProblemType CONTEST_WINDOW_CLOSED = new ProblemType("contest-window-closed", 409);
    public static final ProblemType NOT_DISPUTED = new ProblemType("refund-not-disputed", 409);
    public static final ProblemType PAYMENT_NOT_FAILED = new ProblemType("refund-payment-not-failed", 409);
    public static final ProblemType ESCROW_SHORT = new ProblemType("refund-escrow-short", 409);
    public static final ProblemType NOT_AWAITING_MANUAL_PAYOUT = new ProblemType("refund-not-awaiting-manual-payout", 409);
    public static final int LIST_SIZE_MAX = 200;

    private final RefundRepository repository;
    private final Cards cards;
    private final Merchants merchants;
    private final RefundQuotes quotes;
    private final RefundApproval approval;
    private final RefundPayouts payouts;
    private final RefundDeadlines deadlines;
    private final AuditTrail audit;
    private final Clock clock;
    private final Shards shards;

    Refunds(RefundRepository repository, Cards cards, Merchants merchants, RefundQuotes quotes, RefundApproval approval,
            RefundPayouts payouts, RefundDeadlines deadlines, AuditTrail audit, Clock clock, Shards shards) {
        this.shards = shards;
        this.repository = repository;
        this.cards = cards;
        this.merchants = merchants;
        this.quotes = quotes;
        this.approval = approval;
        this.payouts = payouts;
        this.deadlines = deadlines;
        this.audit = audit;
        this.clock = clock;
    }

    /** A preview for the card's holder: what a refund for this reason would pay today. Writes nothing. */
    @Transactional(readOnly = true)
    public RefundQuote quote(Actor actor, UUID cardId, RefundReason reason) {
        CardView card = ownActiveCard(actor, cardId, reason);
        return quotes.quoteFor(card, reason, quotes.today(quotes.merchantOf(card).zone()));
    }

    /**
     * The holder asks for a refund. Inside cooling-off with an unused card it is approved at once (card surrendered,
     * ledger posted, payment requested); otherwise it waits for the merchant, who may contest within the working days.
     */
    @Transactional
    public RefundView request(Actor actor, NewRefund command) {
        CardView card = ownActiveCard(actor, command.cardId(), command.reason());
        repository.findOpenForCard(card.id()).ifPresent(open -> {
            throw new Rejection(ALREADY_REQUESTED, "this card already has a refund " + open.view().status(),
                    Map.of("refundId", open.view().id().toString()));
        });
        LocalDate today = quotes.today(quotes.merchantOf(card).zone());
        RefundQuote quote = quotes.quoteFor(card, command.reason(), today);
        if (!quote.unredeemed().isPositive()) {
            throw new Rejection(NOTHING_TO_REFUND, "this card holds no unredeemed value");
        }
        UUID id = approval.open(card, quote, today);
        if (quote.automatic()) {
            approval.approve(id, RefundTransition.APPROVE_AUTOMATICALLY);
        }
        return repository.find(id).orElseThrow().view();
    }

    /**
     * The platform carries out a complaint's agreement (no actor: the complaint module checked that both parties
     * agreed): the card's holder gets {@code amount} of its unredeemed value back without fee (the merchant is at
     * fault), the rest is the merchant's; the card is surrendered, the ledger posted and the payment requested at once,
     * as for any approved refund. An open request of the card still waiting for the merchant or an operator yields.
     */
    @Transactional
    public RefundView refundByAgreement(UUID cardId, Money amount, String agreement) {
        CardView card = cards.find(cardId).orElseThrow(() -> Rejection.notFound("card " + cardId));
        if (card.status() != CardStatus.ACTIVE) {
            cards.requireNotHeldForInsurer(cardId); // an insurer paid in place of the card: never twice
            throw new Rejection(CARD_NOT_ACTIVE, "the card is " + card.status() + "; only an active card is refunded");
        }
        if (amount == null || !amount.isPositive() || amount.compareTo(card.unredeemed()) > 0) {
            throw Rejection.invalid("amount", "an agreed refund is more than zero and at most the card's unredeemed value "
                    + card.unredeemed().format());
        }
        repository.findOpenForCard(cardId).ifPresent(open -> {
            if (!RefundTransition.CANCEL.allowedFrom(open.view().status())) {
                throw new Rejection(ALREADY_REQUESTED, "this card already has a refund " + open.view().status(),
                        Map.of("refundId", open.view().id().toString()));
            }
            repository.cancel(open.view().id(), "superseded by " + agreement, clock.instant());
        });
        LocalDate today = quotes.today(quotes.merchantOf(card).zone());
        UUID id = approval.open(card, AgreedRefund.quote(card.paid(), card.unredeemed(), amount, card.unused(), today), today);
        approval.approve(id, RefundTransition.APPROVE_AUTOMATICALLY);
        return repository.find(id).orElseThrow().view();
    }

    /** The refund as the actor may see it. */
    @Transactional(readOnly = true)
    public RefundView view(Actor actor, UUID refundId) {
        RefundView refund = repository.find(refundId).map(Stored::view)
                .orElseThrow(() -> Rejection.notFound("refund " + refundId));
        boolean visible = switch (actor.role()) {
            case CONSUMER -> refund.holderUserId().equals(actor.userId());
            case MERCHANT_OWNER, MERCHANT_STAFF -> actor.worksFor(refund.merchantId());
            case OPERATOR -> true;
            case REGULATOR -> merchants.find(refund.merchantId()).map(MerchantScope.of(actor)::covers).orElse(false);
            default -> throw new Rejection(ProblemType.FORBIDDEN, "your role does not see refunds");
        };
        if (!visible) {
            throw Rejection.notFound("refund " + refundId);
        }
        return refund;
    }

    /**
     * Consumers: their own refunds, newest first. The merchant's people: their merchant's, oldest first. Operators:
     * all; regulators: those of the merchants in their scope. {@code statuses} empty means all; at most {@value #LIST_SIZE_MAX}.
     */
    @Transactional(readOnly = true)
    public List<RefundView> list(Actor actor, Set<RefundStatus> statuses, int limit) {
        int size = Math.min(Math.max(limit, 1), LIST_SIZE_MAX);
        Set<RefundStatus> wanted = statuses == null || statuses.isEmpty() ? EnumSet.allOf(RefundStatus.class) : statuses;
        return switch (actor.role()) {
            // at every merchant: each shard answers its newest, and the merge is cut (ADR 12 §8f)
            case CONSUMER -> shards.page((offset, rows) -> repository.ofHolder(actor.userId(), LIST_SIZE_MAX).stream()
                    .filter(r -> wanted.contains(r.status())).limit(rows).toList(), NEWEST_FIRST, 0, size);
            case MERCHANT_OWNER, MERCHANT_STAFF -> repository.ofMerchant(actor.merchantId(), wanted, size);
            case OPERATOR, REGULATOR -> shards.page((offset, rows) -> repository.ofStatuses(wanted, rows, MerchantScope.of(actor)),
                    OLDEST_FIRST, 0, size);
            default -> throw new Rejection(ProblemType.FORBIDDEN, "your role does not see refunds");
        };
    }

    private static final Comparator<RefundView> NEWEST_FIRST = Comparator.comparing(RefundView::requestedAt)
            .thenComparing(refund -> refund.id().toString()).reversed();
    /** The staff's order: oldest request first, as the single database's query answers. */
    private static final Comparator<RefundView> OLDEST_FIRST = Comparator.comparing(RefundView::requestedAt)
            .thenComparing(refund -> refund.id().toString());

    /** The merchant's owner or staff contest a pending request before its deadline; an operator will decide. */
    @Transactional
    public RefundView contest(Actor actor, UUID refundId, ContestRefund command) {
        if (!actor.role().isMerchantSide()) {
            throw new Rejection(ProblemType.FORBIDDEN, "only the merchant's owner or staff contest a refund");
        }
        Stored stored = repository.lock(refundId).filter(s -> actor.worksFor(s.view().merchantId()))
                .orElseThrow(() -> Rejection.notFound("refund " + refundId));
        if (!RefundTransition.CONTEST.allowedFrom(stored.view().status())) {
            throw new Rejection(NOT_CONTESTABLE, "a refund " + stored.view().status() + " cannot be contested");
        }
        LocalDate today = quotes.todayAt(stored.view().merchantId());
        if (today.isAfter(stored.view().contestDeadline())) {
            throw new Rejection(CONTEST_WINDOW_CLOSED, "the contest window ended on " + stored.view().contestDeadline(),
                    Map.of("contestDeadline", stored.view().contestDeadline().toString()));
        }
        repository.contest(stored, RefundTransition.CONTEST.target(), command.reason().strip(), actor.username(), clock.instant());
        RefundView after = repository.find(refundId).orElseThrow().view();
        audit.record("refund.contested", "refund", refundId, stored.view(), after);
        return after;
    }

    /** OPERATOR: decides a disputed refund: uphold (approve and pay) or reject, with a reason. */
    @Transactional
    public RefundView decide(Actor actor, UUID refundId, DecideRefund command) {
        requireOperator(actor);
        Stored stored = repository.lock(refundId).orElseThrow(() -> Rejection.notFound("refund " + refundId));
        if (stored.view().status() != RefundStatus.DISPUTED) {
            throw new Rejection(NOT_DISPUTED, "only a disputed refund is decided; this one is " + stored.view().status());
        }
        RefundTransition transition = command.uphold() ? RefundTransition.UPHOLD : RefundTransition.REJECT;
        repository.decide(stored, command.uphold() ? RefundStatus.DISPUTED : RefundStatus.REJECTED,
                command.reason().strip(), actor.username(), clock.instant());
        if (command.uphold()) {
            approval.approve(refundId, transition);
        }
        RefundView after = repository.find(refundId).orElseThrow().view();
        audit.record("refund.decided", "refund", refundId, stored.view(), after);
        return after;
    }

    /** OPERATOR: asks the provider again for a refund whose payment failed (new payment reference; never twice). */
    @Transactional
    public RefundView retryPayment(Actor actor, UUID refundId) {
        requireOperator(actor);
        return payouts.retryPayment(refundId);
    }

    /**
     * OPERATOR: records that the holder of a received card was paid outside the payment provider (bank transfer with
     * {@code payoutReference}); the refund owed leaves escrow ({@code refund-paid:<id>}) and the refund is PAID.
     */
    @Transactional
    public RefundView recordManualPayout(Actor actor, UUID refundId, String payoutReference) {
        requireOperator(actor);
        return payouts.recordManualPayout(actor.username(), refundId, payoutReference);
    }

    /** Job step: approves one request the merchant let pass (deadline over in its zone); cancels it if the card ended. */
    @Transactional
    public boolean acceptIfSilent(UUID refundId) {
        return deadlines.acceptIfSilent(refundId);
    }

    /** Job step: surrenders one expired card as EXPIRED and refunds its whole unredeemed value (an open request yields). */
    @Transactional
    public boolean refundExpired(UUID cardId) {
        return deadlines.refundExpired(cardId);
    }

    /** Job step: tells the holder once that the card expires soon. */
    @Transactional
    public boolean noticeExpiry(CardView card) {
        return deadlines.noticeExpiry(card);
    }

    /** Ids of requests whose contest deadline passed in every time zone's today or earlier (the job re-checks). */
    @Transactional(readOnly = true)
    public List<UUID> silentCandidates(int limit) {
        return deadlines.silentCandidates(limit);
    }

    /** How many working days the merchant has to contest a request (shown to consumers). */
    public int contestWorkingDays() {
        return approval.contestWorkingDays();
    }

    private CardView ownActiveCard(Actor actor, UUID cardId, RefundReason reason) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only the card's holder asks for its refund");
        }
        if (reason == RefundReason.EXPIRY || reason == RefundReason.COMPLAINT_AGREEMENT) {
            throw Rejection.invalid("reason", reason + " refunds are made by the platform (on expiry, or carrying out a complaint's agreement)");
        }
        CardView card = cards.find(cardId).filter(c -> c.holderUserId().equals(actor.userId()))
                .orElseThrow(() -> Rejection.notFound("card " + cardId));
        if (card.status() != CardStatus.ACTIVE) {
            cards.requireNotHeldForInsurer(cardId);
            throw new Rejection(CARD_NOT_ACTIVE, "the card is " + card.status() + "; only an active card is refunded");
        }
        return card;
    }

    private static void requireOperator(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only platform operators decide refunds and retry payments");
        }
    }

    Instant now() {
        return clock.instant();
    }
}
