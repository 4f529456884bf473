package org.fangxin.refund;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ContractVersionView;
import org.fangxin.catalog.Products;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.MerchantScope;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.notification.Notifications;
import org.fangxin.payment.Payments;
import org.fangxin.payment.RequestRefund;
import org.fangxin.refund.domain.AgreedRefund;
import org.fangxin.refund.domain.RefundBasis;
import org.fangxin.refund.domain.RefundCalculator;
import org.fangxin.refund.domain.RefundSplit;
import org.fangxin.refund.domain.RefundTransition;
import org.fangxin.refund.domain.WorkingDays;
import org.fangxin.refund.persistence.RefundRepository;
import org.fangxin.refund.persistence.RefundRepository.Stored;
import org.fangxin.rules.RuleValues;
import org.fangxin.rules.Rules;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The refund facade. Consumers ask for and follow refunds of their own cards; the merchant's people see and contest
 * their merchant's requests; operators decide disputes and retry failed payments; regulators read. Another tenant's
 * refund is "not found", a role that may not act "forbidden". Approval surrenders the card, posts the ledger and
 * requests the payment in one transaction ({@link RefundLedger}); jobs accept silent requests and refund expired cards.
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
    private final Products products;
    private final Merchants merchants;
    private final Payments payments;
    private final RefundLedger ledger;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;
    private final int contestWorkingDays;
    private final Notifications notifications;
    private final RefundMessages messages;

    Refunds(RefundRepository repository, Cards cards, Products products, Merchants merchants,
            Payments payments, RefundLedger ledger, AuditTrail audit, ApplicationEventPublisher events, IdGenerator ids,
            Clock clock, @Value("${fangxin.refund.contest-working-days:3}") int contestWorkingDays,
            Notifications notifications, RefundMessages messages) {
        if (contestWorkingDays < 0 || contestWorkingDays > 60) {
            throw new IllegalArgumentException("fangxin.refund.contest-working-days must be 0..60");
        }
        this.repository = repository;
        this.cards = cards;
        this.products = products;
        this.merchants = merchants;
        this.payments = payments;
        this.ledger = ledger;
        this.audit = audit;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.contestWorkingDays = contestWorkingDays;
        this.notifications = notifications;
        this.messages = messages;
    }

    /** A preview for the card's holder: what a refund for this reason would pay today. Writes nothing. */
    @Transactional(readOnly = true)
    public RefundQuote quote(Actor actor, UUID cardId, RefundReason reason) {
        CardView card = ownActiveCard(actor, cardId, reason);
        return quoteFor(card, reason, today(merchantOf(card).zone()));
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
        MerchantView merchant = merchantOf(card);
        LocalDate today = today(merchant.zone());
        RefundQuote quote = quoteFor(card, command.reason(), today);
        if (!quote.unredeemed().isPositive()) {
            throw new Rejection(NOTHING_TO_REFUND, "this card holds no unredeemed value");
        }
        UUID id = open(card, quote, today);
        if (quote.automatic()) {
            approve(id, RefundTransition.APPROVE_AUTOMATICALLY);
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
        LocalDate today = today(merchantOf(card).zone());
        UUID id = open(card, AgreedRefund.quote(card.paid(), card.unredeemed(), amount, card.unused(), today), today);
        approve(id, RefundTransition.APPROVE_AUTOMATICALLY);
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
            case CONSUMER -> repository.ofHolder(actor.userId(), LIST_SIZE_MAX).stream()
                    .filter(r -> wanted.contains(r.status())).limit(size).toList();
            case MERCHANT_OWNER, MERCHANT_STAFF -> repository.ofMerchant(actor.merchantId(), wanted, size);
            case OPERATOR, REGULATOR -> repository.ofStatuses(wanted, size, MerchantScope.of(actor));
            default -> throw new Rejection(ProblemType.FORBIDDEN, "your role does not see refunds");
        };
    }

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
        LocalDate today = today(merchants.find(stored.view().merchantId()).map(MerchantView::zone).orElse(Rules.ZONE));
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
            approve(refundId, transition);
        }
        RefundView after = repository.find(refundId).orElseThrow().view();
        audit.record("refund.decided", "refund", refundId, stored.view(), after);
        return after;
    }

    /** OPERATOR: asks the provider again for a refund whose payment failed (new payment reference; never twice). */
    @Transactional
    public RefundView retryPayment(Actor actor, UUID refundId) {
        requireOperator(actor);
        Stored stored = repository.lock(refundId).orElseThrow(() -> Rejection.notFound("refund " + refundId));
        if (!RefundTransition.RETRY_PAYMENT.allowedFrom(stored.view().status())) {
            throw new Rejection(PAYMENT_NOT_FAILED, "only a failed payment is retried; this refund is " + stored.view().status());
        }
        Money shortBy = escrowShortBy(refundId, stored.view().merchantId(), stored.view().refund());
        if (shortBy.isPositive()) {
            throw new Rejection(ESCROW_SHORT, "the merchant's escrow is " + shortBy.format() + " short of this refund",
                    Map.of("shortMinor", shortBy.amountMinor()));
        }
        int attempt = stored.view().paymentAttempts() + 1;
        String reference = paymentReference(refundId, attempt);
        payments.refund(new RequestRefund(stored.paymentOrderId(), reference, stored.view().refund(),
                "retry " + attempt + " of refund " + refundId));
        repository.retryPayment(refundId, reference, attempt, clock.instant());
        RefundView after = repository.find(refundId).orElseThrow().view();
        audit.record("refund.payment-retried", "refund", refundId, stored.view(), after);
        return after;
    }

    /**
     * OPERATOR: records that the holder of a received card was paid outside the payment provider (bank transfer with
     * {@code payoutReference}); the refund owed leaves escrow ({@code refund-paid:<id>}) and the refund is PAID.
     */
    @Transactional
    public RefundView recordManualPayout(Actor actor, UUID refundId, String payoutReference) {
        requireOperator(actor);
        Stored stored = repository.lock(refundId).orElseThrow(() -> Rejection.notFound("refund " + refundId));
        if (!RefundTransition.CONFIRM_MANUAL_PAYOUT.allowedFrom(stored.view().status())) {
            throw new Rejection(NOT_AWAITING_MANUAL_PAYOUT, "only a refund awaiting a manual payout is recorded as paid "
                    + "this way; this one is " + stored.view().status());
        }
        RefundView before = stored.view();
        ledger.postPaid(refundId, before.cardId(), before.merchantId(), before.refund());
        repository.markPaidManually(refundId, payoutReference.strip(), clock.instant());
        RefundView after = repository.find(refundId).orElseThrow().view();
        audit.record("refund.paid-manually", "refund", refundId, before,
                Map.of("status", after.status(), "payoutReference", payoutReference.strip(), "by", actor.username()));
        notifications.send(before.holderUserId(), messages.text("refund.notice.paid.subject"),
                messages.text("refund.notice.paid.body", before.refund().format()), "refund-paid:" + refundId);
        events.publishEvent(new RefundPaid(refundId, before.cardId(), before.merchantId(), before.holderUserId(),
                before.refund(), clock.instant()));
        return after;
    }

    /** How much the merchant's free escrow (less other refunds approved and unpaid) lacks to pay {@code refund}. */
    private Money escrowShortBy(UUID refundId, UUID merchantId, Money refund) {
        Money free = ledger.escrowFree(merchantId, refund.currency()).minus(new Money(repository.owedFromEscrow(merchantId,
                refund.currency().getCurrencyCode(), refundId), refund.currency()));
        Money shortBy = refund.minus(free);
        return shortBy.isPositive() ? shortBy : Money.zero(refund.currency());
    }

    /** The first payment attempt is {@code refund:<id>}, later ones {@code refund:<id>:<attempt>}. */
    static String paymentReference(UUID refundId, int attempt) {
        return attempt <= 1 ? "refund:" + refundId : "refund:" + refundId + ":" + attempt;
    }

    /** Job step: approves one request the merchant let pass (deadline over in its zone); cancels it if the card ended. */
    @Transactional
    public boolean acceptIfSilent(UUID refundId) {
        Stored stored = repository.lock(refundId).orElseThrow();
        if (stored.view().status() != RefundStatus.PENDING_MERCHANT) {
            return false;
        }
        ZoneId zone = merchants.find(stored.view().merchantId()).map(MerchantView::zone).orElse(Rules.ZONE);
        if (!today(zone).isAfter(stored.view().contestDeadline())) {
            return false;
        }
        if (cards.find(stored.view().cardId()).map(c -> c.status() != CardStatus.ACTIVE).orElse(true)) {
            repository.cancel(refundId, "the card is no longer active", clock.instant());
            audit.record("refund.cancelled", "refund", refundId, stored.view(), repository.find(refundId).orElseThrow().view());
            return false;
        }
        approve(refundId, RefundTransition.ACCEPT_BY_SILENCE);
        return true;
    }

    /** Job step: surrenders one expired card as EXPIRED and refunds its whole unredeemed value (an open request yields). */
    @Transactional
    public boolean refundExpired(UUID cardId) {
        CardView card = cards.find(cardId).orElseThrow();
        MerchantView merchant = merchantOf(card);
        LocalDate today = today(merchant.zone());
        if (card.status() != CardStatus.ACTIVE || !card.validUntil().isBefore(today)) {
            return false;
        }
        repository.findOpenForCard(cardId).ifPresent(open -> {
            if (!RefundTransition.CANCEL.allowedFrom(open.view().status())) {
                throw new IllegalStateException("card " + cardId + " is ACTIVE but refund " + open.view().id() + " is "
                        + open.view().status());
            }
            repository.cancel(open.view().id(), "superseded by the refund on expiry", clock.instant());
        });
        RefundQuote quote = quoteFor(card, RefundReason.EXPIRY, today);
        UUID id = open(card, quote, today);
        approve(id, RefundTransition.APPROVE_AUTOMATICALLY);
        return true;
    }

    /** Job step: tells the holder once that the card expires soon. */
    @Transactional
    public boolean noticeExpiry(CardView card) {
        if (card.status() != CardStatus.ACTIVE || !repository.noteExpiryNotice(card.id(), card.holderUserId(),
                card.validUntil(), clock.instant())) {
            return false;
        }
        notifications.send(card.holderUserId(), messages.text("refund.notice.expiry.subject"),
                messages.text("refund.notice.expiry.body", card.validUntil(), card.unredeemed().format()),
                "expiry-warning:" + card.id());
        events.publishEvent(new CardExpiringSoon(card.id(), card.holderUserId(), card.merchantId(), card.validUntil(),
                card.unredeemed(), clock.instant()));
        return true;
    }

    /** Ids of requests whose contest deadline passed in every time zone's today or earlier (the job re-checks). */
    @Transactional(readOnly = true)
    public List<UUID> silentCandidates(int limit) {
        return repository.silentBefore(LocalDate.ofInstant(clock.instant(), ZoneOffset.MAX), limit);
    }

    /** How many working days the merchant has to contest a request (shown to consumers). */
    public int contestWorkingDays() {
        return contestWorkingDays;
    }

    private UUID open(CardView card, RefundQuote quote, LocalDate today) {
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
    private void approve(UUID refundId, RefundTransition transition) {
        Stored stored = repository.lock(refundId).orElseThrow();
        RefundView before = stored.view();
        RefundStatus approved = transition.applyTo(before.status());
        CardStatus end = before.reason() == RefundReason.EXPIRY ? CardStatus.EXPIRED : CardStatus.REFUNDED;
        CardView card = cards.surrender(before.cardId(), end, "refund " + refundId + " (" + before.reason() + ")");
        RefundQuote quote = before.reason() == RefundReason.COMPLAINT_AGREEMENT
                ? AgreedRefund.quote(card.paid(), card.unredeemed(), before.gross(), card.unused(), before.requestedOn())
                : quoteFor(card, before.reason(), before.requestedOn());
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
        notifications.send(card.holderUserId(), messages.text("refund.notice.approved.subject"),
                messages.text("refund.notice.approved.body", quote.refund().format(), quote.fee().format()),
                "refund-approved:" + refundId);
        events.publishEvent(new RefundApproved(refundId, card.id(), card.merchantId(), card.holderUserId(),
                before.reason(), quote.refund(), quote.retained(), clock.instant()));
    }

    private RefundQuote quoteFor(CardView card, RefundReason reason, LocalDate on) {
        ContractVersionView contract = products.findContractVersion(card.contractVersionId())
                .orElseThrow(() -> new IllegalStateException("card " + card.id() + " names an unknown contract version"));
        ContractTerms terms = contract.content().terms();
        MerchantView merchant = merchantOf(card);
        RuleValues rule = products.rulesOf(card.productId()).values();
        int coolingOffDays = Math.max(terms.coolingOffDays(), rule.coolingOffDaysMin() == null ? 0 : rule.coolingOffDaysMin());
        LocalDate purchasedOn = LocalDate.ofInstant(card.purchasedAt(), merchant.zone());
        RefundBasis basis = new RefundBasis(terms.refundMethod(), card.paid(), card.listPrice(), card.unredeemed(),
                card.sessionsTotal(), card.sessionsRemaining(), card.validFrom(), card.validUntil(), purchasedOn,
                card.unused(), coolingOffDays, terms.refundFeeBp(), rule.refundFeeCapBp(), terms.usedSessionsAtListPrice());
        return RefundCalculator.quote(basis, reason, on);
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
            throw new Rejection(CARD_NOT_ACTIVE, "the card is " + card.status() + "; only an active card is refunded");
        }
        return card;
    }

    private MerchantView merchantOf(CardView card) {
        return merchants.find(card.merchantId())
                .orElseThrow(() -> new IllegalStateException("card " + card.id() + " names an unknown merchant"));
    }

    private WorkingDays calendar(LocalDate from) {
        return new WorkingDays(repository.holidays(from, from.plusYears(1)));
    }

    private LocalDate today(ZoneId zone) {
        return LocalDate.ofInstant(clock.instant(), zone);
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
