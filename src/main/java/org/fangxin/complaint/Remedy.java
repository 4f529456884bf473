package org.fangxin.complaint;

/**
 * What an agreement gives the consumer, carried out by the platform: a refund of the card (full or partial, through the
 * refund module, no fee), the service resumed, or compensation paid from the merchant's earned money.
 */
public enum Remedy {
    REFUND,
    RESUME_SERVICE,
    COMPENSATION;

    public boolean paysMoney() {
        return this != RESUME_SERVICE;
    }
}
