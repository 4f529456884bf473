package org.fangxin.oversight.report;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.oversight.Quarter;
import org.fangxin.oversight.QuarterlyStatement;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Quarterly statements: written once per quarter from the owners' published views (card.merchant_day_flows,
 * refund.merchant_day_refunds, complaint.merchant_day_complaints, risk.merchant_tier) and the daily balance snapshot;
 * read by merchant or by region prefix and sector.
 */
@Repository
public class StatementRepository {

    private static final String COLUMNS = "quarter, merchant_id, legal_name, region_code, sector, sold_minor, "
            + "redeemed_minor, refunds, refunded_minor, outstanding_minor, escrow_minor, advance_minor, deposit_minor, "
            + "complaints, tier";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    StatementRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * Claims the quarter (false when it was generated already, by this or another instance: the primary key makes the
     * second claim wait for the first transaction and then insert nothing).
     */
    public boolean claim(Quarter quarter, Instant now) {
        return jdbc.sql("""
                insert into oversight.quarterly_run (quarter, merchants, generated_at) values (:quarter, 0, :now)
                on conflict (quarter) do nothing
                """).param("quarter", quarter.toString()).param("now", Timestamp.from(now)).update() == 1;
    }

    /** Writes the quarter's statement of every merchant active in it (a snapshot or a flow) that has none yet; returns how many. */
    public int generate(Quarter quarter) {
        int count = jdbc.sql("""
                insert into oversight.quarterly_statement (quarter, merchant_id, region_code, sector, legal_name,
                       sold_minor, redeemed_minor, refunds, refunded_minor, outstanding_minor, escrow_minor,
                       advance_minor, deposit_minor, complaints, tier)
                select :quarter, m.merchant_id, m.region_code, m.sector, m.legal_name,
                       coalesce(f.sold, 0), coalesce(f.redeemed, 0), coalesce(r.refunds, 0), coalesce(r.refunded, 0),
                       coalesce(s.outstanding_minor, 0), coalesce(s.escrow_minor, 0), coalesce(s.advance_minor, 0),
                       coalesce(s.deposit_minor, 0), coalesce(c.complaints, 0), t.tier
                  from merchant.merchant_scope m
                  left join (select merchant_id, sum(sold_minor) sold, sum(redeemed_minor) redeemed
                               from card.merchant_day_flows where currency = 'CNY' and day between :first and :last
                              group by merchant_id) f on f.merchant_id = m.merchant_id
                  left join (select merchant_id, sum(refunds) refunds, sum(refunded_minor) refunded
                               from refund.merchant_day_refunds where currency = 'CNY' and day between :first and :last
                              group by merchant_id) r on r.merchant_id = m.merchant_id
                  left join (select merchant_id, sum(complaints) complaints
                               from complaint.merchant_day_complaints where day between :first and :last
                              group by merchant_id) c on c.merchant_id = m.merchant_id
                  left join lateral (select * from oversight.balance_snapshot b
                                      where b.merchant_id = m.merchant_id and b.day between :first and :last
                                      order by b.day desc limit 1) s on true
                  left join risk.merchant_tier t on t.merchant_id = m.merchant_id
                 where m.status not in ('PENDING', 'REJECTED')
                   and (s.merchant_id is not null or f.merchant_id is not null or r.merchant_id is not null
                        or c.merchant_id is not null)
                on conflict (quarter, merchant_id) do nothing
                """).param("quarter", quarter.toString()).param("first", Date.valueOf(quarter.first()))
                .param("last", Date.valueOf(quarter.last())).update();
        recount(quarter);
        return count;
    }

    /** The run's merchant count: the quarter's statements here. */
    public void recount(Quarter quarter) {
        jdbc.sql("""
                update oversight.quarterly_run set merchants = (select count(*) from oversight.quarterly_statement
                                                                  where quarter = :quarter) where quarter = :quarter""")
                .param("quarter", quarter.toString()).update();
    }

    /** The quarter's statements here, to be copied to the directory shard (ADR 12 §8e). */
    public List<QuarterlyStatement> ofQuarter(Quarter quarter) {
        return jdbc.sql("select " + COLUMNS + " from oversight.quarterly_statement where quarter = :q")
                .param("q", quarter.toString()).query(StatementRepository::row).list();
    }

    /** Adds another shard's statements here (each once); returns how many were new. */
    public int insert(List<QuarterlyStatement> copies) {
        if (copies.isEmpty()) {
            return 0;
        }
        int[][] added = template.batchUpdate("""
                insert into oversight.quarterly_statement (quarter, merchant_id, legal_name, region_code, sector,
                       sold_minor, redeemed_minor, refunds, refunded_minor, outstanding_minor, escrow_minor,
                       advance_minor, deposit_minor, complaints, tier)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (quarter, merchant_id) do nothing
                """, copies, 1000, (ps, s) -> {
                    ps.setString(1, s.quarter());
                    ps.setObject(2, s.merchantId());
                    ps.setString(3, s.legalName());
                    ps.setString(4, s.regionCode());
                    ps.setString(5, s.sector());
                    ps.setLong(6, s.sold().amountMinor());
                    ps.setLong(7, s.redeemed().amountMinor());
                    ps.setLong(8, s.refunds());
                    ps.setLong(9, s.refunded().amountMinor());
                    ps.setLong(10, s.outstanding().amountMinor());
                    ps.setLong(11, s.escrow().amountMinor());
                    ps.setLong(12, s.advance().amountMinor());
                    ps.setLong(13, s.deposit().amountMinor());
                    ps.setLong(14, s.complaints());
                    ps.setString(15, s.tier());
                });
        return java.util.Arrays.stream(added).flatMapToInt(java.util.Arrays::stream).map(n -> Math.max(n, 0)).sum();
    }

    /** The quarters generated, newest first. */
    public List<org.fangxin.oversight.ReportRun> quarters() {
        return jdbc.sql("select quarter, merchants, generated_at from oversight.quarterly_run order by quarter desc")
                .query((rs, n) -> new org.fangxin.oversight.ReportRun(rs.getString(1), rs.getLong(2),
                        rs.getTimestamp(3).toInstant())).list();
    }

    /** The earliest day with a balance snapshot (the job generates quarters from that one on). */
    public Optional<java.time.LocalDate> firstSnapshotDay() {
        return jdbc.sql("select min(day) from oversight.snapshot_run").query(Date.class).optional().map(Date::toLocalDate);
    }

    public Optional<QuarterlyStatement> find(String quarter, UUID merchantId) {
        return jdbc.sql("select " + COLUMNS + " from oversight.quarterly_statement where quarter = :q and merchant_id = :m")
                .param("q", quarter).param("m", merchantId).query(StatementRepository::row).optional();
    }

    /** A merchant's statements, newest first. */
    public List<QuarterlyStatement> ofMerchant(UUID merchantId) {
        return jdbc.sql("select " + COLUMNS + " from oversight.quarterly_statement where merchant_id = :m order by quarter desc")
                .param("m", merchantId).query(StatementRepository::row).list();
    }

    /** The quarter's statements of a region prefix ({@code 4102%}) and sector (null: all), largest balance first. */
    public List<QuarterlyStatement> inRegion(String quarter, String regionPrefix, String sector, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                  from oversight.quarterly_statement
                 where quarter = :q and region_code like :prefix and (cast(:sector as text) is null or sector = :sector)
                 order by coalesce(tier, 'E'), outstanding_minor desc, merchant_id limit :limit
                """).param("q", quarter).param("prefix", regionPrefix).param("sector", sector).param("limit", limit)
                .query(StatementRepository::row).list();
    }

    /** The quarter's sums of a region prefix and sector, per tier ({@code -}: not rated). */
    public java.util.Map<String, QuarterlyStatement> totalsByTier(String quarter, String regionPrefix, String sector) {
        java.util.Map<String, QuarterlyStatement> rows = new java.util.TreeMap<>();
        jdbc.sql("""
                select :q, null::uuid, count(*)::text, null, null, sum(sold_minor), sum(redeemed_minor), sum(refunds),
                       sum(refunded_minor), sum(outstanding_minor), sum(escrow_minor), sum(advance_minor),
                       sum(deposit_minor), sum(complaints), coalesce(tier, '-')
                  from oversight.quarterly_statement
                 where quarter = :q and region_code like :prefix and (cast(:sector as text) is null or sector = :sector)
                 group by coalesce(tier, '-')
                """).param("q", quarter).param("prefix", regionPrefix).param("sector", sector)
                .query((rs, n) -> rows.put(rs.getString(15), row(rs, n))).list();
        return rows;
    }

    private static QuarterlyStatement row(ResultSet rs, int n) throws SQLException {
        return new QuarterlyStatement(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getString(4) == null ? null : rs.getString(4).trim(), null, rs.getString(5), Money.fen(rs.getLong(6)), Money.fen(rs.getLong(7)),
                rs.getLong(8), Money.fen(rs.getLong(9)), Money.fen(rs.getLong(10)), Money.fen(rs.getLong(11)),
                Money.fen(rs.getLong(12)), Money.fen(rs.getLong(13)), rs.getLong(14), rs.getString(15));
    }
}
