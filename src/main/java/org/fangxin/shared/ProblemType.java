package org.fangxin.shared;

import java.util.Objects;

/**
 * A published kind of rejection: a stable slug (the problem's {@code code} and the last segment of its type URI)
 * and the HTTP status it answers with. Slugs are catalogued in docs/api/problems.md and never renamed.
 */
public record ProblemType(String slug, int status) {

    public static final ProblemType NOT_FOUND = new ProblemType("not-found", 404);
    public static final ProblemType INVALID_INPUT = new ProblemType("invalid-input", 400);
    public static final ProblemType IDEMPOTENCY_KEY_REUSED = new ProblemType("idempotency-key-reused", 409);
    public static final ProblemType IDEMPOTENCY_KEY_MISSING = new ProblemType("idempotency-key-missing", 400);
    public static final ProblemType FORBIDDEN = new ProblemType("forbidden", 403);
    public static final ProblemType CONFLICT = new ProblemType("conflict", 409);

    public ProblemType {
        Objects.requireNonNull(slug, "slug");
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a rejection is a 4xx answer: " + status);
        }
    }
}
