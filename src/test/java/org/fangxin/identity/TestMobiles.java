package org.fangxin.identity;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Unique mobile numbers for tests, and the code of the newest SMS to a number (read from the demo outbox). */
final class TestMobiles {

    private static final AtomicLong SEQUENCE = new AtomicLong((System.nanoTime() / 1000) % 50_000_000);
    private static final Pattern CODE = Pattern.compile("验证码 (\\d{6})");

    private TestMobiles() {
    }

    static String next() {
        return String.format("139%08d", SEQUENCE.incrementAndGet() % 100_000_000);
    }

    static String latestCode(SmsOutbox outbox, String mobile) {
        var messages = outbox.recent(mobile, 1);
        if (messages.isEmpty()) {
            throw new AssertionError("no SMS to " + mobile);
        }
        Matcher matcher = CODE.matcher(messages.get(0).body());
        if (!matcher.find()) {
            throw new AssertionError("no code in " + messages.get(0).body());
        }
        return matcher.group(1);
    }

    static String otherThan(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }
}
