package org.fangxin.merchant;

/** Where a merchant stands with the platform. Only ACTIVE merchants may sell prepaid products. */
public enum MerchantStatus {
    PENDING,
    REJECTED,
    ACTIVE,
    SUSPENDED,
    CLOSING,
    CLOSED
}
