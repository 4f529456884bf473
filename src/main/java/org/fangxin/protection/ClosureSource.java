package org.fangxin.protection;

/** How a closure case opened: the merchant announced closing, an operator/regulator marked it, or consumers reported it. */
public enum ClosureSource {
    ANNOUNCED, MARKED, REPORTS
}
