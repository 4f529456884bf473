package org.fangxin.rules;

/**
 * A rule a proposal breaks: the rule code (stable, also the message key suffix), the rule-table field it comes from,
 * the limit and the proposed value as text, an English explanation and the published source of the rule.
 */
public record Violation(String rule, String field, String limit, String actual, String detail, String source) {

    public static final String COOLING_OFF_TOO_SHORT = "cooling-off-too-short";
    public static final String REFUND_FEE_ABOVE_CAP = "refund-fee-above-cap";
    public static final String AMOUNT_ABOVE_CAP = "amount-above-cap";
    /** A term in months above the cap; limit and actual are month counts. */
    public static final String TERM_ABOVE_CAP = "term-above-cap";
    /** A term in days above the cap (31 days per month); limit and actual are day counts. */
    public static final String TERM_DAYS_ABOVE_CAP = "term-days-above-cap";
    public static final String SESSIONS_ABOVE_CAP = "sessions-above-cap";
    public static final String CLAUSE_MISSING = "required-clause-missing";
    public static final String BANNED_CLAUSE = "banned-clause";
    public static final String TRANSFER_BANNED = "transfer-ban";
    public static final String CONSUMER_TOTAL_ABOVE_CAP = "consumer-total-above-cap";
    public static final String REAL_NAME_REQUIRED = "real-name-required";
}
