package org.fangxin.oversight;

import java.time.Instant;

/** A generated quarter: how many merchants' statements, and when they were written. */
public record ReportRun(String quarter, long merchants, Instant generatedAt) { }
