package org.fangxin.card;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * A card as other modules may see it. {@code kind} is the catalog's ProductKind name (SESSION_PACK, PERIOD_PASS,
 * STORED_VALUE). Units: {@code sessionsTotal}/{@code sessionsRemaining} for session packs (null otherwise);
 * {@code validFrom}..{@code validUntil} (inclusive, in the merchant's zone) for every kind; {@code unredeemed} is the
 * card's CARD_LIABILITY balance in the ledger; {@code advanceOutstanding} the part of this card's price released to
 * the merchant in advance and not yet earned; {@code paymentOrderId} the payment that bought it — for a card received by
 * transfer ({@code transferredFrom} names the card it continues) that payment is the first buyer's, so money owed to
 * this holder must not go back there. Always {@code earned + refunded + unredeemed = paid}.
 */
public record CardView(UUID id, UUID holderUserId, UUID merchantId, UUID storeId, UUID productId, UUID contractVersionId,
                       UUID paymentOrderId,
                       String kind, CardStatus status, Money paid, Money listPrice, Money earned, Money refunded,
                       Money unredeemed, Money advanceOutstanding, Integer sessionsTotal, Integer sessionsRemaining,
                       LocalDate validFrom, LocalDate validUntil, Instant purchasedAt, Instant firstRedeemedAt,
                       UUID transferredFrom) {

    /** True when nothing was redeemed yet (cooling-off refunds need this). */
    public boolean unused() {
        return firstRedeemedAt == null;
    }

    /** True when the holder received this card by transfer: it was not bought with {@code paymentOrderId} by them. */
    public boolean received() {
        return transferredFrom != null;
    }
}
