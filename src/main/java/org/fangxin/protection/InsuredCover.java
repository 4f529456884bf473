package org.fangxin.protection;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * Closure insurance in force for a merchant, as the deposit rule and the merchant's protection page need it. The
 * insurance module implements it: it depends on protection (its claims follow closures and their compensation), so
 * protection asks through this interface.
 */
public interface InsuredCover {

    /** No insurance: what protection assumes when no insurance module is present (a module test). */
    InsuredCover NONE = new InsuredCover() {
        @Override
        public Money insuredCover(UUID merchantId) {
            return Money.zero(Money.CNY);
        }

        @Override
        public List<CoveringPolicy> covering(UUID merchantId) {
            return List.of();
        }
    };

    /**
     * The part of the merchant's advance exposure (its MERCHANT_ADVANCE balance in CNY) that insurance in force today
     * covers, capped at the exposure; zero when uninsured or without exposure.
     */
    Money insuredCover(UUID merchantId);

    /** Policies in force today that cover the merchant, oldest first. */
    List<CoveringPolicy> covering(UUID merchantId);

    /** A policy covering a merchant, as the merchant sees it. */
    record CoveringPolicy(String policyNumber, String insurerName, String productName, LocalDate startsOn,
                          LocalDate endsOn) { }
}
