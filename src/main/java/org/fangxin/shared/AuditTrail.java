package org.fangxin.shared;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Who did what, when, with the state before and after: written in the transaction of the change it records. */
@Service
public class AuditTrail {

    public static final int PAGE_SIZE_MAX = 200;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final IdGenerator ids;

    public AuditTrail(JdbcClient jdbc, JsonMapper json, Clock clock, IdGenerator ids) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.ids = ids;
    }

    public record Entry(UUID id, Instant occurredAt, String actor, String action, String objectType, String objectId,
                        String before, String after, String requestId) { }

    /** Records a state change; {@code before} is null for a creation. Must run inside the change's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String objectType, Object objectId, Object before, Object after) {
        jdbc.sql("""
                insert into audit.entry (id, occurred_at, actor, action, object_type, object_id, before, after, request_id)
                values (:id, :at, :actor, :action, :type, :objectId, cast(:before as jsonb), cast(:after as jsonb), :requestId)
                """)
                .param("id", ids.next())
                .param("at", Timestamp.from(clock.instant()))
                .param("actor", currentActor())
                .param("action", action)
                .param("type", objectType)
                .param("objectId", String.valueOf(objectId))
                .param("before", before == null ? null : json.writeValueAsString(before))
                .param("after", after == null ? null : json.writeValueAsString(after))
                .param("requestId", MDC.get("requestId"))
                .update();
    }

    /** One object's change for {@link #recordAll}. */
    public record Change(Object objectId, Object before, Object after) { }

    /** {@link #record} for many objects changed by one action, in one statement (bulk jobs). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(String action, String objectType, List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into audit.entry (id, occurred_at, actor, action, object_type, object_id, before, after, request_id)
                select c.id, :at, :actor, :action, :type, c.object_id, cast(c.before as jsonb), cast(c.after as jsonb), :requestId
                  from unnest(:ids, :objectIds, :befores, :afters) as c(id, object_id, before, after)
                """)
                .param("ids", changes.stream().map(c -> ids.next()).toArray(UUID[]::new))
                .param("objectIds", changes.stream().map(c -> String.valueOf(c.objectId())).toArray(String[]::new))
                .param("befores", changes.stream().map(c -> c.before() == null ? null : json.writeValueAsString(c.before()))
                        .toArray(String[]::new))
                .param("afters", changes.stream().map(c -> c.after() == null ? null : json.writeValueAsString(c.after()))
                        .toArray(String[]::new))
                .param("at", Timestamp.from(clock.instant()))
                .param("actor", currentActor())
                .param("action", action)
                .param("type", objectType)
                .param("requestId", MDC.get("requestId"))
                .update();
    }

    /** The newest entries for one object (or all objects when objectId is null), newest first. */
    public List<Entry> history(String objectType, String objectId, int limit) {
        int size = Math.min(Math.max(limit, 1), PAGE_SIZE_MAX);
        return jdbc.sql("""
                select id, occurred_at, actor, action, object_type, object_id, before::text, after::text, request_id
                  from audit.entry
                 where (cast(:type as text) is null or object_type = :type)
                   and (cast(:objectId as text) is null or object_id = :objectId)
                 order by occurred_at desc, id desc
                 limit :size
                """)
                .param("type", objectType).param("objectId", objectId).param("size", size)
                .query((rs, n) -> new Entry(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)))
                .list();
    }

    private static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }
}
