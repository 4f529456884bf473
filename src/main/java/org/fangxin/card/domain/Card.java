package org.fangxin.card.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.CardFrozen;
import org.fangxin.card.CardRedeemed;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardSurrendered;
import org.fangxin.card.CardTransferred;
import org.fangxin.card.CardValueReleased;
import org.fangxin.card.RedemptionRequested;
import org.fangxin.card.RedemptionReversed;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;

/**
 * A prepaid card, the aggregate of the card module: who holds it, at which merchant, where it stands and what is left
 * on it. Its transitions check the card's rules (status, validity, what is left) and answer the card after them with
 * the event they caused; the card itself never changes. Facades lock the card's row, load it, call a transition,
 * write the state and publish the event in one transaction; the row lock is what keeps two redemptions of the last
 * session from both succeeding. Days are the card's own: {@code today} is the date in the card's zone.
 */
public record Card(UUID id, UUID holderId, UUID merchantId, String productName, CardStatus status, ZoneId zone,
                   Entitlement entitlement) {

    public static final ProblemType NOT_ACTIVE = new ProblemType("card-not-active", 409);
    public static final ProblemType NOT_VALID_TODAY = new ProblemType("card-not-valid-today", 409);
    public static final ProblemType NOTHING_TO_TRANSFER = new ProblemType("card-nothing-to-transfer", 409);

    /** A transition's outcome: the card after it and the event it caused. */
    public record Change<E>(Card after, E event) { }

    /** A transfer's outcome: the old card (ended), the card that continues it for the recipient, the event. */
    public record Transfer(Card ended, Card successor, CardTransferred event) { }

    /**
     * What a redemption uses: sessions of a session pack or an amount of stored value, exactly one of them (checked by
     * the transition, after the card's own state, so an inactive card is reported as such first).
     */
    public record Use(Integer sessions, Money amount) { }

    public Card {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(entitlement, "entitlement");
    }

    public Validity validity() {
        return entitlement.validity();
    }

    public LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, zone);
    }

    /** Refuses unless the card may be redeemed at {@code now}: ACTIVE and valid today. */
    public void requireRedeemable(Instant now) {
        requireActive();
        if (!validity().includes(today(now))) {
            throw new Rejection(NOT_VALID_TODAY, "card " + id + " is valid " + validity().from() + " to " + validity().until());
        }
    }

    /** As {@link #requireRedeemable}, for a one-time code: a period pass earns day by day and has no codes. */
    public void requireRedeemableByCode(Instant now) {
        requireRedeemable(now);
        if (entitlement.kind() == Entitlement.Kind.PERIOD_PASS) {
            throw new Rejection(Entitlement.KIND_MISMATCH, "a period pass is released day by day, not redeemed with a code");
        }
    }

    /** Staff redeem {@code use} at {@code storeId}: the merchant earns its value on the cumulative schedule. */
    public Change<CardRedeemed> redeem(Use use, UUID redemptionId, UUID storeId, Instant at) {
        Entitlement.Step step = step(use, at);
        return new Change<>(with(status, step.after()), new CardRedeemed(redemptionId, id, holderId, merchantId, storeId,
                productName, use.sessions(), use.amount(), step.value(), step.netted(), at));
    }

    /** Staff ask the holder to confirm {@code use}: checked as a redemption would be, the card unchanged. */
    public Change<RedemptionRequested> requestRedemption(Use use, UUID requestId, Instant expiresAt, Instant at) {
        step(use, at);
        return new Change<>(this, new RedemptionRequested(requestId, id, holderId, merchantId, productName, use.sessions(),
                use.amount(), expiresAt, at));
    }

    /**
     * A period pass earns every day through yesterday (in the card's zone); empty for other kinds and when no new day is
     * due. The card must be ACTIVE.
     */
    public Optional<Change<CardValueReleased>> release(Instant now) {
        requireActive();
        if (entitlement.kind() != Entitlement.Kind.PERIOD_PASS) {
            return Optional.empty();
        }
        Entitlement.Step step = entitlement.releaseThrough(today(now).minusDays(1));
        if (step.isEmpty(entitlement)) {
            return Optional.empty();
        }
        return Optional.of(new Change<>(with(status, step.after()), new CardValueReleased(id, merchantId,
                step.after().releasedThrough(), step.value(), step.netted(), now)));
    }

    /** An upheld dispute gives the redemption's use, value and netted advance back; only an ACTIVE card takes it. */
    public Change<RedemptionReversed> reverse(UUID redemptionId, Use use, Money value, Money netted, Instant at) {
        if (status != CardStatus.ACTIVE) {
            throw new Rejection(NOT_ACTIVE, "card " + id + " is " + status + ": compensate the holder instead");
        }
        Entitlement restored = entitlement.restore(use.sessions(), use.amount(), value, netted);
        return new Change<>(with(status, restored), new RedemptionReversed(redemptionId, id, holderId, merchantId, value, at));
    }

    /**
     * Ends an ACTIVE card for a refund ({@code REFUNDED}) or at its expiry ({@code EXPIRED}); its unredeemed value leaves
     * with it. An expiring pass must have earned its elapsed days first ({@link #release}): they are never refunded.
     */
    public Change<CardSurrendered> surrender(CardStatus end, Instant at) {
        if (end != CardStatus.REFUNDED && end != CardStatus.EXPIRED) {
            throw new IllegalArgumentException("a card is surrendered as REFUNDED or EXPIRED, not " + end);
        }
        requireActive();
        if (end == CardStatus.EXPIRED) {
            requireReleased(at);
        }
        return new Change<>(with(end, entitlement), new CardSurrendered(id, holderId, merchantId, end,
                entitlement.unredeemed(), at));
    }

    /** Refuses unless the holder may transfer the card at {@code now}: ACTIVE and not yet expired. */
    public void requireTransferable(Instant now) {
        requireActive();
        if (validity().endedBy(today(now))) {
            throw new Rejection(NOT_VALID_TODAY, "card " + id + " expired on " + validity().until());
        }
    }

    /**
     * The holder hands the rest to {@code recipientId}: this card ends TRANSFERRED, card {@code successorId} carries the
     * unredeemed value, the sessions or face value and days left, and the advance. A pass must have earned its elapsed
     * days first ({@link #release}), so the recipient gets only the days to come.
     */
    public Transfer transfer(UUID transferId, UUID successorId, UUID recipientId, Instant at) {
        requireTransferable(at);
        requireReleased(at);
        if (recipientId.equals(holderId)) {
            throw new IllegalArgumentException("a card is transferred to another holder");
        }
        Money rest = entitlement.unredeemed();
        if (!rest.isPositive()) {
            throw new Rejection(NOTHING_TO_TRANSFER, "card " + id + " has nothing left to transfer");
        }
        Card successor = new Card(successorId, recipientId, merchantId, productName, CardStatus.ACTIVE, zone,
                entitlement.successor());
        return new Transfer(with(CardStatus.TRANSFERRED, entitlement), successor, new CardTransferred(transferId, id,
                successorId, holderId, recipientId, merchantId, productName, rest, at));
    }

    /** Holds an ACTIVE card for its closed merchant's compensation: FROZEN, so nothing changes its value any more. */
    public Change<CardFrozen> freeze(Instant at) {
        requireActive();
        return new Change<>(with(CardStatus.FROZEN, entitlement), new CardFrozen(id, holderId, merchantId, at));
    }

    private Entitlement.Step step(Use use, Instant at) {
        requireRedeemable(at);
        if ((use.sessions() == null) == (use.amount() == null)) {
            throw Rejection.invalid(use.sessions() == null ? "sessions" : "amount", "give either sessions or an amount");
        }
        if (use.amount() != null && !use.amount().currency().equals(entitlement.currency())) {
            throw Rejection.invalid("amount", "the card is in " + entitlement.currency());
        }
        return use.sessions() != null ? entitlement.redeemSessions(use.sessions()) : entitlement.redeemAmount(use.amount());
    }

    private void requireActive() {
        if (status != CardStatus.ACTIVE) {
            throw new Rejection(NOT_ACTIVE, "card " + id + " is " + status, Map.of("status", status.name()));
        }
    }

    private void requireReleased(Instant at) {
        if (entitlement.kind() == Entitlement.Kind.PERIOD_PASS
                && !entitlement.releaseThrough(today(at).minusDays(1)).isEmpty(entitlement)) {
            throw new IllegalStateException("pass " + id + " has days due: release them first");
        }
    }

    private Card with(CardStatus newStatus, Entitlement newEntitlement) {
        return new Card(id, holderId, merchantId, productName, newStatus, zone, newEntitlement);
    }
}
