package org.fangxin.settlement;

/** How often a sector's merchants are paid: every business day (T+1) or once a week on a fixed weekday. */
public enum SettlementFrequency {
    DAILY,
    WEEKLY
}
