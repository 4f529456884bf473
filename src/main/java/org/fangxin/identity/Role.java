package org.fangxin.identity;

/** What a user is to the platform; one role per account. */
public enum Role {
    CONSUMER,
    MERCHANT_OWNER,
    MERCHANT_STAFF,
    OPERATOR,
    BANK,
    INSURER,
    REGULATOR,
    ASSOCIATION,
    /** A system of a risk-data provider (tax, social insurance, utilities, courts, credit lists, 12315) pushing feeds. */
    DATA_PROVIDER;

    public boolean isMerchantSide() {
        return this == MERCHANT_OWNER || this == MERCHANT_STAFF;
    }

    /** The Spring Security authority, e.g. {@code ROLE_OPERATOR}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
