package org.fangxin.card.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.domain.Card;
import org.fangxin.card.domain.Entitlement;
import org.fangxin.card.domain.Validity;
import org.fangxin.shared.Money;

/** A row of card.card: the card's identity, terms and counters (money in minor units of {@code currency}). */
public record CardRow(UUID id, UUID purchaseId, UUID transferredFrom, UUID holderId, UUID merchantId, UUID storeId,
                      UUID productId, String productName, Entitlement.Kind kind, UUID contractVersionId,
                      String contractSha256, UUID paymentOrderId, CardStatus status, Currency currency, long paidMinor,
                      long listPriceMinor, long earnedMinor, long refundedMinor, long transferredOutMinor,
                      long advanceMinor, long advanceOutstandingMinor, Integer sessionsTotal, Integer sessionsRemaining,
                      Long faceValueMinor, Long faceRemainingMinor, LocalDate validFrom, LocalDate validUntil,
                      ZoneId zone, LocalDate releasedThrough, Instant purchasedAt, Instant firstRedeemedAt) {

    /** The card aggregate of this row (its transitions are for live cards: ended ones have nothing left to use). */
    public Card card() {
        return new Card(id, holderId, merchantId, productName, status, zone, entitlement());
    }

    /** The entitlement of a live card (ended cards have nothing left to redeem). */
    public Entitlement entitlement() {
        return new Entitlement(kind, money(paidMinor), money(earnedMinor), money(advanceOutstandingMinor), sessionsTotal,
                sessionsRemaining, faceValueMinor == null ? null : money(faceValueMinor),
                faceRemainingMinor == null ? null : money(faceRemainingMinor), new Validity(validFrom, validUntil),
                releasedThrough);
    }

    public Money money(long minor) {
        return new Money(minor, currency);
    }

    /** What the card should still owe its holder: paid less earned, refunded and transferred away. */
    public long expectedUnredeemedMinor() {
        return paidMinor - earnedMinor - refundedMinor - transferredOutMinor;
    }
}
