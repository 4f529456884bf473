package org.fangxin.protection;

import java.time.Instant;

/** What one coverage check run did. */
public record CoverageCheckSummary(Instant checkedAt, int merchantsChecked, int underCovered, int newlyUnderCovered,
                                   int restored, int failed) { }
