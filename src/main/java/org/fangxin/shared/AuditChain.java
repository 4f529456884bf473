package org.fangxin.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail as a hash chain. {@link #seal} gives every committed, unsealed entry the next chain position, the
 * previous entry's hash and its own hash, SHA-256 over the position, the previous hash and the entry's content; one
 * sealer at a time across instances (advisory lock). {@link #verify} walks the chain from the start, recomputes every
 * hash and reports the first broken link: content changed, an entry removed (a gap) or the chain relinked. Anyone
 * can check the chain with SHA-256 alone; the head hash a verification reports is what to keep outside the database.
 */
@Service
public class AuditChain {

    public static final String GENESIS = "0".repeat(64);
    static final int SEAL_BATCH_MAX = 500;
    static final int VERIFY_BATCH = 2_000;
    /** "FXAUDIT" in ASCII: the advisory-lock key of the sealer. */
    private static final long SEAL_LOCK = 0x46584155444954L;
    private static final Logger log = LoggerFactory.getLogger(AuditChain.class);
    private static final String CONTENT = "id, occurred_at, actor, action, object_type, object_id, before::text, after::text, request_id";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IdGenerator ids;
    private final TransactionTemplate transaction;

    AuditChain(JdbcClient jdbc, Clock clock, IdGenerator ids, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ids = ids;
        // a batch of its own even when called inside another transaction: the lock must be held until the seals commit
        this.transaction = new TransactionTemplate(transaction.getTransactionManager());
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The outcome of one verification; {@code broken*} are null when the whole chain holds. */
    public record Verification(UUID id, Instant checkedAt, String checkedBy, long entriesChecked, Long headPosition,
                               String headHash, long unsealed, Long brokenPosition, UUID brokenEntryId, String brokenReason) {
        public boolean intact() {
            return brokenPosition == null;
        }
    }

    /** A sealed entry as stored, with the content its hash covers. */
    record Link(long position, String prevHash, String hash, UUID id, Instant occurredAt, String actor, String action,
                String objectType, String objectId, String before, String after, String requestId) { }

    /**
     * Seals up to {@value #SEAL_BATCH_MAX} committed entries in one transaction; answers how many. Always a
     * transaction of its own, so the advisory lock is held until the seals commit, whoever calls. The commit is
     * durable like every other: a head hash someone has seen never comes back different after a crash.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int seal() {
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", SEAL_LOCK).query((rs, n) -> 1).list();
        var last = jdbc.sql("select chain_position, hash from audit.entry where chain_position is not null "
                        + "order by chain_position desc limit 1")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional();
        long position = last.map(row -> (Long) row[0]).orElse(0L);
        String previous = last.map(row -> (String) row[1]).orElse(GENESIS);
        // no row locks: the advisory lock keeps other sealers out and entries change only by being sealed (the
        // update below re-checks that), so locking them would only write a WAL record per entry
        List<Link> unsealed = jdbc.sql("select 0, null, null, " + CONTENT + " from audit.entry where hash is null "
                        + "order by occurred_at, id limit :limit")
                .param("limit", SEAL_BATCH_MAX).query(AuditChain::link).list();
        if (unsealed.isEmpty()) {
            return 0; // read only: no transaction id, nothing to commit to the WAL
        }
        int n = unsealed.size();
        UUID[] entryIds = new UUID[n];
        long[] positions = new long[n];
        String[] prevs = new String[n];
        String[] hashes = new String[n];
        for (int i = 0; i < n; i++) {
            position++;
            entryIds[i] = unsealed.get(i).id();
            positions[i] = position;
            prevs[i] = previous;
            hashes[i] = hash(position, previous, unsealed.get(i));
            previous = hashes[i];
        }
        // the links of the whole batch in one statement (one per entry kept the sealer busy during bulk jobs)
        int sealed = jdbc.sql("""
                update audit.entry e set chain_position = s.position, prev_hash = s.prev, hash = s.hash
                  from unnest(:ids, :positions, :prevs, :hashes) as s(id, position, prev, hash)
                 where e.id = s.id and e.hash is null
                """).param("ids", entryIds).param("positions", positions).param("prevs", prevs).param("hashes", hashes)
                .update();
        if (sealed != n) {
            throw new IllegalStateException("sealed " + sealed + " of " + n + " audit entries locked for sealing");
        }
        return n;
    }

    /**
     * Seals until nothing is left (bounded: at most {@code batchesMax} batches), each batch in its own transaction
     * (a call to {@link #seal} from here would bypass its proxy: every statement in a transaction of its own, the
     * advisory lock released at once).
     */
    public int sealAll(int batchesMax) {
        int total = 0;
        for (int batch = 0; batch < batchesMax; batch++) {
            Integer sealed = transaction.execute(status -> seal());
            total += sealed;
            if (sealed < SEAL_BATCH_MAX) {
                break;
            }
        }
        return total;
    }

    /** Walks the whole chain, records the result and answers it; a broken chain is logged as an error. */
    @Transactional
    public Verification verify(String checkedBy) {
        Walk walk = walk();
        Long brokenPosition = walk.brokenPosition();
        String reason = walk.reason();
        Long headPosition = walk.headPosition();
        if (reason == null) {
            Optional<Verification> earlier = latest().filter(v -> v.headPosition() != null);
            if (earlier.isPresent()) {
                reason = againstEarlierHead(earlier.get(), headPosition == null ? 0 : headPosition);
                brokenPosition = reason == null ? null : Math.min(earlier.get().headPosition(), (headPosition == null ? 0 : headPosition) + 1);
            }
        }
        long unsealed = jdbc.sql("select count(*) from audit.entry where hash is null").query(Long.class).single();
        Verification result = new Verification(ids.next(), clock.instant(), checkedBy, walk.checked(), headPosition,
                walk.headHash(), unsealed, brokenPosition, walk.brokenEntry(), reason);
        store(result);
        if (result.intact()) {
            log.info("audit chain intact: {} entries, head #{} {}, {} not yet sealed", walk.checked(), headPosition,
                    walk.headHash(), unsealed);
        } else {
            log.error("audit chain BROKEN at #{} (entry {}): {}", brokenPosition, walk.brokenEntry(), reason);
        }
        return result;
    }

    /** How far the links hold from the genesis: the last good link, or the first broken one and why. */
    private record Walk(long checked, Long headPosition, String headHash, Long brokenPosition, UUID brokenEntry,
                        String reason) { }

    private Walk walk() {
        long expected = 1;
        String previous = GENESIS;
        Long headPosition = null;
        while (true) {
            List<Link> batch = jdbc.sql("select chain_position, prev_hash, hash, " + CONTENT
                            + " from audit.entry where chain_position >= :from order by chain_position limit :limit")
                    .param("from", expected).param("limit", VERIFY_BATCH).query(AuditChain::link).list();
            for (Link link : batch) {
                String reason = brokenBecause(link, expected, previous);
                if (reason != null) {
                    return new Walk(expected - 1, headPosition, headPosition == null ? null : previous, expected,
                            link.position() == expected ? link.id() : null, reason);
                }
                previous = link.hash();
                headPosition = link.position();
                expected++;
            }
            if (batch.size() < VERIFY_BATCH) {
                return new Walk(expected - 1, headPosition, headPosition == null ? null : previous, null, null, null);
            }
        }
    }

    /** The newest verification, if any ran. */
    public Optional<Verification> latest() {
        return jdbc.sql("""
                select id, checked_at, checked_by, entries_checked, head_position, head_hash, unsealed, broken_position,
                       broken_entry_id, broken_reason
                  from audit.verification order by seq desc limit 1
                """)
                .query((rs, n) -> new Verification(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getLong(4), rs.getObject(5, Long.class), rs.getString(6), rs.getLong(7), rs.getObject(8, Long.class),
                        rs.getObject(9, UUID.class), rs.getString(10)))
                .optional();
    }

    /**
     * The head an earlier verification recorded must still be in the chain with the same hash: otherwise the end of
     * the chain was cut off (or rewritten) since, which the links alone cannot show.
     */
    private String againstEarlierHead(Verification earlier, long head) {
        long anchored = earlier.headPosition();
        if (anchored > head) {
            return "the chain ends at #" + head + " but an earlier verification (" + earlier.checkedAt() + ") saw it reach #"
                    + anchored + ": entries were removed from its end";
        }
        String now = jdbc.sql("select hash from audit.entry where chain_position = :p").param("p", anchored)
                .query(String.class).optional().orElse(null);
        return earlier.headHash().equals(now) ? null
                : "entry #" + anchored + " no longer has the hash an earlier verification (" + earlier.checkedAt() + ") recorded";
    }

    private static String brokenBecause(Link link, long expected, String previous) {
        if (link.position() != expected) {
            return "entry #" + expected + " is missing (the chain jumps to #" + link.position() + ")";
        }
        if (!link.prevHash().equals(previous)) {
            return "entry #" + expected + " does not link to the hash of #" + (expected - 1);
        }
        if (!link.hash().equals(hash(link.position(), link.prevHash(), link))) {
            return "entry #" + expected + " was changed after it was sealed (its content does not match its hash)";
        }
        return null;
    }

    private void store(Verification v) {
        jdbc.sql("""
                insert into audit.verification (id, checked_at, checked_by, entries_checked, head_position, head_hash,
                                                unsealed, broken_position, broken_entry_id, broken_reason)
                values (:id, :at, :by, :checked, :headPosition, :headHash, :unsealed, :brokenPosition, :brokenEntry, :reason)
                """)
                .param("id", v.id()).param("at", Timestamp.from(v.checkedAt())).param("by", v.checkedBy())
                .param("checked", v.entriesChecked()).param("headPosition", v.headPosition()).param("headHash", v.headHash())
                .param("unsealed", v.unsealed()).param("brokenPosition", v.brokenPosition())
                .param("brokenEntry", v.brokenEntryId()).param("reason", v.brokenReason())
                .update();
    }

    /**
     * SHA-256 over the position, the previous hash and every content field, each length-prefixed so that no two
     * different entries share a canonical form; jsonb is hashed in PostgreSQL's normalized text form.
     */
    static String hash(long position, String previous, Link entry) {
        StringBuilder canonical = new StringBuilder(256).append("fangxin-audit-v1\n").append(position).append('\n').append(previous);
        Instant at = entry.occurredAt();
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000L);
        for (String field : new String[] {entry.id().toString(), Long.toString(micros), entry.actor(), entry.action(),
                entry.objectType(), entry.objectId(), entry.before(), entry.after(), entry.requestId()}) {
            canonical.append('\n');
            if (field == null) {
                canonical.append('-');
            } else {
                canonical.append(field.length()).append(':').append(field);
            }
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Link link(ResultSet rs, int row) throws SQLException {
        return new Link(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class),
                rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12));
    }
}
