package org.fangxin.identity;

import java.util.List;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Service;

/** Read access to the shared audit trail: operators and regulators (read-only), nobody else. */
@Service
public class AuditLog {

    static final int FILTER_LENGTH_MAX = 100;

    private final AuditTrail trail;

    AuditLog(AuditTrail trail) {
        this.trail = trail;
    }

    /** The newest entries, optionally of one object type and object; {@code limit} is 1 to {@value AuditTrail#PAGE_SIZE_MAX}. */
    public List<AuditTrail.Entry> history(Actor actor, String objectType, String objectId, int limit) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators and regulators read the audit trail");
        }
        if (actor.scoped()) {
            // The trail is not yet filtered by region and sector (issue 11): a limited regulator may not read all of it.
            throw new Rejection(ProblemType.FORBIDDEN, "a regulator of one region or sector reads the audit trail of its "
                    + "merchants once the audit page filters by scope");
        }
        if (limit < 1 || limit > AuditTrail.PAGE_SIZE_MAX) {
            throw Rejection.invalid("limit", "limit must be 1 to " + AuditTrail.PAGE_SIZE_MAX);
        }
        return trail.history(blankToNull(objectType, "objectType"), blankToNull(objectId, "objectId"), limit);
    }

    private static String blankToNull(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > FILTER_LENGTH_MAX) {
            throw Rejection.invalid(field, field + " must be at most " + FILTER_LENGTH_MAX + " characters");
        }
        return value.trim();
    }
}
