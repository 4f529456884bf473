package org.fangxin.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * A message to one user as a message key and its arguments, so the inbox shows it in the reader's language (ADR 11).
 * {@code key} names {@code <key>.subject} and {@code <key>.body} in the sending module's bundle; {@code dedupKey}
 * (derived from the event that caused the notice) makes a second send of the same notice a no-op; {@code at} is
 * when it happened.
 */
public record Notice(UUID userId, String key, List<String> arguments, String dedupKey, Instant at) {

    public static final int ARGUMENTS_MAX = 10;
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public Notice {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(at, "at");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a notice needs a message key");
        }
        if (arguments.size() > ARGUMENTS_MAX) {
            throw new IllegalArgumentException("at most " + ARGUMENTS_MAX + " arguments: " + key);
        }
        arguments = List.copyOf(arguments);
    }

    /**
     * A notice whose arguments are rendered once, the same in every language: {@link Money} as {@code ¥1,600.00},
     * dates ISO, instants as Asia/Shanghai {@code yyyy-MM-dd HH:mm}, null as empty, a {@link Term} as a reference the
     * inbox renders in the reader's language, anything else by {@code toString}.
     */
    public static Notice of(UUID userId, String key, String dedupKey, Instant at, Object... arguments) {
        return new Notice(userId, key, Arrays.stream(arguments).map(Notice::render).toList(), dedupKey, at);
    }

    /** An argument that is itself a word of the bundles (a stage, an outcome), shown in the reader's language. */
    public static Term term(String key) {
        return new Term(key);
    }

    /** A message key used as an argument; stored as {@code #{key}}. */
    public record Term(String key) {
        static final String PREFIX = "#{";

        public Term {
            if (key == null || !key.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("a term is a message key: " + key);
            }
        }

        /** The key of a stored argument that is a term, or null. */
        static String keyOf(String stored) {
            return stored.startsWith(PREFIX) && stored.endsWith("}") ? stored.substring(PREFIX.length(), stored.length() - 1)
                    : null;
        }
    }

    static String render(Object argument) {
        if (argument == null) {
            return "";
        }
        if (argument instanceof Term term) {
            return Term.PREFIX + term.key() + "}";
        }
        if (argument instanceof Money money) {
            return money.format();
        }
        if (argument instanceof Instant instant) {
            return MINUTES.format(instant.atZone(ZONE));
        }
        if (argument instanceof LocalDate date) {
            return date.toString();
        }
        return argument.toString();
    }
}
