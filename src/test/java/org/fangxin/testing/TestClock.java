package org.fangxin.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests move forward (days, months) instead of sleeping. Thread-safe. {@link #shared()} is the clock bean
 * of every test context (whole application or one module): one timeline that only moves forward, because all tests
 * write to one database; {@link TestClockExtension} gives each test class a fresh day of its own on it.
 */
public final class TestClock extends Clock {

    public static final Instant START = Instant.parse("2026-03-02T02:00:00Z");
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** The time of day each test class starts at: {@link #START}'s, in Shanghai (10:00). */
    public static final LocalTime DAY_START = LocalTime.ofInstant(START, SHANGHAI);
    private static final TestClock SHARED = new TestClock(); // after START, which it starts at

    private volatile Instant now;

    /** The one timeline of all test contexts in this JVM. */
    public static TestClock shared() {
        return SHARED;
    }

    public TestClock() {
        this(START);
    }

    public TestClock(Instant start) {
        this.now = start;
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    public synchronized void set(Instant instant) {
        now = instant;
    }

    /**
     * Moves to {@link #DAY_START} on the day (in Shanghai) after the furthest day any test has reached. Each test class
     * starts so: on dates no earlier class used (business days, settlement days, daily limits do not meet another
     * class's data), at a known time of day, whatever the classes before it did with the clock.
     */
    public synchronized Instant startFreshDay() {
        LocalDate next = now.atZone(SHANGHAI).toLocalDate().plusDays(1);
        now = next.atTime(DAY_START).atZone(SHANGHAI).toInstant();
        return now;
    }

    /**
     * Moves forward by whole days to the next Monday (today if it is one) in {@code zone}, keeping the time of day:
     * tests whose timeline runs into a settlement (T+1 pays on business days only) start on a known weekday instead of
     * wherever the tests before them left the shared clock.
     */
    public synchronized void advanceToMonday(ZoneId zone) {
        while (now.atZone(zone).getDayOfWeek() != java.time.DayOfWeek.MONDAY) {
            now = now.plus(Duration.ofDays(1));
        }
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }
}
