package org.fangxin.rules;

/**
 * The share of a card's unredeemed value that must stay in escrow (basis points, 10000 = 100%), and the source that set
 * it. Where nothing sets a ratio, everything stays in escrow: no rule is not a licence to advance money.
 */
public record SupervisionRatio(int bp, String source) {

    public static final int FULL_BP = 10_000;
    public static final String UNSET_SOURCE = "no ratio set: everything stays in escrow (未设定存管比例: 全额存管)";

    public SupervisionRatio {
        if (bp < 0 || bp > FULL_BP) {
            throw new IllegalArgumentException("a supervision ratio is 0..10000 bp: " + bp);
        }
        source = source == null ? "" : source;
    }

    /** The stricter of the two: a higher ratio keeps more in escrow. */
    public SupervisionRatio atLeast(SupervisionRatio other) {
        return other != null && other.bp > bp ? other : this;
    }
}
