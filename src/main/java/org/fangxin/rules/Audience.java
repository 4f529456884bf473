package org.fangxin.rules;

/**
 * Who a product is sold to, a dimension of the rule table besides the sector: rows written for a sub-sector such as
 * Beijing's youth sports training ({@code YOUTH_SPORTS} = SPORTS_FITNESS × MINORS, table {@code rules.sub_sector})
 * apply to products for minors of that sector only, never to an adult gym's membership.
 */
public enum Audience {
    /** Sold to adults only. */
    ADULTS,
    /** Sold to or for minors (children's classes, youth training): the stricter youth rules apply. */
    MINORS;

    /** Products that never said (stored before audiences existed) are for adults. */
    public static Audience orDefault(Audience audience) {
        return audience == null ? ADULTS : audience;
    }
}
