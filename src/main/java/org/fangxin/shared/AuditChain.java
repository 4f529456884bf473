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
 * The audit trail as a hash chain. {@link #seal} seals every committed, unsealed entry (the entry itself is never
 * updated): the next chain position and its hash, SHA-256 over the position, the previous position's hash and the
 * entry's content; a pass's entries are one row of audit.seal_batch (their ids and hashes in position order), older
 * seals stay one row per entry in audit.seal; one sealer at a time across instances (advisory lock). {@link #verify}
 * walks the chain from the start, recomputes every hash and reports the first broken link: content changed, an entry
 * removed (a gap) or the chain relinked. Anyone can check the chain with SHA-256 alone; the head hash a verification
 * reports is what to keep outside the database.
 */
@Service
public class AuditChain {

    public static final String GENESIS = "0".repeat(64);
    static final int SEAL_BATCH_MAX = 500;
    static final int VERIFY_BATCH = 2_000;
    /** "FXAUDIT" in ASCII: the advisory-lock key of the sealer. */
    private static final long SEAL_LOCK = 0x46584155444954L;
    private static final Logger log = LoggerFactory.getLogger(AuditChain.class);
    private static final String CONTENT = "e.id, e.occurred_at, e.actor, e.action, e.object_type, e.object_id, e.before::text, e.after::text, e.request_id";

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

    /** What an entry's hash covers, as stored. */
    record Content(UUID id, Instant occurredAt, String actor, String action, String objectType, String objectId,
                   String before, String after, String requestId) { }

    /** An entry to seal and the transaction that wrote it. */
    private record Unsealed(Content entry, long xact) { }

    /** A seal as stored, with the entry it seals ({@code entry} null when the entry is gone). */
    record Link(long position, String hash, UUID entryId, Content entry) { }

    /**
     * Seals up to {@value #SEAL_BATCH_MAX} committed entries in one transaction; answers how many. Always a
     * transaction of its own, so the advisory lock is held until the seals commit, whoever calls. The commit is
     * durable like every other: a head hash someone has seen never comes back different after a crash. The entries
     * are never updated: each seal is a row of audit.seal.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int seal() {
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", SEAL_LOCK).query((rs, n) -> 1).list();
        Head head = head();
        // sealed entries in the window are those of the batches since the horizon last moved (or, right after the
        // upgrade, of audit.seal): both looked up by index, the batch by its xact range
        List<Unsealed> unsealed = jdbc.sql("select " + CONTENT + ", cast(e.xact as text) from audit.entry e "
                        + "where e.xact >= cast(:since as xid8) and e.xact < cast(:before as xid8) "
                        + "and not exists (select 1 from audit.seal s where s.entry_id = e.id) "
                        + "and not exists (select 1 from audit.seal_batch b where b.xacts @> cast(cast(e.xact as text) as bigint) "
                        + "and e.id = any(b.entry_ids)) "
                        + "order by e.xact, e.occurred_at, e.id limit :limit")
                .param("since", Long.toUnsignedString(head.since())).param("before", Long.toUnsignedString(head.xmax()))
                .param("limit", SEAL_BATCH_MAX)
                .query((rs, n) -> new Unsealed(content(rs, 1), Long.parseLong(rs.getString(10)))).list();
        int n = unsealed.size();
        if (n == 0) {
            return 0; // read only: no transaction id, nothing to commit to the WAL (the next pass that seals moves the horizon)
        }
        insertSeals(head, unsealed, horizonAfter(n, unsealed.get(n - 1).xact(), head));
        return n;
    }

    /**
     * Where the next pass starts looking. Below the snapshot's xmin every transaction has ended and its entries were
     * visible to this pass, which took them in xact order: a batch that was not full took them all; a full batch took
     * all below its last entry's xact (entries of that xact may remain). So the horizon moves to the lower of the two
     * (issue 15: left at the stored horizon after a full batch, every pass of a backlog read again every entry sealed
     * since, 112–144 s of database time in comp14's 100,000-card run).
     */
    static long horizonAfter(int sealed, long lastXact, Head head) {
        if (sealed < SEAL_BATCH_MAX) {
            return head.xmin();
        }
        long reached = Long.compareUnsigned(lastXact, head.xmin()) < 0 ? lastXact : head.xmin();
        return Long.compareUnsigned(reached, head.since()) < 0 ? head.since() : reached;
    }

    /**
     * The chain's head and where to look for unsealed entries: from the stored horizon (from 0 when the transaction
     * ids went back, as after a logical restore into a new cluster) up to this snapshot's xmax. Every transaction
     * below the snapshot's xmin has ended, so its entries are visible to the look-up that follows.
     */
    record Head(long position, String hash, long stored, long since, long xmin, long xmax) { }

    private Head head() {
        return jdbc.sql("""
                select s.chain_position, encode(s.hash, 'hex'), h.horizon::text,
                       pg_snapshot_xmin(pg_current_snapshot())::text, pg_snapshot_xmax(pg_current_snapshot())::text
                  from audit.seal_horizon h
                  left join (select chain_position, hash from (
                          (select last_position as chain_position, substring(hashes from length(hashes) - 31) as hash
                             from audit.seal_batch order by first_position desc limit 1)
                          union all
                          (select chain_position, hash from audit.seal order by chain_position desc limit 1)) heads
                        order by chain_position desc limit 1) s on true
                """).query((rs, n) -> {
                    long stored = Long.parseUnsignedLong(rs.getString(3));
                    long xmax = Long.parseUnsignedLong(rs.getString(5));
                    long since = Long.compareUnsigned(stored, xmax) > 0 ? 0 : stored;
                    return new Head(rs.getLong(1), rs.getString(2) == null ? GENESIS : rs.getString(2), stored, since,
                            Long.parseUnsignedLong(rs.getString(4)), xmax);
                }).single();
    }

    /**
     * The batch's seal (positions, entry ids and hashes in position order, its xact range) and the horizon, in one
     * statement (the horizon's row is left alone when unchanged).
     */
    private void insertSeals(Head head, List<Unsealed> unsealed, long horizon) {
        int n = unsealed.size();
        UUID[] entryIds = new UUID[n];
        StringBuilder hashes = new StringBuilder(64 * n);
        long position = head.position();
        String previous = head.hash();
        for (int i = 0; i < n; i++) {
            position++;
            entryIds[i] = unsealed.get(i).entry().id();
            previous = hash(position, previous, unsealed.get(i).entry());
            hashes.append(previous);
        }
        long[] xacts = unsealed.stream().mapToLong(Unsealed::xact).sorted().toArray();
        // a clash on the first position (a sealer without the lock) fails the batch rather than fork the chain
        jdbc.sql("""
                with batch as (
                    insert into audit.seal_batch (first_position, last_position, entry_ids, hashes, xacts)
                    values (:first, :last, cast(:ids as uuid[]), decode(:hashes, 'hex'), int8range(:lowest, :highest, '[]')))
                update audit.seal_horizon set horizon = cast(:horizon as xid8) where horizon <> cast(:horizon as xid8)
                """).param("first", head.position() + 1).param("last", position).param("ids", entryIds)
                .param("hashes", hashes.toString()).param("lowest", xacts[0]).param("highest", xacts[n - 1])
                .param("horizon", Long.toUnsignedString(horizon)).update();
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
        // anti-joins over all entries and all sealed ids (hash joins: the walk reads all of them anyway)
        long unsealed = jdbc.sql("""
                select count(*) from audit.entry e
                 where not exists (select 1 from audit.seal s where s.entry_id = e.id)
                   and not exists (select 1 from (select unnest(entry_ids) as id from audit.seal_batch) b where b.id = e.id)
                """).query(Long.class).single();
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
            // a seal whose entry is gone still comes back (left join): the walk names it missing
            List<Link> batch = jdbc.sql(LINKS).param("from", expected).param("limit", VERIFY_BATCH)
                    .query(AuditChain::link).list();
            for (Link link : batch) {
                String reason = brokenBecause(link, expected, previous);
                if (reason != null) {
                    return new Walk(expected - 1, headPosition, headPosition == null ? null : previous, expected,
                            link.position() == expected ? link.entryId() : null, reason);
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

    /**
     * The seals from position {@code :from} on, at most {@code :limit}, each with its entry: those of audit.seal (one
     * per entry, written before V1_100_40) and those of the batches that overlap the range (the batch that holds
     * {@code :from} found by the largest first position at or below it), expanded to one row per position.
     */
    private static final String LINKS = """
            select l.chain_position, encode(l.hash, 'hex'), l.entry_id, %s
              from (select s.chain_position, s.hash, s.entry_id from audit.seal s
                     where s.chain_position >= :from and s.chain_position < :from + :limit
                    union all
                    select b.first_position + u.n - 1, substring(b.hashes from 32 * cast(u.n as int) - 31 for 32), u.id
                      from audit.seal_batch b cross join lateral unnest(b.entry_ids) with ordinality as u(id, n)
                     where b.first_position >= coalesce((select max(first_position) from audit.seal_batch
                                                          where first_position <= :from), :from)
                       and b.first_position < :from + :limit and b.first_position + u.n - 1 >= :from) l
              left join audit.entry e on e.id = l.entry_id
             order by l.chain_position limit :limit
            """.formatted(CONTENT);

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
        String now = jdbc.sql(LINKS).param("from", anchored).param("limit", 1).query(AuditChain::link).stream()
                .filter(link -> link.position() == anchored).map(Link::hash).findFirst().orElse(null);
        return earlier.headHash().equals(now) ? null
                : "entry #" + anchored + " no longer has the hash an earlier verification (" + earlier.checkedAt() + ") recorded";
    }

    private static String brokenBecause(Link link, long expected, String previous) {
        if (link.position() != expected) {
            return "entry #" + expected + " is missing (the chain jumps to #" + link.position() + ")";
        }
        if (link.entry() == null) {
            return "entry #" + expected + " is missing (its seal remains, the entry was removed)";
        }
        // the previous hash is not stored: a seal relinked to another chain fails here too
        if (!link.hash().equals(hash(link.position(), previous, link.entry()))) {
            return "entry #" + expected + " was changed after it was sealed, or the seal before it was (its content and the "
                    + "previous hash do not match its hash)";
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
    static String hash(long position, String previous, Content entry) {
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
        UUID entryId = rs.getObject(3, UUID.class);
        return new Link(rs.getLong(1), rs.getString(2), entryId, rs.getObject(4) == null ? null : content(rs, 4));
    }

    private static Content content(ResultSet rs, int first) throws SQLException {
        return new Content(rs.getObject(first, UUID.class), rs.getTimestamp(first + 1).toInstant(), rs.getString(first + 2),
                rs.getString(first + 3), rs.getString(first + 4), rs.getString(first + 5), rs.getString(first + 6),
                rs.getString(first + 7), rs.getString(first + 8));
    }
}
