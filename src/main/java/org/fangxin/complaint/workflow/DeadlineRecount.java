package org.fangxin.complaint.workflow;

import java.util.UUID;
import org.fangxin.calendar.WorkingDayChanged;
import org.fangxin.complaint.Complaints;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * An operator changed a day of the calendar: every open deadline counted across that day is counted again from its
 * start (a new holiday pushes it back, a new working day brings it forward), so no deadline ends on a day that is no
 * longer a working day. Delivered at least once; recounting twice changes nothing.
 */
@Component
class DeadlineRecount {

    static final int CASES_MAX = 100_000;

    private final Complaints complaints;

    DeadlineRecount(Complaints complaints) {
        this.complaints = complaints;
    }

    @ApplicationModuleListener
    void on(WorkingDayChanged event) {
        for (UUID id : complaints.countedAcross(event.day(), CASES_MAX)) {
            complaints.recount(id);
        }
    }
}
