package org.fangxin.insurance;

import java.util.Optional;

/**
 * Who pays a policy's premium, in basis points: merchant, platform and government (budget subsidy). Valid shares are
 * each 0..10000 and sum to exactly 10000.
 */
public record CostSharing(int merchantBps, int platformBps, int governmentBps) {

    public static final int WHOLE_BPS = 10_000;

    /** Why these shares are not valid, or empty when they are. */
    public Optional<String> problem() {
        for (int share : new int[] {merchantBps, platformBps, governmentBps}) {
            if (share < 0 || share > WHOLE_BPS) {
                return Optional.of("each share is 0 to " + WHOLE_BPS + " basis points");
            }
        }
        long sum = (long) merchantBps + platformBps + governmentBps;
        return sum == WHOLE_BPS ? Optional.empty()
                : Optional.of("shares must sum to exactly " + WHOLE_BPS + " basis points, not " + sum);
    }
}
