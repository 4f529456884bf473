package org.fangxin.shared.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How people see times: every instant in one zone ({@code fangxin.display.zone}, Asia/Shanghai) and one format
 * ({@code yyyy-MM-dd HH:mm}; days {@code yyyy-MM-dd}). Pages reach it as {@code #times} (see TimesDialect), so no
 * page shows the server's own zone or a second format.
 */
@Component
public class DisplayTime {

    public static final String AT_PATTERN = "yyyy-MM-dd HH:mm";
    public static final String DAY_PATTERN = "yyyy-MM-dd";

    private final ZoneId zone;
    private final DateTimeFormatter at;
    private final DateTimeFormatter day;
    private final DateTimeFormatter clock;

    public DisplayTime(@Value("${fangxin.display.zone:Asia/Shanghai}") ZoneId zone) {
        this.zone = zone;
        this.at = DateTimeFormatter.ofPattern(AT_PATTERN).withZone(zone);
        this.day = DateTimeFormatter.ofPattern(DAY_PATTERN).withZone(zone);
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    }

    public ZoneId zone() {
        return zone;
    }

    /** An instant (or a zoned/offset date-time) as {@code yyyy-MM-dd HH:mm} in the display zone; a date as its day. */
    public String at(TemporalAccessor time) {
        if (time == null) {
            return "";
        }
        if (time instanceof LocalDate date) {
            return day.format(date);
        }
        return at.format(instant(time));
    }

    /** The day of an instant in the display zone, or a date as it is. */
    public String day(TemporalAccessor time) {
        if (time == null) {
            return "";
        }
        return time instanceof LocalDate date ? day.format(date) : day.format(instant(time));
    }

    /** The time of day ({@code HH:mm:ss}), for short-lived things such as a redemption code's expiry. */
    public String clock(TemporalAccessor time) {
        return time == null ? "" : clock.format(instant(time));
    }

    private static Instant instant(TemporalAccessor time) {
        if (time instanceof Instant instant) {
            return instant;
        }
        if (time instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        return Instant.from(time);
    }
}
