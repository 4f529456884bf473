package org.fangxin.shared;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client-supplied idempotency keys (the {@code Idempotency-Key} header). A command's key is held by a
 * transaction-scoped advisory lock on its hash, then looked up; a stored answer is replayed, else the command runs and
 * its key's row is written once, with the answer, in the command's transaction, so a command and its recorded answer
 * commit or vanish together. A concurrent retry waits on the lock and then replays the first answer. A rejected
 * command rolls back and leaves no key behind, so a corrected retry can pass (ADR 5).
 * <p>Every command takes this one path (issue 15, session 14: the other commands used to insert the key first as in
 * flight and then update it with the answer, two row versions of the request's JSON). The commands sent together (a
 * redemption, a purchase order) and the group commit's claims send the lock, the look-up and the row with their other
 * statements ({@link DeferredStatements}); the others send them as direct statements. A row still in flight (status
 * null), which only an instance of before session 14 writes, is answered 409.
 */
@Service
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int KEY_LENGTH_MAX = 200;
    private static final Pattern KEY_FORMAT = Pattern.compile("[\\x21-\\x7E]{1," + KEY_LENGTH_MAX + "}");

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final DeferredStatements deferred;

    public Idempotency(JdbcClient jdbc, JsonMapper json, Clock clock, TransactionTemplate transaction,
                       DeferredStatements deferred) {
        this.deferred = deferred;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.transaction = transaction;
    }

    /**
     * What a command answered: an HTTP status and a JSON body; {@code replayed} when it came from the key store;
     * {@code resourceId} the object it created or acted on when the command names one (stored with the key, so a step
     * after the commit finds it on a replay without reading the stored body).
     */
    public record Answer(int status, Object body, boolean replayed, UUID resourceId) {
        public Answer(int status, Object body, boolean replayed) {
            this(status, body, replayed, null);
        }

        public static Answer of(int status, Object body) {
            return new Answer(status, body, false);
        }

        /** This answer, about the object {@code id}. */
        public Answer about(UUID id) {
            return new Answer(status, body, replayed, id);
        }

        /** The HTTP answer, telling the client with {@value #REPLAYED_HEADER} whether it is a replay. */
        public ResponseEntity<Object> toResponse() {
            return ResponseEntity.status(status).header(REPLAYED_HEADER, String.valueOf(replayed)).body(body);
        }
    }

    /**
     * Runs {@code command} once per (scope, key). Without a key the command simply runs, unless {@code required}.
     *
     * @param scope who the key belongs to (the authenticated user), so two clients never collide
     * @param request the parsed request; its canonical JSON is hashed to detect a key reused for another request
     */
    @Transactional
    public Answer execute(String scope, String key, boolean required, Object request, Supplier<Answer> command) {
        return execute(scope, key, required, request, command, false);
    }

    /**
     * {@link #execute(String, String, boolean, Object, Supplier)} sending the command's deferred statements
     * ({@link DeferredStatements}: its audit entries, its last writes, its checks) and the recorded answer together in
     * one round trip at the command's end (issue 15: a redemption's hot path). For commands that never roll back a
     * savepoint of their own and carry on.
     */
    @Transactional
    public Answer executeSendingTogether(String scope, String key, boolean required, Object request, Supplier<Answer> command) {
        return execute(scope, key, required, request, command, true);
    }

    private Answer execute(String scope, String key, boolean required, Object request, Supplier<Answer> command,
                           boolean together) {
        if (key == null || key.isBlank()) {
            if (required) {
                throw new Rejection(ProblemType.IDEMPOTENCY_KEY_MISSING,
                        "this request moves money: send an Idempotency-Key header and reuse it on every retry");
            }
            return together ? deferred.sendTogether(command) : command.get();
        }
        if (!KEY_FORMAT.matcher(key).matches()) {
            throw Rejection.invalid(HEADER, "Idempotency-Key must be 1 to " + KEY_LENGTH_MAX + " visible ASCII characters");
        }
        JsonNode requestJson = json.valueToTree(request == null ? Map.of() : request);
        String requestText = json.writeValueAsString(requestJson);
        String hash = sha256(requestText);
        Pending pending = new Pending(scope, key, hash, requestText, clock.instant());
        if (together) {
            return deferred.sendTogether(() -> {
                Stored stored = lockAndFind(List.of(scope), List.of(key)).get(List.of(scope, key));
                if (stored != null) {
                    return replay(stored, key, hash, requestJson);
                }
                Answer answer = command.get();
                recordAll(List.of(pending), List.of(answer));
                return answer;
            });
        }
        Stored stored = holdAndFind(scope, key);
        if (stored != null) {
            return replay(stored, key, hash, requestJson);
        }
        Answer answer = command.get();
        record(pending, answer);
        return answer;
    }

    /** The held key's lock, one expression for both paths, so that they hold a key against each other. */
    private static String heldKeyLock(String scope, String key) {
        return "pg_advisory_xact_lock(hashtextextended('idempotency:' || " + scope + " || ':' || " + key + ", 0))";
    }

    /**
     * {@link #lockAndFind} for one key of a command that is not sent together, in direct statements of shapes that
     * ShardingSphere's parser accepts (unrouted work in the sharded profile, ADR 12 §8a): such a command may roll back
     * a savepoint of its own and carry on, and may run through a data source that refuses several statements in one.
     * The lock is the one {@link #lockAndFind} takes, so the two paths hold a key against each other.
     */
    private Stored holdAndFind(String scope, String key) {
        jdbc.sql("select " + heldKeyLock("cast(:scope as text)", "cast(:key as text)"))
                .param("scope", scope).param("key", key).query().singleRow();
        return jdbc.sql("select " + STORED_COLUMNS + " from idempotency.request where scope = :scope and key = :key")
                .param("scope", scope).param("key", key).query((rs, n) -> stored(rs)).optional().orElse(null);
    }

    /**
     * Writes a key held by {@link #holdAndFind} with its command's answer, at once. A key stored meanwhile by an instance
     * that still claims before the command (status null until its answer, the form before issue 15's session 14) fails
     * the command (409) rather than answering twice.
     */
    private void record(Pending key, Answer answer) {
        int written = jdbc.sql("""
                insert into idempotency.request (scope, key, request_sha256, request_body, created_at, status, response_body,
                                                 resource_id)
                values (:scope, :key, :hash, cast(:request as jsonb), :at, :status, cast(:body as jsonb), :resource)
                on conflict (scope, key) do nothing
                """)
                .param("scope", key.scope()).param("key", key.key()).param("hash", key.hash())
                .param("request", key.request()).param("at", java.sql.Timestamp.from(key.at()))
                .param("status", answer.status())
                .param("body", answer.body() == null ? null : json.writeValueAsString(answer.body()))
                .param("resource", answer.resourceId())
                .update();
        if (written != 1) {
            throw answeredMeanwhile();
        }
    }

    private static Rejection answeredMeanwhile() {
        return new Rejection(ProblemType.CONFLICT,
                "a request with this Idempotency-Key was answered meanwhile: retry it to get that answer");
    }

    /** A key's stored row. */
    private record Stored(String hash, String request, Integer status, String response, UUID resource) { }

    private static final String STORED_COLUMNS = "request_sha256, request_body::text, status, response_body::text, resource_id";

    private static Stored stored(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Stored(rs.getString("request_sha256"), rs.getString("request_body"), (Integer) rs.getObject("status"),
                rs.getString("response_body"), rs.getObject("resource_id", UUID.class));
    }

    /**
     * Holds the keys (scope, key pairs, in the caller's order: sorted, so that two batches queue instead of deadlocking)
     * until the transaction ends, then finds those already stored, in one round trip. The lock comes first and the
     * look-up is its own statement, so it sees a row that a concurrent holder of the key committed while this one waited.
     */
    private Map<List<String>, Stored> lockAndFind(List<String> scopes, List<String> keys) {
        Map<String, Object> params = Map.of("scopes", scopes.toArray(String[]::new), "keys", keys.toArray(String[]::new));
        deferred.defer("select " + heldKeyLock("c.scope", "c.key")
                + " from unnest(cast(:scopes as text[]), cast(:keys as text[])) as c(scope, key)", params, scopes.size(), () -> new IllegalStateException("idempotency keys not locked"));
        Map<List<String>, Stored> found = new HashMap<>();
        // each key looked up by the whole primary key (a LIMIT keeps the sub-select from being joined away): with
        // `scope = any(…) and key = any(…)` a plan cached on early statistics read every row of the caller's scope,
        // ~670 buffers per group commit batch of one staff member's redeems in the lead's profile (session 13)
        deferred.queryAfterHeld("select c.scope, c.key, r.* from unnest(cast(:scopes as text[]), cast(:keys as text[]))"
                        + " as c(scope, key) cross join lateral (select " + STORED_COLUMNS + " from idempotency.request q"
                        + " where q.scope = c.scope and q.key = c.key limit 1) r", params,
                (rs, n) -> found.put(List.of(rs.getString("scope"), rs.getString("key")), stored(rs)));
        return found;
    }

    /** A key held by {@link #lockAndFind} and not stored yet: its row is written once, with its command's answer. */
    private record Pending(String scope, String key, String hash, String request, java.time.Instant at) { }

    /**
     * Writes held keys with their answers, in one statement (deferred: sent with the command's last writes). A key
     * stored meanwhile by an instance that claims without the lock (before session 14) fails the command (409) rather
     * than answering twice.
     */
    private void recordAll(List<Pending> keys, List<Answer> answers) {
        Map<String, Object> params = new HashMap<>();
        params.put("scopes", keys.stream().map(Pending::scope).toArray(String[]::new));
        params.put("keys", keys.stream().map(Pending::key).toArray(String[]::new));
        params.put("hashes", keys.stream().map(Pending::hash).toArray(String[]::new));
        params.put("requests", keys.stream().map(Pending::request).toArray(String[]::new));
        params.put("ats", keys.stream().map(k -> java.sql.Timestamp.from(k.at())).toArray(java.sql.Timestamp[]::new));
        params.put("statuses", answers.stream().map(Answer::status).toArray(Integer[]::new));
        params.put("bodies", answers.stream()
                .map(a -> a.body() == null ? null : json.writeValueAsString(a.body())).toArray(String[]::new));
        params.put("resources", answers.stream().map(Answer::resourceId).toArray(UUID[]::new));
        deferred.defer("""
                insert into idempotency.request (scope, key, request_sha256, request_body, created_at, status, response_body,
                                                 resource_id)
                select a.scope, a.key, a.hash, cast(a.request as jsonb), a.at, a.status, cast(a.body as jsonb), a.resource
                  from unnest(cast(:scopes as text[]), cast(:keys as text[]), cast(:hashes as text[]), cast(:requests as text[]),
                              cast(:ats as timestamptz[]), cast(:statuses as int[]), cast(:bodies as text[]),
                              cast(:resources as uuid[])) as a(scope, key, hash, request, at, status, body, resource)
                on conflict (scope, key) do nothing
                """, params, keys.size(), Idempotency::answeredMeanwhile);
    }

    private Answer replay(Stored stored, String key, String hash, JsonNode requestJson) {
        if (!stored.hash().equals(hash)) {
            String field = firstDifference(json.readTree(stored.request()), requestJson).orElse("body");
            throw new Rejection(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key '" + key + "' was already used for a different request (field '" + field + "' differs)",
                    Map.of("field", field));
        }
        if (stored.status() == null) {
            throw new Rejection(ProblemType.CONFLICT, "the request with this Idempotency-Key is still being processed");
        }
        Object body = stored.response() == null ? null : json.readTree(stored.response());
        return new Answer(stored.status(), body, true, stored.resource());
    }

    /**
     * {@link #execute} for a command with a second step that must run after its commit, outside any transaction (a call
     * to a payment provider): the key, the command and its answer commit first; then {@code afterCommit} turns the
     * answer into the one sent. A replay (a retry, or a concurrent request with the same key that waited for the first
     * commit) runs {@code afterCommit} on the stored answer too, so it finishes a step that failed or is still running;
     * the step must therefore be idempotent.
     */
    public Answer execute(String scope, String key, boolean required, Object request, Supplier<Answer> command,
                          UnaryOperator<Answer> afterCommit) {
        return executeThenAfterCommit(scope, key, required, request, command, afterCommit, false);
    }

    /**
     * {@link #execute(String, String, boolean, Object, Supplier, UnaryOperator)} whose command's deferred statements
     * (its audit entries) and recorded answer go in one round trip, as with {@link #executeSendingTogether}: for a
     * command routed to its merchant's database (a purchase order; in the sharded profile, work not routed to a shard
     * goes through ShardingSphere, whose parser refuses several statements in one, ADR 12 §8a) that never rolls back a
     * savepoint of its own and carries on.
     */
    public Answer executeSendingTogether(String scope, String key, boolean required, Object request,
                                         Supplier<Answer> command, UnaryOperator<Answer> afterCommit) {
        return executeThenAfterCommit(scope, key, required, request, command, afterCommit, true);
    }

    private Answer executeThenAfterCommit(String scope, String key, boolean required, Object request,
                                          Supplier<Answer> command, UnaryOperator<Answer> afterCommit, boolean together) {
        OutsideTransaction.require("a command with a step after its commit");
        Answer committed = transaction.execute(status -> execute(scope, key, required, request, command, together));
        return afterCommit.apply(committed);
    }

    /** A command of a group commit: its key's scope, its key and its parsed request. */
    public record Claim(String scope, String key, Object request) { }

    /**
     * What {@link #claimAll} found for one command: {@code CLAIMED} (run it; record its answer or release its key),
     * {@code REPLAYED} (the stored {@code answer}), {@code REFUSED} (its {@code refusal}: key missing, malformed or
     * reused for another request), {@code DUPLICATE} (an earlier command of the same batch has its key: run it after
     * the batch commits, as a retry).
     */
    public record Claimed(Status status, Answer answer, RuntimeException refusal) {
        public enum Status { CLAIMED, REPLAYED, REFUSED, DUPLICATE }
    }

    /**
     * Claims the keys of many commands (a group commit) in one round trip, holding them in (scope, key) order so that
     * two batches claiming the same keys queue instead of deadlocking; a key already answered is replayed as by
     * {@link #execute}. Nothing is written yet: the caller records each claimed command's answer ({@link #answerAll},
     * which writes its key's row) or releases its key ({@link #releaseAll}) in the same transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Claimed> claimAll(List<Claim> claims) {
        List<Claimed> outcomes = new ArrayList<>(java.util.Collections.nCopies(claims.size(), (Claimed) null));
        Map<List<String>, Integer> firsts = new java.util.TreeMap<>(
                java.util.Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
        for (int i = 0; i < claims.size(); i++) {
            Claim claim = claims.get(i);
            if (claim.key() == null || claim.key().isBlank()) {
                outcomes.set(i, refused(new Rejection(ProblemType.IDEMPOTENCY_KEY_MISSING,
                        "this request moves money: send an Idempotency-Key header and reuse it on every retry")));
            } else if (!KEY_FORMAT.matcher(claim.key()).matches()) {
                outcomes.set(i, refused(Rejection.invalid(HEADER, "Idempotency-Key must be 1 to " + KEY_LENGTH_MAX
                        + " visible ASCII characters")));
            } else if (firsts.putIfAbsent(List.of(claim.scope(), claim.key()), i) != null) {
                outcomes.set(i, new Claimed(Claimed.Status.DUPLICATE, null, null));
            }
        }
        if (firsts.isEmpty()) {
            return outcomes;
        }
        Map<List<String>, Stored> stored = deferred.sendTogether(() -> lockAndFind(
                firsts.keySet().stream().map(k -> k.get(0)).toList(), firsts.keySet().stream().map(k -> k.get(1)).toList()));
        Map<List<String>, Pending> held = pending();
        java.time.Instant now = clock.instant();
        firsts.forEach((scopeAndKey, i) -> outcomes.set(i, claimed(claims.get(i), stored.get(scopeAndKey), held, now)));
        return outcomes;
    }

    /** A held key's outcome: claimed (to be written with its answer) when not stored yet, else replayed or refused. */
    private Claimed claimed(Claim claim, Stored found, Map<List<String>, Pending> held, java.time.Instant now) {
        JsonNode requestJson = json.valueToTree(claim.request() == null ? Map.of() : claim.request());
        String requestText = json.writeValueAsString(requestJson);
        if (found == null) {
            held.put(List.of(claim.scope(), claim.key()),
                    new Pending(claim.scope(), claim.key(), sha256(requestText), requestText, now));
            return new Claimed(Claimed.Status.CLAIMED, null, null);
        }
        try {
            return new Claimed(Claimed.Status.REPLAYED, replay(found, claim.key(), sha256(requestText), requestJson), null);
        } catch (Rejection refusal) {
            return refused(refusal);
        }
    }

    private static Claimed refused(RuntimeException refusal) {
        return new Claimed(Claimed.Status.REFUSED, null, refusal);
    }

    /** The keys this transaction's {@link #claimAll} holds and has not written yet. */
    private static final Object PENDING = new Object();

    @SuppressWarnings("unchecked")
    private static Map<List<String>, Pending> pending() {
        Map<List<String>, Pending> held = (Map<List<String>, Pending>) TransactionSynchronizationManager.getResource(PENDING);
        if (held == null) {
            Map<List<String>, Pending> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(PENDING, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(PENDING);
                }
            });
            return fresh;
        }
        return held;
    }

    /** A claimed command's answer for {@link #answerAll}. */
    public record Answered(String scope, String key, Answer answer) { }

    /** Writes the claimed keys with their commands' answers, in one statement (deferred: sent with the batch's last writes). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void answerAll(List<Answered> answers) {
        if (answers.isEmpty()) {
            return;
        }
        Map<List<String>, Pending> held = pending();
        List<Pending> keys = answers.stream().map(a -> java.util.Objects.requireNonNull(
                held.remove(List.of(a.scope(), a.key())), "an answer to a key this transaction did not claim")).toList();
        recordAll(keys, answers.stream().map(Answered::answer).toList());
    }

    /** Lets go of the keys of claimed commands that were refused: nothing of them was written, their locks end with the transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void releaseAll(List<Claim> claims) {
        Map<List<String>, Pending> held = pending();
        claims.forEach(claim -> held.remove(List.of(claim.scope(), claim.key())));
    }

    static Optional<String> firstDifference(JsonNode before, JsonNode after) {
        if (!before.isObject() || !after.isObject()) {
            return before.equals(after) ? Optional.empty() : Optional.of("body");
        }
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<String> it = before.propertyNames().iterator(); it.hasNext(); ) {
            names.add(it.next());
        }
        for (Iterator<String> it = after.propertyNames().iterator(); it.hasNext(); ) {
            names.add(it.next());
        }
        for (String name : names) {
            JsonNode a = before.get(name);
            JsonNode b = after.get(name);
            if (a == null ? b != null : !a.equals(b)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    static String sha256(String text) {
        return Sha256.hex(text);
    }
}
