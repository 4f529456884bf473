package org.fangxin.identity;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.shared.AuditTrail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opaque bearer tokens for people using the API. Only a SHA-256 of each token is stored, so a database leak does
 * not leak usable tokens; tokens expire after {@code fangxin.identity.token-lifetime}.
 */
@Service
public class AccessTokens {

    private final JdbcClient jdbc;
    private final Users users;
    private final Clock clock;
    private final Duration lifetime;
    private final AuditTrail audit;
    private final SecureRandom random = new SecureRandom();

    AccessTokens(JdbcClient jdbc, Users users, Clock clock,
                 @Value("${fangxin.identity.token-lifetime:PT8H}") Duration lifetime, AuditTrail audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public record IssuedToken(String accessToken, Instant expiresAt, long expiresInSeconds) { }

    @Transactional
    public IssuedToken issue(UserAccount account) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = "fxt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        jdbc.sql("insert into identity.access_token (token_sha256, user_id, created_at, expires_at) values (:hash, :user, :now, :expires)")
                .param("hash", sha256(token)).param("user", account.id())
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(expiresAt))
                .update();
        audit.record("token.issued", "user", account.id(), null, Map.of("expiresAt", expiresAt.toString()));
        return new IssuedToken(token, expiresAt, lifetime.toSeconds());
    }

    /** The account behind a live token, if any. */
    public Optional<UserAccount> resolve(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        // One statement per authenticated request (token and account joined); the token is a SHA-256, not a password hash.
        return users.findByLiveToken(sha256(token), clock.instant())
                .filter(UserAccount::enabled);
    }

    @Transactional
    public void revoke(String token) {
        String hash = sha256(token);
        jdbc.sql("select user_id from identity.access_token where token_sha256 = :hash and revoked_at is null")
                .param("hash", hash).query(UUID.class).optional().ifPresent(user -> {
                    jdbc.sql("update identity.access_token set revoked_at = :now where token_sha256 = :hash and revoked_at is null")
                            .param("now", Timestamp.from(clock.instant())).param("hash", hash).update();
                    audit.record("token.revoked", "user", user, null, Map.of("tokens", 1));
                });
    }

    /** Revokes every live token of a user (when the account is disabled). */
    @Transactional
    public void revokeAll(UUID userId) {
        int revoked = jdbc.sql("update identity.access_token set revoked_at = :now where user_id = :user and revoked_at is null")
                .param("now", Timestamp.from(clock.instant())).param("user", userId).update();
        if (revoked > 0) {
            audit.record("token.revoked", "user", userId, null, Map.of("tokens", revoked));
        }
    }

    static String sha256(String text) {
        return org.fangxin.shared.Sha256.hex(text);
    }
}
