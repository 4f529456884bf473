package org.fangxin.shared.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo profile's clock (time travel, issue 13): the system clock plus an offset that an operator moves forward, kept
 * in {@code platform.clock} so that a restart and a second instance keep the same time (re-read at most every
 * {@link #REFRESH_INTERVAL}). It never goes back. Outside the demo profile the application has no such bean and runs on
 * the system clock.
 */
public final class PlatformClock extends Clock {

    /** How stale another instance's view of the offset may be. */
    public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(PlatformClock.class);

    private final Clock system;
    private final JdbcClient jdbc;
    private volatile long offsetMillis;
    private volatile long refreshedAtNanos;

    public PlatformClock(Clock system, JdbcClient jdbc) {
        this.system = system;
        this.jdbc = jdbc;
        // stale from the start (Long.MIN_VALUE would overflow the age check and never read the stored offset)
        this.refreshedAtNanos = System.nanoTime() - 2 * REFRESH_INTERVAL.toNanos();
    }

    @Override
    public Instant instant() {
        refreshIfStale();
        return system.instant().plusMillis(offsetMillis);
    }

    /** How far the platform runs ahead of the system clock. */
    public Duration offset() {
        refreshIfStale();
        return Duration.ofMillis(offsetMillis);
    }

    /** Moves the platform forward (never back) and records who did it; other instances follow within a second. */
    public synchronized Instant advance(Duration step, String by) {
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("the platform clock only moves forward: " + step);
        }
        refresh();
        long next = Math.addExact(offsetMillis, step.toMillis());
        jdbc.sql("""
                insert into platform.clock (id, offset_millis, advanced_at, advanced_by) values (1, :offset, :at, :by)
                on conflict (id) do update set offset_millis = greatest(platform.clock.offset_millis, excluded.offset_millis),
                       advanced_at = excluded.advanced_at, advanced_by = excluded.advanced_by
                """)
                .param("offset", next).param("at", java.sql.Timestamp.from(system.instant())).param("by", by).update();
        offsetMillis = next;
        refreshedAtNanos = System.nanoTime();
        return instant();
    }

    private void refreshIfStale() {
        if (System.nanoTime() - refreshedAtNanos > REFRESH_INTERVAL.toNanos()) {
            refresh();
        }
    }

    private void refresh() {
        try {
            long stored = jdbc.sql("select coalesce(max(offset_millis), 0) from platform.clock").query(Long.class).single();
            offsetMillis = Math.max(offsetMillis, stored);
        } catch (RuntimeException e) {
            log.debug("platform clock offset not readable yet (before migrations?): {}", e.toString());
        }
        refreshedAtNanos = System.nanoTime();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
