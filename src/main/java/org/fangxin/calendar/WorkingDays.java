package org.fangxin.calendar;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The working-day calendar facade. Everybody may read it (it is public information); only operators list or unlist
 * days, each change in the audit trail. {@link #calendar()} is what other modules count deadlines with.
 */
@Service
@Transactional
public class WorkingDays {

    public static final int NAME_LENGTH_MAX = 100;
    /** The calendar holds a few dozen days a year; this bounds a broken table. */
    public static final int DAYS_MAX = 10_000;
    public static final int YEAR_MIN = 2000;
    public static final int YEAR_MAX = 2100;

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    WorkingDays(JdbcClient jdbc, AuditTrail audit, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    /** The calendar with every listed day. */
    @Transactional(readOnly = true)
    public WorkingDayCalendar calendar() {
        Map<LocalDate, DayKind> days = new HashMap<>();
        jdbc.sql("select day, kind from calendar.day order by day limit :max").param("max", DAYS_MAX)
                .query((rs, n) -> days.put(rs.getObject(1, LocalDate.class), DayKind.valueOf(rs.getString(2))))
                .list();
        return new WorkingDayCalendar(days);
    }

    /** The listed days of one year, in date order. */
    @Transactional(readOnly = true)
    public List<CalendarDay> year(int year) {
        if (year < YEAR_MIN || year > YEAR_MAX) {
            throw Rejection.invalid("year", "a year from " + YEAR_MIN + " to " + YEAR_MAX);
        }
        return jdbc.sql("""
                select day, kind, name, changed_by, changed_at from calendar.day
                 where day between :from and :to order by day
                """)
                .param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year, 12, 31))
                .query(WorkingDays::day)
                .list();
    }

    /** OPERATOR: lists a day as a holiday or an adjusted working day (replacing what was listed for it). */
    public CalendarDay set(Actor actor, LocalDate day, DayKind kind, String name) {
        requireOperator(actor);
        if (day == null || day.getYear() < YEAR_MIN || day.getYear() > YEAR_MAX) {
            throw Rejection.invalid("day", "a day from " + YEAR_MIN + " to " + YEAR_MAX);
        }
        if (kind == null) {
            throw Rejection.invalid("kind", "HOLIDAY or WORKDAY");
        }
        String text = name == null ? "" : name.strip();
        if (text.isEmpty() || text.length() > NAME_LENGTH_MAX) {
            throw Rejection.invalid("name", "a name of 1 to " + NAME_LENGTH_MAX + " characters, e.g. 国庆节");
        }
        Optional<CalendarDay> before = find(day);
        jdbc.sql("""
                insert into calendar.day (day, kind, name, changed_by, changed_at) values (:day, :kind, :name, :by, :at)
                on conflict (day) do update set kind = excluded.kind, name = excluded.name,
                    changed_by = excluded.changed_by, changed_at = excluded.changed_at
                """)
                .param("day", day).param("kind", kind.name()).param("name", text).param("by", actor.username())
                .param("at", Timestamp.from(clock.instant()))
                .update();
        CalendarDay after = find(day).orElseThrow();
        audit.record("calendar.day-set", "calendar-day", day, before.orElse(null), after);
        events.publishEvent(new WorkingDayChanged(day, kind, clock.instant()));
        return after;
    }

    /** OPERATOR: unlists a day, so it follows the Monday-to-Friday week again; an unlisted day is "not found". */
    public void remove(Actor actor, LocalDate day) {
        requireOperator(actor);
        CalendarDay before = find(day).orElseThrow(() -> Rejection.notFound("calendar day " + day));
        jdbc.sql("delete from calendar.day where day = :day").param("day", day).update();
        audit.record("calendar.day-removed", "calendar-day", day, before, null);
        events.publishEvent(new WorkingDayChanged(day, null, clock.instant()));
    }

    private Optional<CalendarDay> find(LocalDate day) {
        return jdbc.sql("select day, kind, name, changed_by, changed_at from calendar.day where day = :day")
                .param("day", day)
                .query(WorkingDays::day)
                .optional();
    }

    private static CalendarDay day(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new CalendarDay(rs.getObject(1, LocalDate.class), DayKind.valueOf(rs.getString(2)), rs.getString(3),
                rs.getString(4), rs.getTimestamp(5).toInstant());
    }

    private static void requireOperator(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only platform operators edit the working-day calendar");
        }
    }
}
