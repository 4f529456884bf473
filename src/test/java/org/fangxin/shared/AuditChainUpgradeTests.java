package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.fangxin.testing.IntegrationTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 15 (session 12): the seal moved out of the audit entry into audit.seal; session 13: new seals are one row per
 * batch (audit.seal_batch). An installation whose chain was sealed the oldest way (chain columns on the entry) must
 * still verify after both upgrades, and go on sealing, in batches, after its head.
 */
class AuditChainUpgradeTests extends IntegrationTest {

    private static final String BEFORE_THE_SEAL_TABLE = "1.98.21";

    @Value("${fangxin.db.url}") String url;
    @Value("${fangxin.db.user}") String user;
    @Value("${fangxin.db.password}") String password;

    @Test
    void aChainSealedOnTheEntriesVerifiesAfterTheUpgradeAndGrowsFromItsHead() {
        DriverManagerDataSource scratch = scratchDatabase();
        JdbcClient jdbc = JdbcClient.create(scratch);
        Flyway shared = Flyway.configure().dataSource(scratch).locations("classpath:db/migration/shared")
                .target(BEFORE_THE_SEAL_TABLE).load();
        shared.migrate();
        String previous = AuditChain.GENESIS;
        for (long position = 1; position <= 3; position++) {
            previous = sealTheOldWay(jdbc, position, previous);
        }
        jdbc.sql("insert into audit.entry (id, occurred_at, actor, action, object_type, object_id) "
                + "values (:id, now(), 'old', 'old.unsealed', 'thing', '4')").param("id", UUID.randomUUID()).update();

        Flyway.configure().dataSource(scratch).locations("classpath:db/migration/shared").load().migrate();
        AuditChain chain = new AuditChain(jdbc, Clock.systemUTC(), new IdGenerator(Clock.systemUTC()),
                new TransactionTemplate(new DataSourceTransactionManager(scratch)));

        AuditChain.Verification upgraded = chain.verify("test");
        assertThat(upgraded.intact()).isTrue();
        assertThat(upgraded.headPosition()).isEqualTo(3);
        assertThat(upgraded.headHash()).isEqualTo(previous);
        assertThat(upgraded.unsealed()).isEqualTo(1);

        assertThat(chain.sealAll(1)).isEqualTo(1);
        AuditChain.Verification grown = chain.verify("test");
        assertThat(grown.intact()).isTrue();
        assertThat(grown.headPosition()).isEqualTo(4);
        assertThat(grown.unsealed()).isZero();
        // the new seal is a batch of its own after the old head (session 13): audit.seal kept as it was
        assertThat(jdbc.sql("select first_position || '..' || last_position from audit.seal_batch").query(String.class).list())
                .containsExactly("4..4");
        assertThat(jdbc.sql("select count(*) from audit.seal").query(Long.class).single()).isEqualTo(3);
        // an instance of session 12's version still running cannot seal beside the batches (a fork at position 5)
        assertThatThrownBy(() -> jdbc.sql("insert into audit.seal (chain_position, entry_id, hash) "
                + "values (5, gen_random_uuid(), sha256('late'))").update()).hasStackTraceContaining("audit.seal_batch");

        jdbc.sql("alter table audit.entry disable trigger entry_append_only").update();
        jdbc.sql("update audit.entry set actor = 'someone-else' where object_id = '2'").update();
        AuditChain.Verification tampered = chain.verify("test");
        assertThat(tampered.brokenPosition()).isEqualTo(2);
        assertThat(tampered.brokenReason()).contains("changed after it was sealed");
    }

    /** What the sealer did before the upgrade: the entry's own chain columns, set by an update the trigger allowed. */
    private static String sealTheOldWay(JdbcClient jdbc, long position, String previous) {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-0" + position + "T08:00:00.123456Z");
        String after = "{\"n\": " + position + "}";
        jdbc.sql("insert into audit.entry (id, occurred_at, actor, action, object_type, object_id, after, request_id) "
                        + "values (:id, :at, 'old', 'old.action', 'thing', :objectId, cast(:after as jsonb), 'r')")
                .param("id", id).param("at", Timestamp.from(at)).param("objectId", Long.toString(position))
                .param("after", after).update();
        String stored = jdbc.sql("select after::text from audit.entry where id = :id").param("id", id).query(String.class).single();
        String hash = AuditChain.hash(position, previous,
                new AuditChain.Content(id, at, "old", "old.action", "thing", Long.toString(position), null, stored, "r"));
        jdbc.sql("update audit.entry set chain_position = :p, prev_hash = :prev, hash = :hash where id = :id")
                .param("p", position).param("prev", previous).param("hash", hash).param("id", id).update();
        return hash;
    }

    private DriverManagerDataSource scratchDatabase() {
        String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "") + "_audit_upgrade";
        JdbcClient admin = JdbcClient.create(new DriverManagerDataSource(url, user, password));
        admin.sql("drop database if exists " + database).update();
        admin.sql("create database " + database).update();
        return new DriverManagerDataSource(url.replaceFirst("/[A-Za-z0-9_]+(\\?|$)", "/" + database + "$1"), user, password);
    }
}
