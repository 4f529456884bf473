/**
 * Storefront: the consumer's H5 (mobile-first) pages that put several modules' figures side by side — the home with
 * products as cards, a product's page with its contract and how this purchase is protected (supervision ratio,
 * escrow bank, risk deposit, insurance, 跑路赔), and per card how its unredeemed value is covered (escrow, deposit,
 * insurance, guarantee fund) from the books; the merchant's risk tier and 放心商户 badge come from risk's public
 * {@code RiskBadges}. Owns no tables and moves no money: it only reads other modules' facades.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "identity", "catalog", "merchant", "rules", "ledger", "card", "protection", "insurance", "complaint", "risk"})
package org.fangxin.storefront;
