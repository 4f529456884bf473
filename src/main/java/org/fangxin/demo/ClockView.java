package org.fangxin.demo;

import java.time.Duration;
import java.time.Instant;

/** The platform clock: now, how far ahead of the system clock it runs, and (after a move) the steps jobs caught up in. */
public record ClockView(Instant now, Duration offset, long offsetDays, int steps, boolean jobsCaughtUp) { }
