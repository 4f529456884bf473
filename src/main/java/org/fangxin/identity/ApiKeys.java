package org.fangxin.identity;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for bank, insurer, risk-data provider and supervision platform (REGULATOR, scoped like one) systems ({@code Authorization: ApiKey <key>} or {@code X-Api-Key}). A key acts as
 * its system user, so it can do exactly what that BANK or INSURER user may. Operators create and revoke keys; the
 * key is shown once at creation and stored only as SHA-256.
 */
@Service
public class ApiKeys {

    static final int LABEL_LENGTH_MAX = 100;
    static final int PREFIX_LENGTH = 12;
    private static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);
    private static final String COLUMNS = """
            k.id, k.user_id, u.username, u.role, k.label, k.prefix, k.created_at, k.revoked_at, k.last_used_at
            """;

    private final JdbcClient jdbc;
    private final Users users;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditTrail audit;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(JdbcClient jdbc, Users users, IdGenerator ids, Clock clock, AuditTrail audit) {
        this.jdbc = jdbc;
        this.users = users;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    public record ApiKeyView(UUID id, UUID userId, String username, Role role, String label, String prefix,
                             Instant createdAt, Instant revokedAt, Instant lastUsedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A newly created key: {@code key} is the only time the secret is ever shown. */
    public record CreatedApiKey(String key, ApiKeyView apiKey) { }

    @Transactional
    public CreatedApiKey create(Actor actor, UUID userId, String label) {
        requireOperator(actor);
        String name = label == null ? "" : label.trim();
        if (name.isEmpty() || name.length() > LABEL_LENGTH_MAX) {
            throw Rejection.invalid("label", "the label must be 1 to " + LABEL_LENGTH_MAX + " characters");
        }
        UserAccount owner = users.find(userId).orElseThrow(() -> Rejection.notFound("user"));
        if (!owner.is(Role.BANK, Role.INSURER, Role.DATA_PROVIDER, Role.REGULATOR) || !owner.enabled()) {
            throw Rejection.invalid("userId", "API keys belong to an enabled BANK, INSURER, DATA_PROVIDER or REGULATOR "
                    + "system user (a supervision platform pulling the oversight feed)");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String key = "fxk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = ids.next();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into identity.api_key (id, user_id, label, prefix, key_sha256, created_at, created_by)
                values (:id, :user, :label, :prefix, :hash, :now, :by)
                """)
                .param("id", id).param("user", owner.id()).param("label", name).param("prefix", key.substring(0, PREFIX_LENGTH))
                .param("hash", Secrets.sha256(key)).param("now", Timestamp.from(now)).param("by", actor.userId())
                .update();
        ApiKeyView view = find(id).orElseThrow();
        audit.record("api-key.created", "api-key", id, null, snapshot(view));
        return new CreatedApiKey(key, view);
    }

    public List<ApiKeyView> list(Actor actor) {
        requireOperator(actor);
        return jdbc.sql("select " + COLUMNS + " from identity.api_key k join identity.user_account u on u.id = k.user_id order by k.created_at desc")
                .query(ApiKeys::toView).list();
    }

    /** Revokes a key at once; revoking a revoked key changes nothing. */
    @Transactional
    public ApiKeyView revoke(Actor actor, UUID keyId) {
        requireOperator(actor);
        ApiKeyView before = find(keyId).orElseThrow(() -> Rejection.notFound("API key"));
        if (!before.active()) {
            return before;
        }
        jdbc.sql("update identity.api_key set revoked_at = :now where id = :id and revoked_at is null")
                .param("now", Timestamp.from(clock.instant())).param("id", keyId).update();
        ApiKeyView after = find(keyId).orElseThrow();
        audit.record("api-key.revoked", "api-key", keyId, snapshot(before), snapshot(after));
        return after;
    }

    /** The system user behind a live key, recording the use (to the minute, to spare a write per request). */
    public Optional<UserAccount> resolve(String key) {
        if (key == null || !key.startsWith("fxk_") || key.length() > 100) {
            return Optional.empty();
        }
        record Live(UUID id, UUID userId) { }
        Optional<Live> live = jdbc.sql("select id, user_id from identity.api_key where key_sha256 = :hash and revoked_at is null")
                .param("hash", Secrets.sha256(key))
                .query((rs, n) -> new Live(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .optional();
        Optional<UserAccount> owner = live.flatMap(found -> users.find(found.userId())).filter(UserAccount::enabled);
        owner.ifPresent(account -> {
            Instant now = clock.instant();
            jdbc.sql("""
                    update identity.api_key set last_used_at = :now
                     where id = :id and (last_used_at is null or last_used_at <= :stale)
                    """)
                    .param("now", Timestamp.from(now)).param("stale", Timestamp.from(now.minus(LAST_USE_RESOLUTION)))
                    .param("id", live.get().id()).update();
        });
        return owner;
    }

    Optional<ApiKeyView> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from identity.api_key k join identity.user_account u on u.id = k.user_id where k.id = :id")
                .param("id", id).query(ApiKeys::toView).optional();
    }

    private static Map<String, Object> snapshot(ApiKeyView view) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("userId", view.userId().toString());
        snapshot.put("label", view.label());
        snapshot.put("prefix", view.prefix());
        snapshot.put("active", view.active());
        return snapshot;
    }

    private static void requireOperator(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators manage API keys");
        }
    }

    private static ApiKeyView toView(ResultSet rs, int row) throws SQLException {
        Timestamp revoked = rs.getTimestamp("revoked_at");
        Timestamp used = rs.getTimestamp("last_used_at");
        return new ApiKeyView(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class), rs.getString("username"),
                Role.valueOf(rs.getString("role")), rs.getString("label"), rs.getString("prefix"),
                rs.getTimestamp("created_at").toInstant(), revoked == null ? null : revoked.toInstant(),
                used == null ? null : used.toInstant());
    }
}
