package org.fangxin.complaint;

import java.time.Instant;

/** One step of a case's timeline: from which stage to which, taken by whom (the deadline job is party DEADLINE). */
public record StageChangeView(Instant at, ComplaintStage from, ComplaintStage to, String party, String byUser, String note) { }
