package org.fangxin.complaint.domain;

import java.time.LocalDate;
import java.util.Objects;
import org.fangxin.calendar.WorkingDayCalendar;
import org.fangxin.complaint.ComplaintStage;

/** The deadline rules of a case's region and the working-day calendar they are counted in. */
public record Schedule(DeadlineRules rules, WorkingDayCalendar calendar) {

    public Schedule {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(calendar, "calendar");
    }

    /** The deadline of {@code stage}, counted from {@code from} (which never counts): always due on a working day. */
    public Deadline open(ComplaintStage stage, LocalDate from) {
        int days = rules.days(stage.deadlineKind());
        return new Deadline(stage.deadlineKind(), stage, from, days, calendar.plusWorkingDays(from, days), null);
    }
}
