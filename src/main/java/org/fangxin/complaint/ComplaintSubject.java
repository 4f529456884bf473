package org.fangxin.complaint;

/**
 * What the complaint names: a card, one redemption of it, a refund of it, or only the merchant. A complaint about a
 * redemption or a refund freezes the related release while it is open.
 */
public enum ComplaintSubject {
    CARD,
    REDEMPTION,
    REFUND,
    MERCHANT
}
