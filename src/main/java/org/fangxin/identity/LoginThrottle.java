package org.fangxin.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.fangxin.shared.AuditTrail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Limits password guessing per username: {@code failures-max} failures within {@code window} lock the username for
 * {@code lock-duration}, whatever the password, on every login path. Unknown usernames are counted too, so the
 * answers do not reveal which usernames exist. Each failure commits on its own, since the login itself is refused.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final int failuresMax;
    private final Duration window;
    private final Duration lockDuration;

    LoginThrottle(JdbcClient jdbc, Clock clock, AuditTrail audit, TransactionTemplate transactions,
                  @Value("${fangxin.identity.login.failures-max:10}") int failuresMax,
                  @Value("${fangxin.identity.login.window:PT15M}") Duration window,
                  @Value("${fangxin.identity.login.lock-duration:PT15M}") Duration lockDuration) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.transactions = transactions;
        this.failuresMax = failuresMax;
        this.window = window;
        this.lockDuration = lockDuration;
    }

    /** When the username is locked, the instant the lock ends. */
    Optional<Instant> lockedUntil(String username) {
        return jdbc.sql("select locked_until from identity.login_lock where username = :username and locked_until > :now")
                .param("username", username).param("now", Timestamp.from(clock.instant()))
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /** Counts a failure; the one that reaches the limit locks the username (and is audited). */
    void failed(String username) {
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            // Serialise failures of one username so two parallel guesses cannot both stay under the limit.
            jdbc.sql("select pg_advisory_xact_lock(hashtext('identity.login:' || :username))").param("username", username)
                    .query((rs, n) -> 1).single();
            jdbc.sql("insert into identity.login_failure (username, failed_at) values (:username, :now)")
                    .param("username", username).param("now", Timestamp.from(now)).update();
            long recent = jdbc.sql("select count(*) from identity.login_failure where username = :username and failed_at > :since")
                    .param("username", username).param("since", Timestamp.from(now.minus(window)))
                    .query(Long.class).single();
            if (recent >= failuresMax) {
                Instant until = now.plus(lockDuration);
                jdbc.sql("""
                        insert into identity.login_lock (username, locked_until) values (:username, :until)
                        on conflict (username) do update set locked_until = excluded.locked_until
                        """)
                        .param("username", username).param("until", Timestamp.from(until)).update();
                // The counted failures are spent: after the lock ends, the username starts with a clean slate.
                jdbc.sql("delete from identity.login_failure where username = :username").param("username", username).update();
                audit.record("login.locked", "username", username, null, Map.of("failures", recent, "lockedUntil", until.toString()));
            }
        });
    }

    void succeeded(String username) {
        jdbc.sql("delete from identity.login_failure where username = :username").param("username", username).update();
    }
}
