package org.fangxin.refund;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.fangxin.card.CardView;
import org.fangxin.catalog.ContractTerms;
import org.fangxin.catalog.ContractVersionView;
import org.fangxin.catalog.Products;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.refund.domain.RefundBasis;
import org.fangxin.refund.domain.RefundCalculator;
import org.fangxin.rules.RuleValues;
import org.fangxin.rules.Rules;
import org.springframework.stereotype.Component;

/**
 * What a refund of a card pays on a day: its contract's refund method and fee, the stricter of the contract's and the
 * rule table's cooling-off, the rule's fee cap ({@link RefundCalculator}). Days are the merchant's.
 */
@Component
class RefundQuotes {

    private final Products products;
    private final Merchants merchants;
    private final Clock clock;

    RefundQuotes(Products products, Merchants merchants, Clock clock) {
        this.products = products;
        this.merchants = merchants;
        this.clock = clock;
    }

    RefundQuote quoteFor(CardView card, RefundReason reason, LocalDate on) {
        ContractVersionView contract = products.findContractVersion(card.contractVersionId())
                .orElseThrow(() -> new IllegalStateException("card " + card.id() + " names an unknown contract version"));
        ContractTerms terms = contract.content().terms();
        MerchantView merchant = merchantOf(card);
        RuleValues rule = products.rulesOf(card.productId()).values();
        int coolingOffDays = products.coolingOffDays(card.productId(), card.contractVersionId());
        LocalDate purchasedOn = LocalDate.ofInstant(card.purchasedAt(), merchant.zone());
        RefundBasis basis = new RefundBasis(terms.refundMethod(), card.paid(), card.listPrice(), card.unredeemed(),
                card.sessionsTotal(), card.sessionsRemaining(), card.validFrom(), card.validUntil(), purchasedOn,
                card.unused(), coolingOffDays, terms.refundFeeBp(), rule.refundFeeCapBp(), terms.usedSessionsAtListPrice());
        return RefundCalculator.quote(basis, reason, on);
    }

    MerchantView merchantOf(CardView card) {
        return merchants.find(card.merchantId())
                .orElseThrow(() -> new IllegalStateException("card " + card.id() + " names an unknown merchant"));
    }

    LocalDate today(ZoneId zone) {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** Today in the zone of the merchant (the rule table's zone when the merchant is unknown). */
    LocalDate todayAt(java.util.UUID merchantId) {
        return today(merchants.find(merchantId).map(MerchantView::zone).orElse(Rules.ZONE));
    }
}
