package org.fangxin.complaint.domain;

import java.time.LocalDate;
import java.util.Objects;
import org.fangxin.calendar.WorkingDayCalendar;
import org.fangxin.complaint.ComplaintStage;
import org.fangxin.complaint.DeadlineKind;

/**
 * One stage's deadline: {@code workingDays} counted from {@code startsOn} (which never counts) to {@code dueOn}, always a
 * working day; it passes at the end of {@code dueOn}. Closed ({@code closedOn} set) when the stage ends, whatever ended
 * it. When the calendar changes, an open deadline is recounted from its start.
 */
public record Deadline(DeadlineKind kind, ComplaintStage stage, LocalDate startsOn, int workingDays, LocalDate dueOn,
                       LocalDate closedOn) {

    public Deadline {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(stage, "stage");
        if (stage.deadlineKind() != kind) {
            throw new IllegalArgumentException(stage + " has a " + stage.deadlineKind() + " deadline, not " + kind);
        }
        if (workingDays < 1 || !dueOn.isAfter(startsOn)) {
            throw new IllegalArgumentException("a deadline is due after it starts: " + startsOn + " .. " + dueOn);
        }
    }

    public boolean open() {
        return closedOn == null;
    }

    /** True once {@code today} is after the due day. */
    public boolean passed(LocalDate today) {
        return today.isAfter(dueOn);
    }

    Deadline close(LocalDate on) {
        if (!open()) {
            throw new IllegalStateException("deadline " + kind + " is closed already");
        }
        return new Deadline(kind, stage, startsOn, workingDays, dueOn, on);
    }

    /** The same deadline counted again in {@code calendar} (after an operator changed a day). */
    Deadline recount(WorkingDayCalendar calendar) {
        return new Deadline(kind, stage, startsOn, workingDays, calendar.plusWorkingDays(startsOn, workingDays), closedOn);
    }
}
