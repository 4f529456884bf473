package org.fangxin.card;

/** Where a card stands. Only ACTIVE cards can be redeemed, refunded or transferred. */
public enum CardStatus {
    ACTIVE,
    FROZEN,
    EXPIRED,
    REFUNDED,
    TRANSFERRED
}
