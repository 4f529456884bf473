package org.fangxin.shared;

import java.time.Instant;
import java.util.List;

/**
 * Which audit entries to read: each criterion is optional (null = any). {@code from} is inclusive, {@code to}
 * exclusive. {@code objectIds}, when not null, limits the entries to those objects: the hook a scoped reader (a
 * regional regulator, later the oversight module) uses to see only the objects in its scope.
 */
public record AuditQuery(String actor, String action, String objectType, String objectId, Instant from, Instant to,
                         List<String> objectIds) {

    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null, null);

    public AuditQuery {
        objectIds = objectIds == null ? null : List.copyOf(objectIds);
    }

    /** The same query limited to these objects (the intersection, when it is limited already). */
    public AuditQuery within(List<String> scope) {
        List<String> limited = objectIds == null ? scope : objectIds.stream().filter(scope::contains).toList();
        return new AuditQuery(actor, action, objectType, objectId, from, to, limited);
    }
}
