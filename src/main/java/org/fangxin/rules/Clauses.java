package org.fangxin.rules;

import java.util.List;

/**
 * Codes of the contract content the law requires (消保法实施条例 Art.22): rule rows list them as required clauses and
 * a contract declares which it provides.
 */
public final class Clauses {

    public static final String PARTIES = "PARTIES";
    public static final String ESCROW_ACCOUNT = "ESCROW_ACCOUNT";
    public static final String AMOUNT_AND_PAYMENT = "AMOUNT_AND_PAYMENT";
    public static final String PERFORMANCE_GUARANTEE = "PERFORMANCE_GUARANTEE";
    public static final String CONTENT_PLACE_QUANTITY = "CONTENT_PLACE_QUANTITY";
    public static final String PRICE_AND_DEDUCTION = "PRICE_AND_DEDUCTION";
    public static final String TERM = "TERM";
    public static final String REFUND_METHOD = "REFUND_METHOD";
    public static final String DISPUTE_RESOLUTION = "DISPUTE_RESOLUTION";
    public static final String CLOSURE = "CLOSURE";

    public static final List<String> ALL = List.of(PARTIES, ESCROW_ACCOUNT, AMOUNT_AND_PAYMENT, PERFORMANCE_GUARANTEE,
            CONTENT_PLACE_QUANTITY, PRICE_AND_DEDUCTION, TERM, REFUND_METHOD, DISPUTE_RESOLUTION, CLOSURE);

    private Clauses() {
    }
}
