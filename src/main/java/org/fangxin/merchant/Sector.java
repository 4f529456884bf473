package org.fangxin.merchant;

/** The business sector of a merchant; rule tables are keyed by region × sector. */
public enum Sector {
    EDUCATION,
    SPORTS_FITNESS,
    BEAUTY,
    CATERING,
    RETAIL,
    OTHER_SERVICES
}
