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
    ASSOCIATION;

    public boolean isMerchantSide() {
        return this == MERCHANT_OWNER || this == MERCHANT_STAFF;
    }

    /** The Spring Security authority, e.g. {@code ROLE_OPERATOR}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
