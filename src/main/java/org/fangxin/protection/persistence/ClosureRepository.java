package org.fangxin.protection.persistence;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.protection.ClosureSource;
import org.fangxin.protection.ClosureStatus;
import org.fangxin.protection.ClosureStepView;
import org.fangxin.protection.domain.ClosureCase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Closure cases, their steps and consumers' reports; callers hold the transaction. */
@Repository
public class ClosureRepository {

    public static final int CASES_MAX = 500;
    private static final String CASE_COLUMNS =
            "id, merchant_id, status, source, closing_on, opened_at, opened_by, decided_at, decided_by";

    private final JdbcClient jdbc;

    public ClosureRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises openings and reports per merchant (held until the transaction ends). */
    public void lockMerchant(UUID merchantId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('closure:' || :merchant, 0))")
                .param("merchant", merchantId.toString()).query((rs, n) -> 1).list();
    }

    public Optional<ClosureCase> openCase(UUID merchantId) {
        return jdbc.sql("select " + CASE_COLUMNS + " from protection.closure_case where merchant_id = :m and status <> 'CLEARED'")
                .param("m", merchantId).query(ClosureRepository::closureCase).optional();
    }

    /** Every SUSPECTED or CONFIRMED case (they freeze their merchants), without a limit. */
    public List<ClosureCase> freezingCases() {
        return jdbc.sql("select " + CASE_COLUMNS + " from protection.closure_case where status <> 'CLEARED'")
                .query(ClosureRepository::closureCase).list();
    }

    public Optional<ClosureCase> find(UUID caseId) {
        return jdbc.sql("select " + CASE_COLUMNS + " from protection.closure_case where id = :id")
                .param("id", caseId).query(ClosureRepository::closureCase).optional();
    }

    public Optional<ClosureCase> lock(UUID caseId) {
        return jdbc.sql("select " + CASE_COLUMNS + " from protection.closure_case where id = :id for update")
                .param("id", caseId).query(ClosureRepository::closureCase).optional();
    }

    public List<ClosureCase> cases(boolean openOnly) {
        return jdbc.sql("select " + CASE_COLUMNS + " from protection.closure_case"
                        + (openOnly ? " where status <> 'CLEARED'" : "") + " order by opened_at desc, id limit " + CASES_MAX)
                .query(ClosureRepository::closureCase).list();
    }

    public List<ClosureCase> casesOf(UUID merchantId) {
        return jdbc.sql("select " + CASE_COLUMNS + " from protection.closure_case where merchant_id = :m order by opened_at desc, id")
                .param("m", merchantId).query(ClosureRepository::closureCase).list();
    }

    public void insert(ClosureCase c) {
        jdbc.sql("""
                insert into protection.closure_case (id, merchant_id, status, source, closing_on, opened_at, opened_by)
                values (:id, :merchant, :status, :source, :closingOn, :openedAt, :openedBy)
                """)
                .param("id", c.id()).param("merchant", c.merchantId()).param("status", c.status().name())
                .param("source", c.source().name())
                .param("closingOn", c.closingOn() == null ? null : Date.valueOf(c.closingOn()))
                .param("openedAt", Timestamp.from(c.openedAt())).param("openedBy", c.openedBy()).update();
    }

    public void decide(ClosureCase c) {
        int updated = jdbc.sql("""
                update protection.closure_case set status = :status, decided_at = :at, decided_by = :by
                 where id = :id and status = 'SUSPECTED'
                """)
                .param("status", c.status().name()).param("at", Timestamp.from(c.decidedAt())).param("by", c.decidedBy())
                .param("id", c.id()).update();
        if (updated != 1) {
            throw new IllegalStateException("case " + c.id() + " was decided concurrently");
        }
    }

    public void insertStep(UUID id, UUID caseId, String kind, String note, String actor, Instant at) {
        insertStep(id, caseId, kind, note, null, List.of(), actor, at);
    }

    /** A step whose note is also stored as a message key and its arguments (ADR 11). */
    public void insertStep(UUID id, UUID caseId, String kind, String note, String noteKey, List<String> noteArgs,
                           String actor, Instant at) {
        jdbc.sql("""
                insert into protection.closure_step (id, case_id, kind, note, note_key, note_args, actor, at)
                values (:id, :c, :k, :n, :key, :args, :a, :at)
                """)
                .param("id", id).param("c", caseId).param("k", kind).param("n", note).param("key", noteKey)
                .param("args", noteArgs.toArray(String[]::new)).param("a", actor).param("at", Timestamp.from(at)).update();
    }

    public List<ClosureStepView> steps(UUID caseId) {
        return jdbc.sql("select kind, note, note_key, note_args, actor, at from protection.closure_step where case_id = :c order by at, id")
                .param("c", caseId)
                .query((rs, n) -> new ClosureStepView(rs.getString("kind"), rs.getString("note"), rs.getString("note_key"),
                        List.of((String[]) rs.getArray("note_args").getArray()), rs.getString("actor"),
                        rs.getTimestamp("at").toInstant())).list();
    }

    public void insertReport(UUID id, UUID merchantId, UUID consumerId, String note, Instant at, UUID caseId) {
        jdbc.sql("""
                insert into protection.closure_report (id, merchant_id, consumer_id, note, reported_at, case_id)
                values (:id, :m, :consumer, :note, :at, :case)
                """)
                .param("id", id).param("m", merchantId).param("consumer", consumerId).param("note", note)
                .param("at", Timestamp.from(at)).param("case", caseId).update();
    }

    /** Distinct consumers who reported the merchant since {@code from} in reports not yet part of a case. */
    public long distinctReporters(UUID merchantId, Instant from) {
        return jdbc.sql("""
                select count(distinct consumer_id) from protection.closure_report
                 where merchant_id = :m and reported_at >= :from and case_id is null
                """)
                .param("m", merchantId).param("from", Timestamp.from(from)).query(Long.class).single();
    }

    public void attachReports(UUID merchantId, Instant from, UUID caseId) {
        jdbc.sql("""
                update protection.closure_report set case_id = :case
                 where merchant_id = :m and reported_at >= :from and case_id is null
                """)
                .param("case", caseId).param("m", merchantId).param("from", Timestamp.from(from)).update();
    }

    public long reporters(UUID caseId) {
        return jdbc.sql("select count(distinct consumer_id) from protection.closure_report where case_id = :c")
                .param("c", caseId).query(Long.class).single();
    }

    public Optional<Instant> lastCleared(UUID merchantId) {
        return jdbc.sql("select max(decided_at) from protection.closure_case where merchant_id = :m and status = 'CLEARED'")
                .param("m", merchantId).query((rs, n) -> rs.getTimestamp(1)).optional()
                .filter(ts -> ts != null).map(Timestamp::toInstant);
    }

    private static ClosureCase closureCase(ResultSet rs, int n) throws SQLException {
        Date closingOn = rs.getDate("closing_on");
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new ClosureCase(rs.getObject("id", UUID.class), rs.getObject("merchant_id", UUID.class),
                ClosureStatus.valueOf(rs.getString("status")), ClosureSource.valueOf(rs.getString("source")),
                closingOn == null ? null : closingOn.toLocalDate(), rs.getTimestamp("opened_at").toInstant(),
                rs.getString("opened_by"), decidedAt == null ? null : decidedAt.toInstant(), rs.getString("decided_by"));
    }
}
