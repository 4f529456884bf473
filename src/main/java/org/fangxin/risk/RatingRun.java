package org.fangxin.risk;

import java.time.Duration;
import java.time.LocalDate;

/** What a rating run did: the day rated for, how many merchants, tier changes and alerts, and how long it took. */
public record RatingRun(LocalDate ratedOn, int rated, int tierChanges, int alerts, Duration took) { }
