package org.fangxin.complaint;

/** What the complaint is about. */
public enum ComplaintCategory {
    REFUND_REFUSED,
    SERVICE_NOT_DELIVERED,
    QUALITY,
    CONTRACT_CLAUSE,
    STORE_CLOSED,
    OTHER
}
