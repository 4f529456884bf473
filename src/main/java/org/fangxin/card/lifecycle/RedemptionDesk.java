package org.fangxin.card.lifecycle;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.fangxin.card.CardRedeemed;
import org.fangxin.card.CardStatus;
import org.fangxin.card.Redeem;
import org.fangxin.card.RedemptionCodeView;
import org.fangxin.card.RedemptionDisputes;
import org.fangxin.card.RedemptionRequestView;
import org.fangxin.card.RedemptionView;
import org.fangxin.card.RedemptionRequested;
import org.fangxin.card.RedemptionReversed;
import org.fangxin.card.RequestRedemption;
import org.fangxin.card.domain.Card;
import org.fangxin.card.domain.RedemptionTokens;
import org.fangxin.card.persistence.CardRepository;
import org.fangxin.card.persistence.CardRow;
import org.fangxin.card.persistence.RedemptionRepository;
import org.fangxin.card.persistence.RedemptionWrites;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.ledger.TransferView;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Redemption: one-time codes shown by the holder, redemption by staff with the code or after the holder confirms a
 * request (安心付), disputes within a window and the operator's decision. Each redemption locks the card row, so two
 * concurrent redemptions of the last session cannot both succeed, lets the {@link Card} aggregate decide, writes its
 * state, posts {@code redemption:<id>} and publishes the card's event in the same transaction.
 */
@Service
@Transactional
public class RedemptionDesk implements RedemptionDisputes {

    public static final ProblemType CARD_NOT_VALID_TODAY = Card.NOT_VALID_TODAY;
    public static final ProblemType CODE_EXPIRED = new ProblemType("redemption-code-expired", 409);
    public static final ProblemType REQUEST_CLOSED = new ProblemType("redemption-request-closed", 409);
    public static final ProblemType DISPUTE_WINDOW_CLOSED = new ProblemType("dispute-window-closed", 409);
    public static final ProblemType REDEMPTION_NOT_DISPUTABLE = new ProblemType("redemption-not-disputable", 409);
    public static final ProblemType DISPUTE_NOT_OPEN = new ProblemType("dispute-not-open", 409);
    static final Duration CODE_VALIDITY = Duration.ofMinutes(2);
    static final int CODE_ATTEMPTS_MAX = 20;
    static final int LIST_SIZE_MAX = 200;
    static final int EXPIRY_BATCH = 500;

    private final CardRepository cards;
    private final RedemptionRepository redemptions;
    private final RedemptionWrites writes;
    private final CardRegistry registry;
    private final CardPostings postings;
    private final Merchants merchants;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final RedemptionTokens tokens;
    private final Duration disputeWindow;
    private final Duration requestTimeout;
    private final SecureRandom random = new SecureRandom();

    private final Shards shards;

    private final BatchRedemptionDesk batch;

    /** The signer of redemption QR tokens (the group commit verifies tokens as {@link #redeem} does). */
    RedemptionTokens tokens() {
        return tokens;
    }

    /** The group commit's set-based use case (ADR 16). */
    BatchRedemptionDesk batch() {
        return batch;
    }

    RedemptionDesk(CardRepository cards, RedemptionRepository redemptions, RedemptionWrites writes, CardRegistry registry,
                   CardPostings postings,
                   Merchants merchants, ApplicationEventPublisher events, AuditTrail audit, IdGenerator ids, Clock clock,
                   @Value("${fangxin.card.token-key:}") String tokenKey,
                   @Value("${fangxin.card.dispute-window:PT48H}") Duration disputeWindow,
                   @Value("${fangxin.card.request-timeout:PT5M}") Duration requestTimeout, Shards shards,
                   InsurerHolds insurerHolds) {
        this.shards = shards;
        this.cards = cards;
        this.redemptions = redemptions;
        this.writes = writes;
        this.registry = registry;
        this.postings = postings;
        this.merchants = merchants;
        this.events = events;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.tokens = new RedemptionTokens(tokenKey);
        this.disputeWindow = disputeWindow;
        this.requestTimeout = requestTimeout;
        this.batch = new BatchRedemptionDesk(this, writes, postings, merchants, events, audit, ids, clock, insurerHolds);
    }

    /** The holder gets a fresh one-time code for an active card (valid {@link #CODE_VALIDITY}). */
    public RedemptionCodeView issueCode(Actor actor, UUID cardId) {
        CardRow card = ownCard(actor, cardId);
        Instant now = clock.instant();
        if (card.card().status() != CardStatus.ACTIVE) {
            registry.requireNotHeldForInsurer(cardId); // the clearer refusal; never on the hot path of live cards
        }
        card.card().requireRedeemableByCode(now);
        String code = null;
        UUID codeId = ids.next();
        Instant expiresAt = now.plus(CODE_VALIDITY);
        for (int attempt = 0; attempt < CODE_ATTEMPTS_MAX && code == null; attempt++) {
            String candidate = String.format("%06d", random.nextInt(1_000_000));
            if (redemptions.insertCodeIfFree(codeId, cardId, card.merchantId(), candidate, now, expiresAt)) {
                code = candidate;
            }
        }
        if (code == null) {
            throw new IllegalStateException("no free short code after " + CODE_ATTEMPTS_MAX + " attempts");
        }
        return new RedemptionCodeView(cardId, code, tokens.sign(codeId, expiresAt), expiresAt);
    }

    /** Staff redeem with the code the holder shows; codes of other merchants' cards are "not found". */
    public RedemptionView redeem(Actor actor, Redeem command) {
        return redeem(actor, command, events::publishEvent);
    }

    /**
     * {@link #redeem(Actor, Redeem)} handing the card's event to {@code publish} instead of publishing it: the group
     * commit publishes it only once the command's savepoint is released, so a refused command leaves no publication.
     */
    public RedemptionView redeem(Actor actor, Redeem command, Consumer<Object> publish) {
        requireStaff(actor);
        requireStore(actor, command.storeId());
        Instant now = clock.instant();
        String code = command.code().strip();
        Optional<CardRow> locked; // the code used and its card locked in one statement
        if (code.matches("[0-9]{6}")) {
            locked = writes.useCodeAndLockCard(code, null, actor.merchantId(), now);
        } else {
            RedemptionTokens.Claim claim = tokens.verify(code)
                    .orElseThrow(() -> Rejection.notFound("redemption code"));
            if (!claim.expiresAt().isAfter(now)) {
                throw new Rejection(CODE_EXPIRED, "this code expired: ask the holder for a new one");
            }
            locked = writes.useCodeAndLockCard(null, claim.codeId(), actor.merchantId(), now);
        }
        CardRow card = locked.orElseThrow(() -> Rejection.notFound("redemption code (unknown, used or expired)"));
        return redeemCard(actor.merchantId(), actor.userId(), card, command.storeId(), command.sessions(), command.amount(), "CODE", now,
                publish);
    }

    /** Staff ask the holder to confirm a redemption in the app; it times out after the configured time. */
    public RedemptionRequestView request(Actor actor, RequestRedemption command) {
        requireStaff(actor);
        requireStore(actor, command.storeId());
        CardRow card = cards.find(command.cardId()).filter(c -> actor.worksFor(c.merchantId()))
                .orElseThrow(() -> Rejection.notFound("card " + command.cardId()));
        Instant now = clock.instant();
        RedemptionRequested requested = card.card().requestRedemption(new Card.Use(command.sessions(), command.amount()),
                ids.next(), now.plus(requestTimeout), now).event();
        Long face = command.amount() == null ? null : command.amount().amountMinor();
        redemptions.insertRequest(requested.requestId(), card.id(), card.merchantId(), command.storeId(), actor.userId(),
                command.sessions(), face, now, requested.expiresAt());
        events.publishEvent(requested);
        return redemptions.findRequest(requested.requestId()).orElseThrow();
    }

    /** The holder's pending requests. */
    @Transactional(readOnly = true)
    public List<RedemptionRequestView> pendingRequests(Actor actor) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only card holders confirm redemption requests");
        }
        Instant now = clock.instant();
        return shards.page((offset, rows) -> redemptions.pendingRequestsOfHolder(actor.userId(), now, rows),
                Comparator.comparing(RedemptionRequestView::createdAt).reversed(), 0, LIST_SIZE_MAX);
    }

    /** The holder confirms (or declines) a pending request; a confirmed one is redeemed at once. */
    public RedemptionRequestView answer(Actor actor, UUID requestId, boolean confirm) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only card holders confirm redemption requests");
        }
        RedemptionRepository.Request request = redemptions.lockRequest(requestId)
                .orElseThrow(() -> Rejection.notFound("redemption request " + requestId));
        RedemptionRequestView view = request.view();
        cards.find(view.cardId()).filter(c -> c.holderId().equals(actor.userId()))
                .orElseThrow(() -> Rejection.notFound("redemption request " + requestId));
        Instant now = clock.instant();
        if (!"PENDING".equals(view.status()) || !view.expiresAt().isAfter(now)) {
            throw new Rejection(REQUEST_CLOSED, "this request is " + ("PENDING".equals(view.status()) ? "EXPIRED" : view.status()));
        }
        if (confirm) {
            CardRow card = cards.lock(view.cardId()).orElseThrow(() -> Rejection.notFound("card " + view.cardId()));
            RedemptionView redemption = redeemCard(view.merchantId(), request.staffUserId(), card, view.storeId(),
                    view.sessions(), view.faceAmount(), "REQUEST", now, events::publishEvent);
            redemptions.closeRequest(requestId, "CONFIRMED", now, redemption.id());
        } else {
            redemptions.closeRequest(requestId, "DECLINED", now, null);
        }
        return redemptions.findRequest(requestId).orElseThrow();
    }

    /** Job: requests nobody answered in time expire; returns how many. */
    public int expireRequests() {
        return redemptions.expireRequests(clock.instant(), EXPIRY_BATCH);
    }

    /** The holder disputes a redemption within the window: its net payable is held from payout until decided. */
    public RedemptionView dispute(Actor actor, UUID redemptionId, String reason) {
        RedemptionRepository.Stored stored = redemptions.lock(redemptionId)
                .orElseThrow(() -> Rejection.notFound("redemption " + redemptionId));
        CardRow card = cards.find(stored.view().cardId()).orElseThrow();
        if (!CardRegistry.isHolder(actor, card)) {
            if (actor.is(Role.CONSUMER) || actor.role().isMerchantSide()) {
                throw Rejection.notFound("redemption " + redemptionId);
            }
            throw new Rejection(ProblemType.FORBIDDEN, "only the card holder disputes a redemption");
        }
        if (!"REDEEMED".equals(stored.view().status()) || stored.view().decision() != null) {
            throw new Rejection(REDEMPTION_NOT_DISPUTABLE, "this redemption is " + stored.view().status()
                    + (stored.view().decision() == null ? "" : " (dispute " + stored.view().decision() + ")"));
        }
        Instant now = clock.instant();
        if (now.isAfter(stored.view().redeemedAt().plus(disputeWindow))) {
            throw new Rejection(DISPUTE_WINDOW_CLOSED, "a redemption may be disputed within " + disputeWindow.toHours() + " hours");
        }
        String text = reason == null || reason.isBlank() ? "disputed by the holder" : reason.strip();
        redemptions.dispute(redemptionId, now, text);
        cards.addEvent(ids.next(), card.id(), now, "DISPUTED", text, stored.view().value().amountMinor(),
                stored.view().sessions(), redemptionId);
        audit.record("redemption.disputed", "redemption", redemptionId, Map.of("status", "REDEEMED"),
                Map.of("status", "DISPUTED", "reason", text));
        return redemptions.find(redemptionId).orElseThrow().view();
    }

    /** OPERATOR decides a dispute: upheld → the ledger transfer is reversed and the card gets the use back. */
    public RedemptionView decide(Actor actor, UUID redemptionId, boolean uphold, String reason) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators decide disputes");
        }
        RedemptionRepository.Stored stored = redemptions.lock(redemptionId)
                .orElseThrow(() -> Rejection.notFound("redemption " + redemptionId));
        if (!"DISPUTED".equals(stored.view().status())) {
            throw new Rejection(DISPUTE_NOT_OPEN, "redemption " + redemptionId + " is " + stored.view().status());
        }
        return decideDisputed(stored, uphold, reason);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<RedemptionView> findRedemption(UUID redemptionId) {
        return redemptions.find(redemptionId).map(RedemptionRepository.Stored::view);
    }

    @Override
    public boolean hold(UUID redemptionId, String reason) {
        RedemptionRepository.Stored stored = redemptions.lock(redemptionId)
                .orElseThrow(() -> Rejection.notFound("redemption " + redemptionId));
        if ("DISPUTED".equals(stored.view().status())) {
            return true;
        }
        if (!"REDEEMED".equals(stored.view().status()) || stored.view().decision() != null) {
            return false;
        }
        Instant now = clock.instant();
        redemptions.dispute(redemptionId, now, reason);
        cards.addEvent(ids.next(), stored.view().cardId(), now, "DISPUTED", reason, stored.view().value().amountMinor(),
                stored.view().sessions(), redemptionId);
        audit.record("redemption.held", "redemption", redemptionId, Map.of("status", "REDEEMED"),
                Map.of("status", "DISPUTED", "reason", reason));
        return true;
    }

    @Override
    public void release(UUID redemptionId, String reason) {
        redemptions.lock(redemptionId).filter(stored -> "DISPUTED".equals(stored.view().status()))
                .ifPresent(stored -> decideDisputed(stored, false, reason));
    }

    private RedemptionView decideDisputed(RedemptionRepository.Stored stored, boolean uphold, String reason) {
        RedemptionView r = stored.view();
        UUID redemptionId = r.id();
        Instant now = clock.instant();
        String text = reason == null || reason.isBlank() ? (uphold ? "upheld" : "rejected") : reason.strip();
        if (uphold) {
            Card.Change<RedemptionReversed> reversed = cards.lock(r.cardId()).orElseThrow().card()
                    .reverse(redemptionId, new Card.Use(r.sessions(), r.faceAmount()), r.value(), r.advanceNetted(), now);
            if (stored.transferId() != null) {
                postings.reverse(stored.transferId(), "redemption-reversal:" + redemptionId, text);
            }
            cards.updateEntitlement(r.cardId(), reversed.after().entitlement(), null);
            redemptions.decide(redemptionId, "REVERSED", "UPHELD", now, text);
            cards.addEvent(ids.next(), r.cardId(), now, "REVERSED", text, r.value().amountMinor(), r.sessions(), redemptionId);
            events.publishEvent(reversed.event());
        } else {
            redemptions.decide(redemptionId, "REDEEMED", "REJECTED", now, text);
            cards.addEvent(ids.next(), r.cardId(), now, "DISPUTE_REJECTED", text, r.value().amountMinor(), r.sessions(), redemptionId);
        }
        audit.record("redemption.dispute-decided", "redemption", redemptionId, Map.of("status", "DISPUTED"),
                Map.of("decision", uphold ? "UPHELD" : "REJECTED", "reason", text));
        return redemptions.find(redemptionId).orElseThrow().view();
    }

    /** A merchant's redemptions on one day (in the merchant's zone), newest first. */
    @Transactional(readOnly = true)
    public List<RedemptionView> ofDay(Actor actor, LocalDate date) {
        requireStaff(actor);
        MerchantView merchant = merchants.find(actor.merchantId()).orElseThrow(() -> Rejection.notFound("merchant"));
        LocalDate day = date == null ? LocalDate.ofInstant(clock.instant(), merchant.zone()) : date;
        Instant from = day.atStartOfDay(merchant.zone()).toInstant();
        Instant until = day.plusDays(1).atStartOfDay(merchant.zone()).toInstant();
        return redemptions.ofMerchant(merchant.id(), from, until, LIST_SIZE_MAX);
    }

    /** The redemptions of a card the actor may see, newest first. */
    @Transactional(readOnly = true)
    public List<RedemptionView> ofCard(Actor actor, UUID cardId) {
        registry.readable(actor, cardId);
        return redemptions.ofCard(cardId, LIST_SIZE_MAX);
    }

    /** OPERATOR: open disputes, oldest first. */
    @Transactional(readOnly = true)
    public List<RedemptionView> disputes(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators see the dispute queue");
        }
        return redemptions.disputed(LIST_SIZE_MAX);
    }

    /** The net payable of the merchant's disputed redemptions: settlement must not pay it out yet. */
    @Transactional(readOnly = true)
    public Money heldFor(UUID merchantId, java.util.Currency currency) {
        return new Money(redemptions.heldMinor(merchantId, currency), currency);
    }

    /** Redeems a card whose row the caller has locked. */
    private RedemptionView redeemCard(UUID merchantId, UUID staffUserId, CardRow card, UUID storeId, Integer sessions,
                                      Money amount, String via, Instant now, Consumer<Object> publish) {
        UUID cardId = card.id();
        if (!card.merchantId().equals(merchantId)) {
            throw Rejection.notFound("card " + cardId);
        }
        if (card.card().status() != CardStatus.ACTIVE) {
            registry.requireNotHeldForInsurer(cardId); // the clearer refusal; never on the hot path of live cards
        }
        Card.Change<CardRedeemed> change = card.card().redeem(new Card.Use(sessions, amount), ids.next(), storeId, now);
        CardRedeemed redeemed = change.event();
        UUID redemptionId = redeemed.redemptionId();
        Money value = redeemed.value();
        Money netted = redeemed.advanceNetted();
        RedemptionView redemption = new RedemptionView(redemptionId, cardId, merchantId, storeId, staffUserId, via,
                sessions, amount, value, netted, "REDEEMED", now, null, null, null, null, null);
        String what = sessions != null ? sessions + " session(s)" : amount.format();
        audit.record("card.redeemed", "card", cardId, null, Map.of("redemptionId", redemptionId, "value", value, "via", via));
        publish.accept(redeemed);
        // Posted before the card's writes, which need its transfer id: the card row is locked since the code's use, and
        // one statement then writes the card's counters, its history line and the redemption row (same transaction).
        TransferView transfer = value.isPositive()
                ? postings.earned("redemption:" + redemptionId, "redemption " + redemptionId + " of card " + cardId, cardId,
                        merchantId, value, netted)
                : null;
        writes.record(redemption, change.after().entitlement(), ids.next(), what + " at store " + storeId,
                transfer == null ? null : transfer.id().value());
        return redemption;
    }

    private CardRow ownCard(Actor actor, UUID cardId) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only the card holder gets redemption codes");
        }
        return cards.find(cardId).filter(c -> c.holderId().equals(actor.userId()))
                .orElseThrow(() -> Rejection.notFound("card " + cardId));
    }

    static void requireStaff(Actor actor) {
        if (!actor.role().isMerchantSide()) {
            throw new Rejection(ProblemType.FORBIDDEN, "only merchant staff redeem cards");
        }
    }

    private void requireStore(Actor actor, UUID storeId) {
        // When the caller sends statements together (the API's redeem) the check rides with the code use's round trip
        // (RedemptionWrites.useCodeAndLockCard), else with the command's last statements: a wrong store refuses the
        // command before the posting, and its transaction rolls back.
        merchants.requireStore(actor.merchantId(), storeId);
    }
}
