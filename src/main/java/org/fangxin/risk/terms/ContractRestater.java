package org.fangxin.risk.terms;

import org.fangxin.catalog.Products;
import org.fangxin.risk.MerchantTermsChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * After a merchant's supervision ratio changed (and the change committed), its active products get a contract version
 * stating the new ratio, so new purchases are sold under it; cards already sold keep the version they were sold under.
 * Idempotent: a contract already stating the ratio is left as it is.
 */
@Component
class ContractRestater {

    private static final Logger log = LoggerFactory.getLogger(ContractRestater.class);

    private final Products products;

    ContractRestater(Products products) {
        this.products = products;
    }

    @ApplicationModuleListener
    void on(MerchantTermsChanged event) {
        Integer before = event.before() == null ? null : event.before().supervisionRatioBp();
        int after = event.after().supervisionRatioBp();
        if (before != null && before == after) {
            return;
        }
        int restated = products.restateContracts(event.merchantId(), "risk-terms: supervision ratio "
                + (before == null ? "rule table" : before + " bp") + " -> " + after + " bp (tier " + event.after().tier() + ")");
        if (restated > 0) {
            log.info("merchant {}: {} contracts restated at {} bp", event.merchantId(), restated, after);
        }
    }
}
