package org.fangxin.protection;

/**
 * How a closure case opened: the merchant announced closing, an operator/regulator marked it, consumers reported it,
 * or the suspicion watch found a signal (redemptions stopped, consumers' confirmations failing repeatedly).
 */
public enum ClosureSource {
    ANNOUNCED, MARKED, REPORTS, AUTOMATIC
}
