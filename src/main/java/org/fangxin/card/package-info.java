/**
 * Cards: a consumer's prepaid entitlement bought under a contract version — purchase into escrow, advance by the
 * supervision ratio, redemption per session, per day or per amount, release of earned value, disputes, card transfer.
 * Invariant: per card, earned + refunded + transferred out + unredeemed = paid, and unredeemed = escrow held + advance
 * not yet earned; per merchant, ESCROW = Σ CARD_LIABILITY + Σ CONSUMER_REFUNDS_PAYABLE + MERCHANT_PAYABLE +
 * MERCHANT_SETTLEMENT − MERCHANT_ADVANCE.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "identity", "catalog", "merchant", "rules", "ledger", "payment", "settlement", "notification"})
package org.fangxin.card;
