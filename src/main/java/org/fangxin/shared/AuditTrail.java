package org.fangxin.shared;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who did what, when, with the state before and after: written in the transaction of the change it records, and
 * sealed into a hash chain right after it commits ({@link AuditChain}). Only state changes are recorded: reading
 * anything, the audit trail included, never writes an entry.
 */
@Service
public class AuditTrail {

    public static final int PAGE_SIZE_MAX = 200;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final IdGenerator ids;
    private final AuditSealer sealer;
    private final DeferredStatements deferred;

    AuditTrail(JdbcClient jdbc, JsonMapper json, Clock clock, IdGenerator ids, AuditSealer sealer,
               DeferredStatements deferred) {
        this.jdbc = jdbc;
        this.deferred = deferred;
        this.json = json;
        this.clock = clock;
        this.ids = ids;
        this.sealer = sealer;
    }

    /** One entry; {@code chainPosition} and {@code hash} are null until it is sealed into the chain (seconds). */
    public record Entry(UUID id, Instant occurredAt, String actor, String action, String objectType, String objectId,
                        String before, String after, String requestId, Long chainPosition, String hash) { }

    /**
     * Records a state change; {@code before} is null for a creation. Must run inside the change's transaction; inside
     * {@link DeferredStatements#sendTogether} the entry is written with the command's last statements.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String objectType, Object objectId, Object before, Object after) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", ids.next());
        params.put("at", Timestamp.from(clock.instant()));
        params.put("actor", currentActor());
        params.put("action", action);
        params.put("type", objectType);
        params.put("objectId", String.valueOf(objectId));
        params.put("before", before == null ? null : json.writeValueAsString(before));
        params.put("after", after == null ? null : json.writeValueAsString(after));
        params.put("requestId", MDC.get("requestId"));
        deferred.defer("""
                insert into audit.entry (id, occurred_at, actor, action, object_type, object_id, before, after, request_id)
                values (:id, :at, :actor, :action, :type, :objectId, cast(:before as jsonb), cast(:after as jsonb), :requestId)
                """, params, 1, () -> new IllegalStateException("audit entry " + action + " of " + objectType + " " + objectId
                + " not written"));
        sealer.afterCommit();
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
        sealer.afterCommit();
    }

    /** One object's change by its own actor and request, for {@link #recordEach}. */
    public record ChangeBy(String actor, String requestId, Object objectId, Object before, Object after) { }

    /**
     * {@link #record} for the changes of several requests made in one transaction (a group commit of redemptions): one
     * statement, deferred as {@link #record}'s, each entry with its own actor and request id.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordEach(String action, String objectType, List<ChangeBy> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("ids", changes.stream().map(c -> ids.next()).toArray(UUID[]::new));
        params.put("actors", changes.stream().map(ChangeBy::actor).toArray(String[]::new));
        params.put("requestIds", changes.stream().map(ChangeBy::requestId).toArray(String[]::new));
        params.put("objectIds", changes.stream().map(c -> String.valueOf(c.objectId())).toArray(String[]::new));
        params.put("befores", changes.stream().map(c -> c.before() == null ? null : json.writeValueAsString(c.before()))
                .toArray(String[]::new));
        params.put("afters", changes.stream().map(c -> c.after() == null ? null : json.writeValueAsString(c.after()))
                .toArray(String[]::new));
        params.put("at", Timestamp.from(clock.instant()));
        params.put("action", action);
        params.put("type", objectType);
        deferred.defer("""
                insert into audit.entry (id, occurred_at, actor, action, object_type, object_id, before, after, request_id)
                select c.id, :at, c.actor, :action, :type, c.object_id, cast(c.before as jsonb), cast(c.after as jsonb), c.request_id
                  from unnest(cast(:ids as uuid[]), cast(:actors as text[]), cast(:requestIds as text[]),
                              cast(:objectIds as text[]), cast(:befores as text[]), cast(:afters as text[]))
                       as c(id, actor, request_id, object_id, before, after)
                """, params, changes.size(), () -> new IllegalStateException(changes.size() + " audit entries " + action
                + " of " + objectType + " not written"));
        sealer.afterCommit();
    }

    /** The newest entries for one object (or all objects when objectId is null), newest first. */
    public List<Entry> history(String objectType, String objectId, int limit) {
        return search(new AuditQuery(null, null, objectType, objectId, null, null, null), 0, Math.min(Math.max(limit, 1), PAGE_SIZE_MAX));
    }

    /** One page of the entries that match, newest first (offset counts entries; limit at most {@value #PAGE_SIZE_MAX}). */
    public List<Entry> search(AuditQuery query, int offset, int limit) {
        int size = Math.min(Math.max(limit, 1), PAGE_SIZE_MAX);
        return withSeals(where(jdbc.sql(SELECT + WHERE + " order by e.occurred_at desc, e.id desc offset :offset limit :size"), query)
                .param("offset", Math.max(offset, 0)).param("size", size)
                .query(AuditTrail::unsealed).list());
    }

    /**
     * Every entry that matches, newest first, at most {@code limit}, handed to {@code sink} one by one as the
     * database returns them (for exports: memory stays flat whatever the count; seals are looked up a page at a
     * time). Runs in a read-only transaction so the driver can fetch in chunks.
     */
    @Transactional(readOnly = true)
    public void stream(AuditQuery query, int limit, java.util.function.Consumer<Entry> sink) {
        List<Unsealed> page = new ArrayList<>(PAGE_SIZE_MAX);
        try (var rows = where(jdbc.sql(SELECT + WHERE + " order by e.occurred_at desc, e.id desc limit :size"), query)
                .withFetchSize(500).param("size", limit).query(AuditTrail::unsealed).stream()) {
            rows.forEach(row -> {
                page.add(row);
                if (page.size() == PAGE_SIZE_MAX) {
                    withSeals(page).forEach(sink);
                    page.clear();
                }
            });
        }
        withSeals(page).forEach(sink);
    }

    /** An entry as read, before its seal is looked up, with the transaction that wrote it (where its batch is found). */
    private record Unsealed(Entry entry, long xact) { }

    /** The entries with their positions and hashes ({@code audit.seal_of}: one look-up for the page). */
    private List<Entry> withSeals(List<Unsealed> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, Entry> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r.entry().id(), r.entry()));
        jdbc.sql("select entry_id, chain_position, encode(hash, 'hex') from audit.seal_of(cast(:ids as uuid[]), cast(:xacts as bigint[]))")
                .param("ids", rows.stream().map(r -> r.entry().id()).toArray(UUID[]::new))
                .param("xacts", rows.stream().mapToLong(Unsealed::xact).toArray())
                .query((rs, n) -> {
                    long position = rs.getLong(2);
                    String hash = rs.getString(3);
                    return byId.computeIfPresent(rs.getObject(1, UUID.class), (id, e) -> new Entry(id, e.occurredAt(),
                            e.actor(), e.action(), e.objectType(), e.objectId(), e.before(), e.after(), e.requestId(),
                            position, hash));
                }).list();
        return rows.stream().map(r -> byId.get(r.entry().id())).toList();
    }

    private static final String SELECT = """
            select e.id, e.occurred_at, e.actor, e.action, e.object_type, e.object_id, e.before::text, e.after::text,
                   e.request_id, cast(e.xact as text)
              from audit.entry e
            """;
    private static final String WHERE = """
             where (cast(:actor as text) is null or actor = :actor)
               and (cast(:action as text) is null or action = :action)
               and (cast(:type as text) is null or object_type = :type)
               and (cast(:objectId as text) is null or object_id = :objectId)
               and (cast(:from as timestamptz) is null or occurred_at >= :from)
               and (cast(:to as timestamptz) is null or occurred_at < :to)
               and (cast(:scoped as boolean) is not true or object_id = any(cast(:scope as text[])))
            """;

    private static JdbcClient.StatementSpec where(JdbcClient.StatementSpec statement, AuditQuery query) {
        return statement.param("actor", query.actor()).param("action", query.action()).param("type", query.objectType())
                .param("objectId", query.objectId())
                .param("from", query.from() == null ? null : Timestamp.from(query.from()))
                .param("to", query.to() == null ? null : Timestamp.from(query.to()))
                .param("scoped", query.objectIds() != null)
                .param("scope", query.objectIds() == null ? new String[0] : query.objectIds().toArray(String[]::new));
    }

    private static Unsealed unsealed(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Unsealed(new Entry(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                null, null), Long.parseLong(rs.getString(10)));
    }

    private static String currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }
}
