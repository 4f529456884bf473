package org.fangxin.card;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;

/**
 * The card module's facade. {@link #find}, {@link #surrender} and {@link #expiringOn} serve other modules (refund,
 * protection) without an access check; methods taking an {@link Actor} check role and ownership (another
 * consumer's or merchant's card is "not found").
 */
public interface Cards {

    /** An insurer paid the holder in place of the card's value: the card is held and pays nothing more. */
    ProblemType HELD_FOR_INSURER = new ProblemType("card-held-for-insurer", 409);

    Optional<CardView> find(UUID cardId);

    CardView view(Actor actor, UUID cardId);

    /** Consumers: their cards; merchant people: their merchant's; operators and regulators: the newest (at most {@code limit}). */
    List<CardView> list(Actor actor, int limit);

    /**
     * Ends an ACTIVE card's entitlement so its unredeemed value can be refunded or compensated: locks the card, sets
     * it to {@code endStatus} (REFUNDED or EXPIRED), stops further redemption and release, and returns the card as it
     * was at that moment (its {@code unredeemed} is what the caller may move out of CARD_LIABILITY). Must be called in
     * the caller's transaction; a card that is not ACTIVE is refused with a 409 rejection.
     */
    CardView surrender(UUID cardId, CardStatus endStatus, String reason);

    /**
     * Completes a surrender in the same transaction, once the caller knows how the unredeemed value was split:
     * {@code refunded} goes to the consumer, the rest is kept by the merchant (counted as earned, e.g. a refund fee),
     * and {@code advanceUnrecovered} is the part of the card's advance that could not be clawed back and that the
     * merchant still owes (it stays in MERCHANT_ADVANCE). The card must be REFUNDED or EXPIRED.
     */
    void settleSurrender(UUID cardId, Money refunded, Money advanceUnrecovered);

    /** ACTIVE cards whose validity ended before {@code date} (validUntil < date), oldest first, at most {@code limit}. */
    List<CardView> expiringBefore(LocalDate date, int limit);

    /**
     * ACTIVE cards whose validity ends in {@code from} ≤ validUntil < {@code to}, soonest first, at most {@code limit}:
     * for expiry notices, which must not be crowded out by cards that already expired and wait for their refund.
     */
    List<CardView> endingBetween(LocalDate from, LocalDate to, int limit);

    /** Whether the user holds a live (ACTIVE or FROZEN) card at the merchant (no access check; protection asks). */
    boolean holdsLiveCardAt(UUID userId, UUID merchantId);

    /** Count and unredeemed value of the merchant's live cards, in CNY (no access check; for public closure notices). */
    LiveCardTotals liveCardsAt(UUID merchantId);

    /**
     * Merchants whose redemptions stopped (no access check; protection's suspicion watch): at least
     * {@code liveCardsAtLeast} ACTIVE session packs with sessions left, bought before {@code quietSince} and valid on
     * {@code today}; at least {@code earlierAtLeast} redemptions (not reversed) from {@code activeSince} until {@code quietSince};
     * and no redemption at all since {@code quietSince}. Only session packs count: period passes earn by elapsed days
     * and stored value is spent irregularly, so their silence says nothing. At most {@code limit}.
     */
    List<QuietMerchant> redemptionsStopped(Instant activeSince, Instant quietSince, LocalDate today, int liveCardsAtLeast,
                                           int earlierAtLeast, int limit);

    /**
     * Merchants whose redemptions consumers refused from {@code from} to {@code to} (inclusive) (no access check; suspicion watch):
     * consumer-confirmed (An Xin Fu) redemption requests DECLINED or EXPIRED (or PENDING past expiry), and disputes decided UPHELD, from at least
     * {@code consumersAtLeast} distinct holders; {@code merchantId} null for all merchants. At most {@code limit}.
     */
    List<ConfirmationFailures> confirmationFailures(UUID merchantId, Instant from, Instant to, int consumersAtLeast, int limit);

    /**
     * An insurer paid the card's holder {@code paid} directly under claim {@code claimId} (mediation failed): the card is
     * held for the insurer (FROZEN), so no refund, agreed refund or redemption pays that value again. Once per claim and
     * card (a retry changes nothing); no ledger posting. Must be called in the caller's transaction (no access check).
     */
    void holdForInsurer(UUID cardId, UUID claimId, Money paid);

    /** What insurers paid the card's holder in place of its value (zero when nothing; no access check). */
    Money insurerPaid(UUID cardId);

    /**
     * The insurer recorded its payment of {@code paid} to the card's holder under claim {@code claimId}: the card's value
     * up to that amount passes to the insurer (subrogation; docs/complaints.md "Subrogation"): it leaves the card's
     * liability and the merchant's escrow in balanced transfers, a short advance clawed back as for a refund. Holds the
     * card first if it was not held. Once per claim and card: a retry answers the first result and moves nothing. Must
     * be called in the caller's transaction (no access check).
     */
    Subrogation subrogateToInsurer(UUID cardId, UUID claimId, Money paid);

    /** Refuses with {@link #HELD_FOR_INSURER} when an insurer paid for the card (no access check). */
    void requireNotHeldForInsurer(UUID cardId);
}
