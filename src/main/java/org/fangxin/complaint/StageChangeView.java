package org.fangxin.complaint;

import java.time.Instant;
import java.util.List;

/**
 * One step of a case's timeline: from which stage to which, taken by whom (the deadline job is party DEADLINE), with
 * the note a person typed ({@code note}) or the platform's note as a message key of complaint.properties and its
 * arguments ({@code noteKey}, {@code noteArgs}), rendered in the reader's language.
 */
public record StageChangeView(Instant at, ComplaintStage from, ComplaintStage to, String party, String byUser, String note,
                              String noteKey, List<String> noteArgs) { }
