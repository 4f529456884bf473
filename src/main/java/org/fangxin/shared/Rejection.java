package org.fangxin.shared;

import java.util.Map;

/**
 * An expected refusal of a command (not a bug): rendered as an RFC 9457 problem on the API and inline on pages.
 * Extra properties (for example which field differs) are added to the problem document.
 */
public class Rejection extends RuntimeException {

    private final transient ProblemType type;
    private final transient Map<String, Object> properties;

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

    public static Rejection notFound(String what) {
        return new Rejection(ProblemType.NOT_FOUND, what + " not found");
    }

    public static Rejection invalid(String field, String detail) {
        return new Rejection(ProblemType.INVALID_INPUT, detail, Map.of("field", field));
    }
}
