package org.fangxin.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * An expected refusal of a command (not a bug): rendered as an RFC 9457 problem on the API and inline on pages.
 * Extra properties (for example which field differs) are added to the problem document.
 *
 * <p>Text in the caller's language: {@code detail} given to the constructor is the English text (logs, tests,
 * English callers). {@link #withMessage} names a message-bundle key (and arguments) for the localized detail; without
 * one, callers in other languages get the problem type's generic detail ({@code problem.<code>.detail}). See
 * docs/architecture.md, "Problem texts".
 */
public class Rejection extends RuntimeException {

    /** Installed localizers, newest last; several exist while tests keep more than one application context alive. */
    private static volatile List<Function<Rejection, String>> localizers = List.of();

    private final transient ProblemType type;
    private final transient Map<String, Object> properties;
    private transient String messageKey;
    private transient Object[] messageArguments = new Object[0];

    public Rejection(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public Rejection(ProblemType type, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.type = type;
        this.properties = Map.copyOf(properties);
    }

    public ProblemType type() {
        return type;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /**
     * Names the message-bundle key of this rejection's detail, e.g. {@code problem.card.sessions-left} with
     * {@code {0}}-style arguments; the English text given to the constructor stays the message for logs.
     */
    public Rejection withMessage(String key, Object... arguments) {
        this.messageKey = Objects.requireNonNull(key, "key");
        this.messageArguments = arguments == null ? new Object[0] : arguments.clone();
        return this;
    }

    /** The bundle key of the detail, or null when only the English detail was given. */
    public String messageKey() {
        return messageKey;
    }

    public Object[] messageArguments() {
        return messageArguments.clone();
    }

    /** The detail in the current request's language (English outside a request or before the context is up). */
    @Override
    public String getLocalizedMessage() {
        List<Function<Rejection, String>> installed = localizers;
        return installed.isEmpty() ? getMessage() : installed.get(installed.size() - 1).apply(this);
    }

    /**
     * Installed by each {@code ProblemTexts}; the newest one localizes. Closing one context removes only its own, so a
     * context that closes (a test's extra application) does not leave the others' rejections in English.
     */
    static synchronized void localizeWith(Function<Rejection, String> function) {
        List<Function<Rejection, String>> installed = new ArrayList<>(localizers);
        installed.add(function);
        localizers = List.copyOf(installed);
    }

    static synchronized void stopLocalizingWith(Function<Rejection, String> function) {
        List<Function<Rejection, String>> installed = new ArrayList<>(localizers);
        installed.remove(function);
        localizers = List.copyOf(installed);
    }

    public static Rejection notFound(String what) {
        return new Rejection(ProblemType.NOT_FOUND, what + " not found");
    }

    public static Rejection invalid(String field, String detail) {
        return new Rejection(ProblemType.INVALID_INPUT, detail, Map.of("field", field));
    }
}
