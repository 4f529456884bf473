package org.fangxin.complaint;

import java.time.LocalDate;

/** A stage's deadline: counted in working days from {@code startsOn} to {@code dueOn} (a working day); closed once the stage ended. */
public record DeadlineView(DeadlineKind kind, ComplaintStage stage, LocalDate startsOn, LocalDate dueOn, LocalDate closedOn) { }
