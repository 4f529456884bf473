package org.fangxin.oversight.filing;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.oversight.FilingView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Filings and their rule table (oversight.filing, oversight.filing_rule). */
@Repository
public class FilingRepository {

    /** A stored filing; the view adds names and the overdue flag. */
    public record Row(UUID id, UUID merchantId, String merchantName, String regionCode, String sector, String trigger,
                      int step, String status, LocalDate dueOn, long outstandingMinor, String products,
                      String escrowBank, String depositNote, String insuranceNote, Instant submittedAt,
                      Instant answeredAt, String answeredBy, String regulatorNote, Instant createdAt) {

        public boolean overdue(LocalDate today) {
            return ("DUE".equals(status) || "CORRECTIONS_REQUESTED".equals(status)) && dueOn.isBefore(today);
        }
    }

    private static final String COLUMNS = """
            f.id, f.merchant_id, s.legal_name, f.region_code, f.sector, f.trigger, f.step, f.status, f.due_on,
            f.outstanding_minor, f.products, f.escrow_bank, f.deposit_note, f.insurance_note, f.submitted_at,
            f.answered_at, f.answered_by, f.regulator_note, f.created_at
              from oversight.filing f left join merchant.merchant_scope s on s.merchant_id = f.merchant_id
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    FilingRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A filing to open: its merchant, scope, trigger step, due day and the balance that made it due. */
    private record Due(UUID merchantId, String regionCode, String sector, int step, LocalDate dueOn, long outstandingMinor) {
    }

    /**
     * Opens the filings the day's snapshot makes due (never twice for a step): the first one for a merchant that has
     * sold prepaid cards, and one for each new multiple of its sector's threshold its outstanding balance reached.
     * The candidates are read first and inserted after, so on a city's first snapshot (empty filing table) the probe
     * per merchant never walks rows this run has just added (it was quadratic: 100,000 merchants ran for minutes).
     * Each id comes from {@code newId} with the merchant's id, so it carries the merchant's gene and a request naming
     * the filing is routed to the merchant's shard (ADR 12 §8e).
     */
    public int openDue(LocalDate day, Instant now, java.util.function.UnaryOperator<UUID> newId) {
        List<Due> due = jdbc.sql("""
                with rule as (
                    select b.merchant_id, b.region_code, b.sector, b.outstanding_minor, r.due_days,
                           case when b.live_cards = 0 and b.outstanding_minor = 0 then -1
                                else greatest(0, b.outstanding_minor / r.threshold_minor) end as step
                      from oversight.balance_snapshot b
                      join oversight.filing_rule r on r.sector = coalesce(
                           (select sector from oversight.filing_rule where sector = b.sector), '*')
                     where b.day = :day)
                select merchant_id, region_code, sector, step, cast(:day as date) + due_days, outstanding_minor
                  from rule
                 where step >= 0
                   and not exists (select 1 from oversight.filing f where f.merchant_id = rule.merchant_id and f.step >= rule.step)
                 order by step, merchant_id
                """).param("day", Date.valueOf(day)).query((rs, n) -> new Due(rs.getObject(1, UUID.class),
                        rs.getString(2).trim(), rs.getString(3), rs.getInt(4), rs.getDate(5).toLocalDate(), rs.getLong(6)))
                .list();
        int[][] inserted = template.batchUpdate("""
                insert into oversight.filing (id, merchant_id, region_code, sector, trigger, step, status, due_on,
                                              outstanding_minor, created_at)
                values (?, ?, ?, ?, ?, ?, 'DUE', ?, ?, ?)
                on conflict (merchant_id, step) do nothing
                """, due, 1000, (ps, d) -> {
                    ps.setObject(1, newId.apply(d.merchantId()));
                    ps.setObject(2, d.merchantId());
                    ps.setString(3, d.regionCode());
                    ps.setString(4, d.sector());
                    ps.setString(5, d.step() == 0 ? "STARTED_SELLING" : "BALANCE_THRESHOLD");
                    ps.setInt(6, d.step());
                    ps.setDate(7, Date.valueOf(d.dueOn()));
                    ps.setLong(8, d.outstandingMinor());
                    ps.setTimestamp(9, Timestamp.from(now));
                });
        return java.util.Arrays.stream(inserted).flatMapToInt(java.util.Arrays::stream).map(n -> Math.max(n, 0)).sum();
    }

    public Optional<Row> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " where f.id = :id").param("id", id).query(FilingRepository::row).optional();
    }

    public Optional<Row> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " where f.id = :id for update of f").param("id", id)
                .query(FilingRepository::row).optional();
    }

    /** Filings of a region prefix and sector (null: all) or of one merchant, open ones and the newest first. */
    /** {@link #list}'s order, for merging the lists of several shards (PostgreSQL orders uuids as their text). */
    public static final java.util.Comparator<Row> LIST_ORDER = java.util.Comparator
            .comparing((Row r) -> !("DUE".equals(r.status()) || "CORRECTIONS_REQUESTED".equals(r.status())))
            .thenComparing(Row::dueOn).thenComparing(Row::createdAt, java.util.Comparator.reverseOrder())
            .thenComparing(r -> r.id().toString());

    public List<Row> list(String regionPrefix, String sector, UUID merchantId, String status, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                 where f.region_code like :prefix and (cast(:sector as text) is null or f.sector = :sector)
                   and (cast(:merchant as uuid) is null or f.merchant_id = :merchant)
                   and (cast(:status as text) is null or f.status = :status)
                 order by (f.status in ('DUE', 'CORRECTIONS_REQUESTED')) desc, f.due_on, f.created_at desc, f.id
                 limit :limit
                """).param("prefix", regionPrefix).param("sector", sector).param("merchant", merchantId)
                .param("status", status).param("limit", limit).query(FilingRepository::row).list();
    }

    /**
     * Whether an overdue filing (due or sent back before {@code today}) whose rule blocks sales stops the merchant's
     * sales: the published view {@code oversight.sales_block}, which the card module's purchase check reads too.
     */
    public boolean blocksSales(UUID merchantId, LocalDate today) {
        return jdbc.sql("""
                select exists (select 1 from oversight.sales_block where merchant_id = :merchant and blocked_from <= :today)
                """).param("merchant", merchantId).param("today", Date.valueOf(today)).query(Boolean.class).single();
    }

    public void submit(UUID id, FilingView.Submission filed, String by, Instant at) {
        jdbc.sql("""
                update oversight.filing set status = 'SUBMITTED', products = :products, escrow_bank = :bank,
                       deposit_note = :deposit, insurance_note = :insurance, submitted_at = :at, submitted_by = :by
                 where id = :id
                """).param("products", filed.products()).param("bank", filed.escrowBank())
                .param("deposit", filed.depositNote()).param("insurance", filed.insuranceNote())
                .param("at", Timestamp.from(at)).param("by", by).param("id", id).update();
    }

    public void answer(UUID id, String status, String note, String by, Instant at) {
        jdbc.sql("""
                update oversight.filing set status = :status, regulator_note = :note, answered_at = :at, answered_by = :by
                 where id = :id
                """).param("status", status).param("note", note).param("at", Timestamp.from(at)).param("by", by)
                .param("id", id).update();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4).trim(),
                rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getDate(9).toLocalDate(),
                rs.getLong(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                instant(rs.getTimestamp(15)), instant(rs.getTimestamp(16)), rs.getString(17), rs.getString(18),
                instant(rs.getTimestamp(19)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
