package org.fangxin.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #14 item 4: the audit trail is a hash chain. Before, anyone with database access could rewrite it unseen;
 * now each entry is sealed with the hash of the previous one shortly after it commits, and verification (endpoint and
 * daily job) names the first broken link when an entry is changed or removed behind the application's back.
 */
class AuditChainTests extends IntegrationTest {

    @Autowired JdbcClient jdbc;
    @Autowired AuditChain chain;
    @Autowired AuditTrail trail;
    @Autowired org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void sealsEachEntrySoonAfterItCommitsLinkedToThePreviousOne() {
        UserAccount created = users.create(Role.CONSUMER);

        Map<String, Object> sealed = awaitSealed(created.id());
        long position = (Long) sealed.get("chain_position");
        String previous = hashAt(position - 1);
        assertThat((String) sealed.get("hash")).isEqualTo(AuditChain.hash(position, previous, content((UUID) sealed.get("id"))));
        assertThat(chain.verify("test").intact()).isTrue();
    }

    @Test
    void verificationNamesTheFirstEntryChangedBehindTheApplicationsBack() {
        UserAccount victim = users.create(Role.CONSUMER);
        Map<String, Object> sealed = awaitSealed(victim.id());
        UUID entryId = (UUID) sealed.get("id");
        String original = jdbc.sql("select after::text from audit.entry where id = :id").param("id", entryId).query(String.class).single();
        try {
            tamper("update audit.entry set after = '{\"role\": \"OPERATOR\"}'::jsonb where id = '" + entryId + "'");

            AuditChain.Verification result = chain.verify("test");

            assertThat(result.intact()).isFalse();
            assertThat(result.brokenPosition()).isEqualTo(sealed.get("chain_position"));
            assertThat(result.brokenEntryId()).isEqualTo(entryId);
            assertThat(result.brokenReason()).contains("changed after it was sealed");
        } finally {
            tamper("update audit.entry set after = '" + original.replace("'", "''") + "'::jsonb where id = '" + entryId + "'");
        }
        assertThat(chain.verify("test").intact()).isTrue();
    }

    @Test
    void verificationNamesTheLinkAfterAnEntryRewrittenWithAFreshSeal() {
        Map<String, Object> sealed = awaitSealed(users.create(Role.CONSUMER).id());
        awaitSealed(users.create(Role.CONSUMER).id()); // the link after it
        UUID entryId = (UUID) sealed.get("id");
        long position = (Long) sealed.get("chain_position");
        String original = jdbc.sql("select after::text from audit.entry where id = :id").param("id", entryId).query(String.class).single();
        String previous = hashAt(position - 1);
        try {
            tamper("update audit.entry set after = '{\"role\": \"OPERATOR\"}'::jsonb where id = '" + entryId + "'");
            String forged = AuditChain.hash(position, previous, content(entryId));
            tamper(sealHashSet(position, forged));

            AuditChain.Verification result = chain.verify("test");

            assertThat(result.intact()).isFalse();
            assertThat(result.brokenPosition()).isEqualTo(position + 1);
            assertThat(result.brokenReason()).contains("or the seal before it was");
            // its head is the forged link: as the anchor of the next verification it would fail the repaired chain
            jdbc.sql("delete from audit.verification where id = :id").param("id", result.id()).update();
        } finally {
            tamper("update audit.entry set after = '" + original.replace("'", "''") + "'::jsonb where id = '" + entryId + "'");
            tamper(sealHashSet(position, (String) sealed.get("hash")));
        }
        assertThat(chain.verify("test").intact()).isTrue();
    }

    @Test
    void verificationNamesAnEntryRemovedFromTheChain() {
        UserAccount victim = users.create(Role.CONSUMER);
        Map<String, Object> sealed = awaitSealed(victim.id());
        awaitSealed(users.create(Role.CONSUMER).id());  // the victim is not the head: a gap, not a shorter chain
        verificationNamesTheDeletedEntry(sealed, false, "missing");
    }

    @Test
    void verificationNamesTheHeadOfAnEarlierVerificationCutOffTheChain() {
        UserAccount victim = users.create(Role.CONSUMER);
        Map<String, Object> sealed = awaitSealed(victim.id());
        assertThat(chain.verify("test").headPosition()).isEqualTo(sealed.get("chain_position"));
        verificationNamesTheDeletedEntry(sealed, true, "earlier verification");
    }

    /**
     * Deletes the sealed entry (with its seal: the chain made shorter, the head's batch trimmed by its last entry),
     * expects verification to name its position with the reason, and puts both back.
     */
    private void verificationNamesTheDeletedEntry(Map<String, Object> sealed, boolean withSeal, String reason) {
        UUID entryId = (UUID) sealed.get("id");
        long position = (Long) sealed.get("chain_position");
        Map<String, Object> row = jdbc.sql("select id, occurred_at, actor, action, object_type, object_id, before::text as before, "
                + "after::text as after, request_id, xact::text as xact from audit.entry where id = :id")
                .param("id", entryId).query().singleRow();
        Map<String, Object> batch = batchOf(position);
        try {
            tamper("delete from audit.entry where id = '" + entryId + "'");
            if (withSeal) {
                tamper("delete from audit.seal_batch where first_position = " + position + "; "
                        + "update audit.seal_batch set last_position = last_position - 1, entry_ids = entry_ids[1:cardinality(entry_ids) - 1], "
                        + "hashes = substring(hashes from 1 for length(hashes) - 32) where last_position = " + position
                        + " and first_position < " + position);
            }

            AuditChain.Verification result = chain.verify("test");

            assertThat(result.intact()).isFalse();
            assertThat(result.brokenPosition()).isEqualTo(position);
            assertThat(result.brokenReason()).contains(reason);
        } finally {
            restore(row, withSeal ? batch : null);
        }
        assertThat(chain.verify("test").intact()).isTrue();
    }

    @Test
    void verificationNamesTheFirstPositionOfARemovedSeal() {
        Map<String, Object> sealed = awaitSealed(users.create(Role.CONSUMER).id());
        awaitSealed(users.create(Role.CONSUMER).id()); // a later batch: the removed one leaves a gap, not a shorter chain
        Map<String, Object> batch = batchOf((Long) sealed.get("chain_position"));
        try {
            tamper("delete from audit.seal_batch where first_position = " + batch.get("first_position"));

            AuditChain.Verification result = chain.verify("test");

            assertThat(result.intact()).isFalse();
            assertThat(result.brokenPosition()).isEqualTo(batch.get("first_position"));
            assertThat(result.brokenReason()).contains("missing");
        } finally {
            restore(null, batch);
        }
        assertThat(chain.verify("test").intact()).isTrue();
    }

    @Test
    void concurrentSealingPassesSealEveryEntryOnceInOneUnbrokenChain() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        var created = new java.util.ArrayList<String>();
        try {
            var passes = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int round = 0; round < 10; round++) {
                created.add(users.create(Role.CONSUMER).id().toString());
                created.add(users.create(Role.CONSUMER).id().toString());
                for (int sealer = 0; sealer < 3; sealer++) {
                    passes.add(pool.submit(() -> chain.sealAll(10)));
                }
            }
            for (var pass : passes) {
                pass.get(); // a pass that raced another would fail here ("sealed m of n", a taken position)
            }
        } finally {
            pool.shutdown();
        }
        chain.sealAll(10);

        AuditChain.Verification verification = chain.verify("test");
        assertThat(verification.intact()).isTrue();
        assertThat(jdbc.sql("select count(*) from audit.entry e where object_type = 'user' and object_id in (:ids) "
                        + "and not exists (select 1 from audit.seal_of(array[e.id], array[e.xact::text::bigint]))")
                .param("ids", created).query(Long.class).single()).isZero();
    }

    @Test
    void theDatabaseStillRefusesToChangeOrDeleteAnEntry() {
        UserAccount user = users.create(Role.CONSUMER);
        UUID entryId = (UUID) awaitSealed(user.id()).get("id");

        assertThatThrownBy(() -> jdbc.sql("update audit.entry set actor = 'someone-else' where id = :id").param("id", entryId).update())
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("update audit.seal_batch set hashes = sha256('forged') where :id = any(entry_ids)")
                .param("id", entryId).update()).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit.seal_batch where :id = any(entry_ids)").param("id", entryId).update())
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit.entry where id = :id").param("id", entryId).update())
                .hasStackTraceContaining("append-only");
    }

    @Test
    void operatorsVerifyThroughTheApiAndRegulatorsReadTheLatestResult() {
        users.create(Role.CONSUMER);
        Api operator = api().as(users.create(Role.OPERATOR));
        Api regulator = api().as(users.create(Role.REGULATOR));

        var verified = operator.post("/api/v1/audit/verifications", null);
        var latest = regulator.get("/api/v1/audit/verifications/latest");

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().get("brokenPosition").isNull()).isTrue();
        assertThat(verified.json().get("headHash").asString()).matches("[0-9a-f]{64}");
        assertThat(latest.json().get("id").asString()).isEqualTo(verified.json().get("id").asString());
        assertThat(regulator.post("/api/v1/audit/verifications", null).status()).isEqualTo(403);
        assertThat(api().as(users.create(Role.BANK)).get("/api/v1/audit/verifications/latest").status()).isEqualTo(403);
    }

    @Test
    void theApiAndTheExportShowASealedEntrysPositionAndHashFromItsBatch() {
        UserAccount created = users.create(Role.CONSUMER);
        Map<String, Object> sealed = awaitSealed(created.id());
        Api operator = api().as(users.create(Role.OPERATOR));
        String filter = "?objectType=user&objectId=" + created.id();

        var listed = operator.get("/api/v1/audit" + filter).json();
        String export = operator.get("/api/v1/audit/export" + filter).body();

        var entry = java.util.stream.StreamSupport.stream(listed.spliterator(), false)
                .filter(e -> e.get("id").asString().equals(sealed.get("id").toString())).findFirst().orElseThrow();
        assertThat(entry.get("chainPosition").asLong()).isEqualTo(sealed.get("chain_position"));
        assertThat(entry.get("hash").asString()).isEqualTo(sealed.get("hash")).matches("[0-9a-f]{64}");
        assertThat(export).contains(sealed.get("chain_position") + "," + sealed.get("hash"));
    }

    @Test
    void anExportLongerThanAPageShowsEverySealedEntrysPosition() {
        String action = "test.bulk-" + UUID.randomUUID();
        transactions.executeWithoutResult(status -> trail.recordAll(action, "thing", java.util.stream.IntStream
                .range(0, AuditTrail.PAGE_SIZE_MAX + 50).mapToObj(n -> new AuditTrail.Change(n, null, Map.of("n", n))).toList()));
        chain.sealAll(10);
        var exported = new java.util.ArrayList<AuditTrail.Entry>();

        transactions.executeWithoutResult(status -> trail.stream(
                new AuditQuery(null, action, null, null, null, null, null), 1_000, exported::add));

        assertThat(exported).hasSize(AuditTrail.PAGE_SIZE_MAX + 50)
                .allSatisfy(e -> assertThat(e.hash()).matches("[0-9a-f]{64}"));
        assertThat(exported.stream().map(AuditTrail.Entry::chainPosition).distinct()).hasSize(AuditTrail.PAGE_SIZE_MAX + 50);
    }

    @Test
    void aBacklogOfSeveralFullBatchesIsSealedOnceEachAlsoWhenOneTransactionHoldsMoreThanABatch() {
        String action = "test.backlog-" + UUID.randomUUID();
        int big = AuditChain.SEAL_BATCH_MAX * 2 + 100; // one transaction spanning three batches, then two small ones
        for (int size : new int[] {big, 7, AuditChain.SEAL_BATCH_MAX}) {
            transactions.executeWithoutResult(status -> trail.recordAll(action, "thing", java.util.stream.IntStream
                    .range(0, size).mapToObj(n -> new AuditTrail.Change(n, null, Map.of("n", n))).toList()));
        }

        chain.sealAll(20);

        assertThat(chain.verify("test").intact()).isTrue();
        assertThat(jdbc.sql("select count(*) from audit.entry e where action = :action "
                        + "and not exists (select 1 from audit.seal_of(array[e.id], array[e.xact::text::bigint]))")
                .param("action", action).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit.entry e where action = :action").param("action", action)
                .query(Long.class).single()).isEqualTo(big + 7 + AuditChain.SEAL_BATCH_MAX);
    }

    /**
     * Puts a deleted entry back (when given) and the batch as it was (when given), in one statement: the sealer never
     * sees the entry unsealed.
     */
    private void restore(Map<String, Object> row, Map<String, Object> batch) {
        String entry = """
                insert into audit.entry (id, occurred_at, actor, action, object_type, object_id, before, after, request_id, xact)
                values (:id, :occurred_at, :actor, :action, :object_type, :object_id, cast(:before as jsonb),
                        cast(:after as jsonb), :request_id, cast(:xact as xid8))
                """;
        String seal = """
                , gone as (delete from audit.seal_batch where first_position = :first_position)
                insert into audit.seal_batch select :first_position, :last_position, cast(:entry_ids as uuid[]),
                       decode(:hashes, 'hex'), cast(:xacts as int8range)
                """;
        jdbc.sql("alter table audit.entry disable trigger entry_append_only").update();
        jdbc.sql("alter table audit.seal_batch disable trigger seal_batch_append_only").update();
        try {
            jdbc.sql(batch == null ? entry : row == null ? "with nothing as (select 1)" + seal : "with entry as (" + entry + ")" + seal)
                    .params(row == null ? Map.of() : row).params(batch == null ? Map.of() : batch).update();
        } finally {
            jdbc.sql("alter table audit.entry enable trigger entry_append_only").update();
            jdbc.sql("alter table audit.seal_batch enable trigger seal_batch_append_only").update();
        }
    }

    /** The batch that seals this position, as text (to put it back as it was). */
    private Map<String, Object> batchOf(long position) {
        return jdbc.sql("select first_position, last_position, entry_ids::text as entry_ids, encode(hashes, 'hex') as hashes, "
                        + "xacts::text as xacts from audit.seal_batch where first_position <= :p and last_position >= :p")
                .param("p", position).query().singleRow();
    }

    /** The hash sealed at this position (the genesis before the first). */
    private String hashAt(long position) {
        return jdbc.sql("select encode(substring(hashes from 32 * cast(:p - first_position as int) + 1 for 32), 'hex') "
                        + "from audit.seal_batch where first_position <= :p and last_position >= :p")
                .param("p", position).query(String.class).optional().orElse(AuditChain.GENESIS);
    }

    /** What a database administrator would run to replace the hash sealed at this position. */
    private static String sealHashSet(long position, String hash) {
        return "update audit.seal_batch set hashes = overlay(hashes placing decode('" + hash + "', 'hex') from 32 * cast("
                + position + " - first_position as int) + 1 for 32) where first_position <= " + position
                + " and last_position >= " + position;
    }

    private AuditChain.Content content(UUID entryId) {
        return jdbc.sql("select id, occurred_at, actor, action, object_type, object_id, before::text, after::text, request_id "
                        + "from audit.entry where id = :id").param("id", entryId)
                .query((rs, n) -> new AuditChain.Content(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9)))
                .single();
    }

    /** Changes the table as a database administrator could: the append-only trigger switched off for the moment. */
    private void tamper(String statements) {
        jdbc.sql("alter table audit.entry disable trigger entry_append_only").update();
        jdbc.sql("alter table audit.seal_batch disable trigger seal_batch_append_only").update();
        try {
            jdbc.sql(statements).update();
        } finally {
            jdbc.sql("alter table audit.entry enable trigger entry_append_only").update();
            jdbc.sql("alter table audit.seal_batch enable trigger seal_batch_append_only").update();
        }
    }

    private Map<String, Object> awaitSealed(UUID userId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var row = jdbc.sql("select e.id, s.chain_position, encode(s.hash, 'hex') as hash from audit.entry e "
                            + "left join audit.seal_of(array[e.id], array[e.xact::text::bigint]) s on true "
                            + "where e.object_type = 'user' and e.object_id = :id and e.action = 'user.created'")
                    .param("id", userId.toString()).query().singleRow();
            if (row.get("hash") != null) {
                return row;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the entry of user " + userId + " was not sealed within 30 s");
    }
}
