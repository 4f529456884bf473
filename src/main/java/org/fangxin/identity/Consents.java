package org.fangxin.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.IdGenerator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a person agreed to and for which purpose (PIPL art. 14, 29): {@code ACCOUNT} at sign-up (the mobile number for
 * login, notices and the cards bought), {@code REAL_NAME} at real-name verification (name and ID number, sensitive,
 * for purchases the rules tie to a real name). Recorded with the version of the rules shown; withdrawn at closure.
 */
@Component
class Consents {

    enum Purpose { ACCOUNT, REAL_NAME }

    record Consent(UUID id, Purpose purpose, String policyVersion, Instant givenAt, Instant withdrawnAt) { }

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final String policyVersion;

    Consents(JdbcClient jdbc, IdGenerator ids, @Value("${fangxin.privacy.policy-version:2026-12}") String policyVersion) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.policyVersion = policyVersion;
    }

    String policyVersion() {
        return policyVersion;
    }

    void give(UUID userId, Purpose purpose, Instant at) {
        jdbc.sql("""
                insert into identity.consent (id, user_id, purpose, policy_version, given_at)
                values (:id, :user, :purpose, :version, :at)
                """)
                .param("id", ids.next()).param("user", userId).param("purpose", purpose.name())
                .param("version", policyVersion).param("at", Timestamp.from(at)).update();
    }

    List<Consent> of(UUID userId) {
        return jdbc.sql("select id, purpose, policy_version, given_at, withdrawn_at from identity.consent where user_id = :u order by given_at")
                .param("u", userId)
                .query((rs, n) -> new Consent(rs.getObject(1, UUID.class), Purpose.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list();
    }

    void withdrawAll(UUID userId, Instant at) {
        jdbc.sql("update identity.consent set withdrawn_at = :at where user_id = :u and withdrawn_at is null")
                .param("at", Timestamp.from(at)).param("u", userId).update();
    }
}
