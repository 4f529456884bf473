package org.fangxin.oversight.snapshot;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.fangxin.oversight.BalanceFigures;
import org.fangxin.oversight.BalanceDashboardView.MerchantRow;
import org.fangxin.oversight.BalanceDashboardView.TrendPoint;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The daily balance snapshot: taken in two statements from the owners' published views (one pass over the live cards
 * per day, in the job), and read by region prefix and sector at request time (a few rows of roll-ups, or one page of
 * merchants through the scope index). Region filters are GB/T 2260 prefixes ({@code 4102%}); sector null means all.
 */
@Repository
public class SnapshotRepository {

    static final String FIGURES = "count(*), sum(live_cards), sum(outstanding_minor), sum(escrow_minor), sum(advance_minor), "
            + "sum(deposit_minor), sum(insured_minor), sum(uncovered_minor)";
    static final String MERCHANT_COLUMNS = "merchant_id, legal_name, region_code, sector, 1, live_cards, outstanding_minor, "
            + "escrow_minor, advance_minor, deposit_minor, insured_minor, uncovered_minor";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    SnapshotRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * Replaces the day's per-merchant rows; returns how many merchants were snapshot. Escrow counts what is held for
     * consumers: the escrow account less what it owes the merchant (MERCHANT_PAYABLE, MERCHANT_SETTLEMENT), so by the
     * escrow identity (docs/ledger.md) escrow + advance = unredeemed value + refunds payable.
     */
    public int takeMerchantRows(LocalDate day) {
        jdbc.sql("delete from oversight.balance_snapshot where day = :day").param("day", Date.valueOf(day)).update();
        return jdbc.sql("""
                insert into oversight.balance_snapshot (day, merchant_id, region_code, sector, legal_name, credit_code,
                       live_cards, outstanding_minor, escrow_minor, advance_minor, deposit_minor, insured_minor,
                       uncovered_minor)
                select :day, m.merchant_id, m.region_code, m.sector, m.legal_name, m.credit_code, coalesce(c.live_cards, 0),
                       coalesce(c.unredeemed_minor, 0), coalesce(b.escrow, 0), coalesce(b.advance, 0),
                       coalesce(b.deposit, 0), coalesce(p.insured_cover_minor, 0),
                       greatest(0, coalesce(c.unredeemed_minor, 0) - coalesce(b.escrow, 0) - coalesce(b.deposit, 0)
                                   - coalesce(p.insured_cover_minor, 0))
                  from merchant.merchant_scope m
                  left join card.merchant_card_totals c on c.merchant_id = m.merchant_id and c.currency = 'CNY'
                  left join (select owner_id,
                                    greatest(0, coalesce(sum(normal_balance_minor) filter (where type = 'ESCROW'), 0)
                                        - coalesce(sum(normal_balance_minor) filter (where type in ('MERCHANT_PAYABLE',
                                                   'MERCHANT_SETTLEMENT')), 0)) as escrow,
                                    sum(normal_balance_minor) filter (where type = 'MERCHANT_ADVANCE') as advance,
                                    sum(normal_balance_minor) filter (where type = 'RISK_DEPOSIT') as deposit
                               from ledger.owner_balance
                              where currency = 'CNY' and type in ('ESCROW', 'MERCHANT_ADVANCE', 'RISK_DEPOSIT',
                                                                 'MERCHANT_PAYABLE', 'MERCHANT_SETTLEMENT')
                              group by owner_id) b on b.owner_id = m.merchant_id
                  left join protection.merchant_cover p on p.merchant_id = m.merchant_id and p.currency = 'CNY'
                 where m.status not in ('PENDING', 'REJECTED')
                """).param("day", Date.valueOf(day)).update();
    }

    /** One merchant's row of a day's snapshot with its credit code, as copied from a shard to the directory shard. */
    public record Copy(MerchantRow row, String creditCode) { }

    /** The day's rows on this database, to be copied to the directory shard (ADR 12 §8e). */
    public List<Copy> rows(LocalDate day) {
        return jdbc.sql("select " + MERCHANT_COLUMNS + ", credit_code from oversight.balance_snapshot where day = :day")
                .param("day", Date.valueOf(day))
                .query((rs, n) -> new Copy(merchantAt(rs, 0), rs.getString(13))).list();
    }

    /** Adds rows of another shard's merchants to the day's snapshot here, in batches. */
    public void insert(LocalDate day, List<Copy> rows) {
        if (rows.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                insert into oversight.balance_snapshot (day, merchant_id, region_code, sector, legal_name, credit_code,
                       live_cards, outstanding_minor, escrow_minor, advance_minor, deposit_minor, insured_minor,
                       uncovered_minor)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, rows, 1000, (ps, copy) -> {
                    MerchantRow r = copy.row();
                    BalanceFigures f = r.figures();
                    ps.setDate(1, Date.valueOf(day));
                    ps.setObject(2, r.merchantId());
                    ps.setString(3, r.regionCode());
                    ps.setString(4, r.sector());
                    ps.setString(5, r.legalName());
                    ps.setString(6, copy.creditCode());
                    ps.setLong(7, f.liveCards());
                    ps.setLong(8, f.outstanding().amountMinor());
                    ps.setLong(9, f.escrow().amountMinor());
                    ps.setLong(10, f.advance().amountMinor());
                    ps.setLong(11, f.deposit().amountMinor());
                    ps.setLong(12, f.insured().amountMinor());
                    ps.setLong(13, f.uncovered().amountMinor());
                });
    }

    /** Sums the day's merchant rows per region level (district, city, province, country) and sector. */
    public void rollUp(LocalDate day) {
        jdbc.sql("delete from oversight.region_balance where day = :day").param("day", Date.valueOf(day)).update();
        jdbc.sql("""
                insert into oversight.region_balance (day, region_code, sector, merchants, live_cards, outstanding_minor,
                       escrow_minor, advance_minor, deposit_minor, insured_minor, uncovered_minor)
                select :day, r.code, s.sector,""" + " " + FIGURES + """

                  from oversight.balance_snapshot s
                 cross join lateral (select distinct code from (values (s.region_code),
                        (substr(s.region_code, 1, 4) || '00'), (substr(s.region_code, 1, 2) || '0000'), ('000000')) v(code)) r
                 where s.day = :day
                 group by r.code, s.sector
                """).param("day", Date.valueOf(day)).update();
    }

    public void recordRun(LocalDate day, long merchants, Money guaranteeFund, Instant started, Instant finished) {
        jdbc.sql("""
                insert into oversight.snapshot_run (day, merchants, guarantee_fund_minor, started_at, finished_at)
                values (:day, :merchants, :fund, :started, :finished)
                on conflict (day) do update set merchants = excluded.merchants,
                    guarantee_fund_minor = excluded.guarantee_fund_minor, started_at = excluded.started_at,
                    finished_at = excluded.finished_at
                """).param("day", Date.valueOf(day)).param("merchants", merchants).param("fund", guaranteeFund.amountMinor())
                .param("started", Timestamp.from(started)).param("finished", Timestamp.from(finished)).update();
    }

    /** The platform guarantee fund's balance (one platform account, no owner). */
    public Money guaranteeFund() {
        return Money.fen(jdbc.sql("""
                select coalesce(sum(normal_balance_minor), 0) from ledger.owner_balance
                 where type = 'PLATFORM_GUARANTEE_FUND' and currency = 'CNY'
                """).query(Long.class).single());
    }

    public record Run(LocalDate day, long merchants, Money guaranteeFund, Instant finishedAt) { }

    /** The latest snapshot taken on or before {@code day}. */
    public Optional<Run> latestRun(LocalDate day) {
        return jdbc.sql("""
                select day, merchants, guarantee_fund_minor, finished_at from oversight.snapshot_run
                 where day <= :day order by day desc limit 1
                """).param("day", Date.valueOf(day))
                .query((rs, n) -> new Run(rs.getDate(1).toLocalDate(), rs.getLong(2), Money.fen(rs.getLong(3)),
                        rs.getTimestamp(4).toInstant())).optional();
    }

    /** Figures per sector of one region (code, or {@code 000000} for the country) on the day. */
    public Map<String, BalanceFigures> bySector(LocalDate day, String regionCode, String sector) {
        Map<String, BalanceFigures> rows = new java.util.TreeMap<>();
        jdbc.sql("""
                select sector, sum(merchants), sum(live_cards), sum(outstanding_minor), sum(escrow_minor),
                       sum(advance_minor), sum(deposit_minor), sum(insured_minor), sum(uncovered_minor)
                  from oversight.region_balance
                 where day = :day and region_code = :region and (cast(:sector as text) is null or sector = :sector)
                 group by sector
                """).param("day", Date.valueOf(day)).param("region", regionCode).param("sector", sector)
                .query((rs, n) -> rows.put(rs.getString(1), figures(rs, 2))).list();
        return rows;
    }

    /** Figures per region among {@code regionCodes} on the day (regions without merchants are absent). */
    public Map<String, BalanceFigures> byRegion(LocalDate day, List<String> regionCodes, String sector) {
        Map<String, BalanceFigures> rows = new java.util.TreeMap<>();
        if (regionCodes.isEmpty()) {
            return rows;
        }
        jdbc.sql("""
                select region_code, sum(merchants), sum(live_cards), sum(outstanding_minor), sum(escrow_minor),
                       sum(advance_minor), sum(deposit_minor), sum(insured_minor), sum(uncovered_minor)
                  from oversight.region_balance
                 where day = :day and region_code in (:regions) and (cast(:sector as text) is null or sector = :sector)
                 group by region_code
                """).param("day", Date.valueOf(day)).param("regions", regionCodes).param("sector", sector)
                .query((rs, n) -> rows.put(rs.getString(1).trim(), figures(rs, 2))).list();
        return rows;
    }

    /** One region's totals per day from {@code from} to {@code to}, oldest first. */
    public List<TrendPoint> trend(String regionCode, String sector, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select day, sum(outstanding_minor), sum(escrow_minor + deposit_minor + insured_minor), sum(uncovered_minor)
                  from oversight.region_balance
                 where region_code = :region and (cast(:sector as text) is null or sector = :sector)
                   and day between :from and :to
                 group by day order by day
                """).param("region", regionCode).param("sector", sector).param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query((rs, n) -> new TrendPoint(rs.getDate(1).toLocalDate(), Money.fen(rs.getLong(2)),
                        Money.fen(Math.min(rs.getLong(3), rs.getLong(2))), Money.fen(rs.getLong(4)))).list();
    }

    /** Merchants of the region prefix and sector on the day, ordered by {@code order} (a fixed column), one page. */
    public List<MerchantRow> merchants(LocalDate day, String regionPrefix, String sector, Order order, int limit) {
        return jdbc.sql("select " + MERCHANT_COLUMNS + """
                  from oversight.balance_snapshot
                 where day = :day and region_code like :prefix and (cast(:sector as text) is null or sector = :sector)
                """ + " order by " + order.sql + ", merchant_id limit :limit")
                .param("day", Date.valueOf(day)).param("prefix", regionPrefix).param("sector", sector)
                .param("limit", limit).query(SnapshotRepository::merchant).list();
    }

    /** Every merchant of the region prefix and sector on the day, streamed in pages of 1,000 rows from the server. */
    public void eachMerchant(LocalDate day, String regionPrefix, String sector, Consumer<MerchantRow> sink) {
        eachFeedLine(day, regionPrefix, sector, (row, creditCode) -> sink.accept(row));
    }

    /** A feed line's source: the snapshot row and the merchant's credit code. */
    public interface FeedSink {
        void accept(MerchantRow row, String creditCode);
    }

    /**
     * Every merchant of the region prefix and sector on the day with its credit code (from the merchant module's
     * published view), largest balance first then merchant id, streamed in pages of 1,000 rows from the server.
     */
    public void eachFeedLine(LocalDate day, String regionPrefix, String sector, FeedSink sink) {
        template.query(con -> {
            var statement = con.prepareStatement("""
                    select s.merchant_id, s.legal_name, s.region_code, s.sector, 1, live_cards, outstanding_minor,
                           escrow_minor, advance_minor, deposit_minor, insured_minor, uncovered_minor, coalesce(s.credit_code, m.credit_code)
                      from oversight.balance_snapshot s left join merchant.merchant_scope m on m.merchant_id = s.merchant_id
                                                     and s.credit_code is null
                     where s.day = ? and s.region_code like ? and (cast(? as text) is null or s.sector = ?)
                     order by s.outstanding_minor desc, s.merchant_id
                    """);
            statement.setFetchSize(1000);
            statement.setDate(1, Date.valueOf(day));
            statement.setString(2, regionPrefix);
            statement.setString(3, sector);
            statement.setString(4, sector);
            return statement;
        }, rs -> {
            sink.accept(merchant(rs, 0), rs.getString(13));
        });
    }

    /** A merchant's own rows, newest first. */
    public List<Map.Entry<LocalDate, MerchantRow>> history(UUID merchantId, int days) {
        return jdbc.sql("select day, " + MERCHANT_COLUMNS + """
                  from oversight.balance_snapshot where merchant_id = :merchant order by day desc limit :days
                """).param("merchant", merchantId).param("days", days)
                .query((rs, n) -> Map.entry(rs.getDate(1).toLocalDate(), merchantAt(rs, 1))).list();
    }

    public enum Order {
        OUTSTANDING("outstanding_minor desc"), UNCOVERED("uncovered_minor desc");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    private static MerchantRow merchant(ResultSet rs, int row) throws SQLException {
        return merchantAt(rs, 0);
    }

    private static MerchantRow merchantAt(ResultSet rs, int offset) throws SQLException {
        return new MerchantRow(rs.getObject(offset + 1, UUID.class), rs.getString(offset + 2),
                rs.getString(offset + 3).trim(), null, rs.getString(offset + 4), figures(rs, offset + 5));
    }

    private static BalanceFigures figures(ResultSet rs, int first) throws SQLException {
        return new BalanceFigures(rs.getLong(first), rs.getLong(first + 1), Money.fen(rs.getLong(first + 2)),
                Money.fen(rs.getLong(first + 3)), Money.fen(rs.getLong(first + 4)), Money.fen(rs.getLong(first + 5)),
                Money.fen(rs.getLong(first + 6)), Money.fen(rs.getLong(first + 7)));
    }
}
