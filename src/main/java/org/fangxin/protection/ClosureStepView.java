package org.fangxin.protection;

import java.time.Instant;

/** One step of a closure case: who did what, when, with which note. */
public record ClosureStepView(String kind, String note, String actor, Instant at) { }
