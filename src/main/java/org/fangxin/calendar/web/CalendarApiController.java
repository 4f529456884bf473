package org.fangxin.calendar.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.List;
import org.fangxin.calendar.CalendarDay;
import org.fangxin.calendar.DayKind;
import org.fangxin.calendar.WorkingDayCalendar;
import org.fangxin.calendar.WorkingDays;
import org.fangxin.identity.Actor;
import org.fangxin.shared.Rejection;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The working-day calendar over HTTP: everybody logged in reads it; operators list and unlist days. */
@RestController
class CalendarApiController {

    private final WorkingDays workingDays;

    CalendarApiController(WorkingDays workingDays) {
        this.workingDays = workingDays;
    }

    @GetMapping("/api/v1/calendar/days")
    List<CalendarDay> year(Actor actor, @RequestParam int year) {
        return workingDays.year(year);
    }

    /** A listed day: {@code kind} HOLIDAY or WORKDAY, {@code name} what it is (e.g. 国庆节). */
    record DayRequest(@NotNull DayKind kind, String name) { }

    @PutMapping("/api/v1/calendar/days/{day}")
    CalendarDay set(Actor actor, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
                    @Valid @RequestBody DayRequest request) {
        return workingDays.set(actor, day, request.kind(), request.name());
    }

    @DeleteMapping("/api/v1/calendar/days/{day}")
    ResponseEntity<Void> remove(Actor actor, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        workingDays.remove(actor, day);
        return ResponseEntity.noContent().build();
    }

    /** What {@code count} working days after {@code from} is, and whether {@code from} itself is a working day. */
    record WorkingDayAnswer(LocalDate from, int count, LocalDate due, boolean fromIsWorkingDay) { }

    @GetMapping("/api/v1/calendar/working-days")
    WorkingDayAnswer plus(Actor actor, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                          @RequestParam int count) {
        if (count < 0 || count > WorkingDayCalendar.WORKING_DAYS_MAX) {
            throw Rejection.invalid("count", "0 to " + WorkingDayCalendar.WORKING_DAYS_MAX + " working days");
        }
        WorkingDayCalendar calendar = workingDays.calendar();
        return new WorkingDayAnswer(from, count, calendar.plusWorkingDays(from, count), calendar.isWorkingDay(from));
    }
}
