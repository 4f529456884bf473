package org.fangxin.risk;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** What a rating run did: the day rated for, how many merchants, tier changes and alerts, and how long it took. */
public record RatingRun(LocalDate ratedOn, int rated, int tierChanges, int alerts, Duration took) {

    /** The runs of several shards as one (all rate the same day), taking {@code took} in all. */
    static RatingRun sum(List<RatingRun> parts, Duration took) {
        return new RatingRun(parts.get(0).ratedOn(), parts.stream().mapToInt(RatingRun::rated).sum(),
                parts.stream().mapToInt(RatingRun::tierChanges).sum(), parts.stream().mapToInt(RatingRun::alerts).sum(),
                took);
    }
}
