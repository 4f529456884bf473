package org.fangxin.card;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * The card side of compensating a closed merchant's consumers (the compensation module calls it; no access check, in the
 * caller's transaction). The caller reads and posts the money in the ledger; these methods change only the cards.
 */
public interface ClosureCards {

    /**
     * Holds the merchant's live cards: locks them, earns every ACTIVE period pass's days through the day before
     * {@code asOf} (in the card's zone), then sets ACTIVE cards to FROZEN, so nothing changes their unredeemed value any
     * more (no redemption, release, refund, expiry or transfer). Answers how many cards are held.
     */
    int holdForCompensation(UUID merchantId, Instant asOf);

    /**
     * The merchant's live (ACTIVE or FROZEN) cards in id order, with their unredeemed value from the ledger less what an
     * insurer approved paying their holders and has not paid yet ({@link #heldForInsurer}): that part waits for the
     * insurer's subrogation, so compensation never pays it twice (issue 10).
     */
    List<CardView> liveCards(UUID merchantId);

    /**
     * Per card, what an insurer approved paying its holder and has not paid yet (kept in the card's liability for the
     * insurer's subrogation); cards without such a hold are absent. The card's liability less this is what compensation
     * may pay: it does not change when the insurer pays (both fall by the amount subrogated).
     */
    java.util.Map<UUID, org.fangxin.shared.Money> heldForInsurer(List<UUID> cardIds);

    /**
     * Records that {@code amount} of the merchant's MERCHANT_ADVANCE was settled without a card ending (the closure
     * set-off of earned payable against the advance): lowers its live cards' advance outstanding in id order, then the
     * advance its ended cards left unrecovered. Answers what was recorded (at most what the cards carry).
     */
    Money settleAdvance(UUID merchantId, Money amount);

    /**
     * A held card to end as compensated: {@code unredeemed} is its whole unredeemed value (the caller checked it against
     * the card's CARD_LIABILITY), and {@code advanceSettled} of MERCHANT_ADVANCE was settled for it by the merchant's
     * deposit and the guarantee fund. Less than the card's advance leaves the rest unrecovered on the card; more settles
     * advance that the merchant's ended cards left unrecovered.
     */
    record ToCompensate(UUID cardId, Money unredeemed, Money advanceSettled) { }

    /** Ends held (FROZEN or ACTIVE) cards as REFUNDED with their whole unredeemed value, in a few statements. */
    void compensateAll(List<ToCompensate> cards, String reason);

    /**
     * Whether a takeover card of {@code productId} can be issued at {@code successorMerchantId}: the product is one of
     * that merchant's ACTIVE products.
     */
    boolean offersTakeover(UUID successorMerchantId, UUID productId);

    /**
     * Takeover (转店): ends a held card as TRANSFERRED with its whole unredeemed value ({@code card.unredeemed()}) and
     * issues the same holder a new ACTIVE card of the successor's ACTIVE {@code productId}, worth that value (the caller
     * posts it into the new card's CARD_LIABILITY and the successor's ESCROW). Answers the new card's id.
     */
    UUID compensateByTakeover(ToCompensate card, UUID successorMerchantId, UUID productId, String reason);
}
