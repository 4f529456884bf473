package org.fangxin.risk.persistence;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.risk.FeedImportView;
import org.fangxin.risk.FeedType;
import org.fangxin.risk.QuarantineView;
import org.fangxin.risk.domain.FeedRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Feed files, their records (with corrections) and the quarantine; callers hold the transaction. */
@Repository
public class FeedRepository {

    private static final String FILE_COLUMNS = """
            id, sha256, provider, channel, file_name, format, records, imported, unchanged, corrected, quarantined,
            received_at, received_by""";
    private static final String QUARANTINE_COLUMNS = """
            id, file_id, line, credit_code, type, period, value, status, reference, note, reason, provider, received_at,
            resolved_at, resolution, resolved_by""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public FeedRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A stored record's identity and content, to tell a repeat from a correction. */
    public record Stored(UUID id, String key, Long value, String status, String note, int version) { }

    /** Records the file; false (nothing written) when a file with the same SHA-256 is already there. */
    public boolean insertFile(FeedImportView file) {
        return jdbc.sql("""
                insert into risk.feed_file (id, sha256, provider, channel, file_name, format, records, imported, unchanged,
                    corrected, quarantined, received_at, received_by)
                values (:id, :sha, :provider, :channel, :name, :format, :records, :imported, :unchanged, :corrected,
                    :quarantined, :at, :by)
                on conflict (sha256) do nothing
                """)
                .param("id", file.id()).param("sha", file.sha256()).param("provider", file.provider())
                .param("channel", file.channel()).param("name", file.fileName()).param("format", file.format())
                .param("records", file.records()).param("imported", file.imported()).param("unchanged", file.unchanged())
                .param("corrected", file.corrected()).param("quarantined", file.quarantined())
                .param("at", Timestamp.from(file.receivedAt())).param("by", file.receivedBy())
                .update() == 1;
    }

    public void updateFileCounts(UUID fileId, int imported, int unchanged, int corrected, int quarantined) {
        jdbc.sql("""
                update risk.feed_file set imported = :imported, unchanged = :unchanged, corrected = :corrected,
                    quarantined = :quarantined where id = :id
                """)
                .param("imported", imported).param("unchanged", unchanged).param("corrected", corrected)
                .param("quarantined", quarantined).param("id", fileId).update();
    }

    public Optional<FeedImportView> fileBySha(String sha256) {
        return jdbc.sql("select " + FILE_COLUMNS + " from risk.feed_file where sha256 = :sha")
                .param("sha", sha256).query(FeedRepository::file).optional();
    }

    public List<FeedImportView> files(int limit) {
        return jdbc.sql("select " + FILE_COLUMNS + " from risk.feed_file order by received_at desc, id desc limit :limit")
                .param("limit", limit).query(FeedRepository::file).list();
    }

    /** The stored records with the same keys as the given ones (one statement), by key. */
    public Map<String, Stored> stored(List<FeedRecord> records) {
        Map<String, Stored> found = new HashMap<>();
        if (records.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                select r.id, r.credit_code, r.type, r.period, r.reference, r.value, r.status, r.note, r.version
                  from risk.feed_record r
                  join unnest(:codes::text[], :types::text[], :periods::text[], :refs::text[]) as k(code, type, period, ref)
                    on r.credit_code = k.code and r.type = k.type and r.period = k.period and r.reference = k.ref
                """)
                .param("codes", records.stream().map(FeedRecord::creditCode).toArray(String[]::new))
                .param("types", records.stream().map(r -> r.type().name()).toArray(String[]::new))
                .param("periods", records.stream().map(FeedRecord::period).toArray(String[]::new))
                .param("refs", records.stream().map(FeedRecord::reference).toArray(String[]::new))
                .query(rs -> {
                    String key = rs.getString("credit_code") + "|" + rs.getString("type") + "|" + rs.getString("period")
                            + "|" + rs.getString("reference");
                    long value = rs.getLong("value");
                    found.put(key, new Stored(rs.getObject("id", UUID.class), key, rs.wasNull() ? null : value,
                            rs.getString("status"), rs.getString("note"), rs.getInt("version")));
                });
        return found;
    }

    /** A record to insert, for its merchant, from a file. */
    public record NewRecord(UUID id, UUID merchantId, FeedRecord record) { }

    /** Inserts new records (a key inserted meanwhile by another import is skipped); answers how many were inserted. */
    public int insertRecords(List<NewRecord> records, String provider, UUID fileId, Instant at) {
        if (records.isEmpty()) {
            return 0;
        }
        int[][] counts = template.batchUpdate("""
                insert into risk.feed_record (id, merchant_id, credit_code, type, period, period_start, value, status,
                    reference, note, provider, file_id, line, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (credit_code, type, period, reference) do nothing
                """, records, 1_000, (ps, r) -> {
                    FeedRecord f = r.record();
                    ps.setObject(1, r.id());
                    ps.setObject(2, r.merchantId());
                    ps.setString(3, f.creditCode());
                    ps.setString(4, f.type().name());
                    ps.setString(5, f.period());
                    ps.setDate(6, Date.valueOf(f.periodStart()));
                    ps.setObject(7, f.value());
                    ps.setString(8, f.status());
                    ps.setString(9, f.reference());
                    ps.setString(10, f.note());
                    ps.setString(11, provider);
                    ps.setObject(12, fileId);
                    ps.setInt(13, f.line());
                    ps.setTimestamp(14, Timestamp.from(at));
                });
        int inserted = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                inserted += Math.max(count, 0);
            }
        }
        return inserted;
    }

    /** A correction: the old content kept in feed_correction, the record updated with the new content. */
    public record Correction(Stored before, FeedRecord after, UUID correctionId) { }

    public void correct(List<Correction> corrections, String provider, UUID fileId, Instant at) {
        if (corrections.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                insert into risk.feed_correction (id, record_id, version, value, status, note, provider, file_id, line, replaced_at)
                select ?, r.id, r.version, r.value, r.status, r.note, r.provider, r.file_id, r.line, ?
                  from risk.feed_record r where r.id = ?
                """, corrections, 1_000, (ps, c) -> {
                    ps.setObject(1, c.correctionId());
                    ps.setTimestamp(2, Timestamp.from(at));
                    ps.setObject(3, c.before().id());
                });
        template.batchUpdate("""
                update risk.feed_record set value = ?, status = ?, note = ?, provider = ?, file_id = ?, line = ?,
                    received_at = ?, version = version + 1, arrival = nextval('risk.feed_arrival')
                 where id = ?
                """, corrections, 1_000, (ps, c) -> {
                    ps.setObject(1, c.after().value());
                    ps.setString(2, c.after().status());
                    ps.setString(3, c.after().note());
                    ps.setString(4, provider);
                    ps.setObject(5, fileId);
                    ps.setInt(6, c.after().line());
                    ps.setTimestamp(7, Timestamp.from(at));
                    ps.setObject(8, c.before().id());
                });
    }

    /** A merchant's latest status per list type (LISTED or REMOVED), by the record's day then its arrival. */
    public record ListEntry(UUID merchantId, FeedType list, String status, LocalDate day, String reference, String provider) { }

    public List<ListEntry> latestListEntries(List<UUID> merchantIds) {
        if (merchantIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select distinct on (merchant_id, type) merchant_id, type, status, period_start, reference, provider
                  from risk.feed_record
                 where merchant_id = any(cast(:ids as uuid[])) and type in ('DISHONEST_DEBTOR', 'ABNORMAL_OPERATION', 'DEREGISTRATION')
                 order by merchant_id, type, period_start desc, arrival desc
                """)
                .param("ids", SqlIds.of(merchantIds))
                .query((rs, n) -> new ListEntry(rs.getObject("merchant_id", UUID.class), FeedType.valueOf(rs.getString("type")),
                        rs.getString("status"), rs.getObject("period_start", LocalDate.class), rs.getString("reference"),
                        rs.getString("provider")))
                .list();
    }

    // ------------------------------------------------------------------ quarantine

    /** Holds a record of an unknown credit code; a repeat of an open one updates it instead of adding another. */
    public void quarantine(UUID id, UUID fileId, FeedRecord r, String reason, String provider, Instant at) {
        jdbc.sql("""
                insert into risk.quarantine (id, file_id, line, credit_code, type, period, period_start, value, status,
                    reference, note, reason, provider, received_at)
                values (:id, :file, :line, :code, :type, :period, :start, :value, :status, :ref, :note, :reason, :provider, :at)
                on conflict (credit_code, type, period, reference) where resolved_at is null
                do update set value = excluded.value, status = excluded.status, note = excluded.note,
                    file_id = excluded.file_id, line = excluded.line, provider = excluded.provider,
                    received_at = excluded.received_at
                """)
                .param("id", id).param("file", fileId).param("line", r.line()).param("code", r.creditCode())
                .param("type", r.type().name()).param("period", r.period()).param("start", Date.valueOf(r.periodStart()))
                .param("value", r.value()).param("status", r.status()).param("ref", r.reference()).param("note", r.note())
                .param("reason", reason).param("provider", provider).param("at", Timestamp.from(at))
                .update();
    }

    public List<QuarantineView> quarantined(boolean openOnly, int limit) {
        return jdbc.sql("select " + QUARANTINE_COLUMNS + " from risk.quarantine"
                        + (openOnly ? " where resolved_at is null" : "") + " order by received_at desc, id desc limit :limit")
                .param("limit", limit).query(FeedRepository::quarantined).list();
    }

    public Optional<QuarantineView> lockQuarantined(UUID id) {
        return jdbc.sql("select " + QUARANTINE_COLUMNS + " from risk.quarantine where id = :id for update")
                .param("id", id).query(FeedRepository::quarantined).optional();
    }

    public void resolve(UUID id, String resolution, String by, Instant at) {
        jdbc.sql("update risk.quarantine set resolved_at = :at, resolution = :resolution, resolved_by = :by where id = :id")
                .param("at", Timestamp.from(at)).param("resolution", resolution).param("by", by).param("id", id).update();
    }

    private static FeedImportView file(ResultSet rs, int row) throws SQLException {
        return new FeedImportView(rs.getObject("id", UUID.class), rs.getString("sha256"), rs.getString("provider"),
                rs.getString("channel"), rs.getString("file_name"), rs.getString("format"), rs.getInt("records"),
                rs.getInt("imported"), rs.getInt("unchanged"), rs.getInt("corrected"), rs.getInt("quarantined"),
                rs.getTimestamp("received_at").toInstant(), rs.getString("received_by"), false);
    }

    private static QuarantineView quarantined(ResultSet rs, int row) throws SQLException {
        long value = rs.getLong("value");
        Long boxed = rs.wasNull() ? null : value;
        Timestamp resolved = rs.getTimestamp("resolved_at");
        return new QuarantineView(rs.getObject("id", UUID.class), rs.getObject("file_id", UUID.class), rs.getInt("line"),
                rs.getString("credit_code"), FeedType.valueOf(rs.getString("type")), rs.getString("period"), boxed,
                rs.getString("status"), rs.getString("reference"), rs.getString("note"), rs.getString("reason"),
                rs.getString("provider"), rs.getTimestamp("received_at").toInstant(),
                resolved == null ? null : resolved.toInstant(), rs.getString("resolution"), rs.getString("resolved_by"));
    }

    /** Rebuilds the validated record of a quarantined one (for release into the feeds). */
    public static FeedRecord recordOf(QuarantineView q) {
        return new FeedRecord(q.creditCode(), q.type(), q.period(), FeedRecord.startOf(q.type(), q.period()), q.value(),
                q.status(), q.reference(), q.note(), q.line());
    }
}
