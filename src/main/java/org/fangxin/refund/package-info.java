/**
 * Refunds: a consumer asks for the unused value of a card back (cooling-off, pro rata by sessions / days / value, fee
 * capped by contract and rule table), the merchant may contest within N working days, an operator decides disputes,
 * and expired cards are refunded automatically. Invariant: per card, refund + retained by the merchant = unredeemed
 * value, exactly; every refund is paid at most once (posting keys, one open refund per card, payment references).
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "identity", "merchant", "rules", "catalog", "card", "ledger", "payment", "notification"})
package org.fangxin.refund;
