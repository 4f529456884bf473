/**
 * Cards: a consumer's prepaid entitlement bought under a contract version — purchase into escrow, advance by the
 * supervision ratio, redemption per session, per day or per amount, release of earned value, card transfer.
 * Invariant: per card, earned + refunded + unredeemed = paid, and unredeemed = escrow held + advance not yet earned.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "identity", "merchant", "rules", "catalog", "ledger", "payment", "settlement"})
package org.fangxin.card;
