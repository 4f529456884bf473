package org.fangxin.risk.persistence;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.fangxin.risk.domain.SignalInputs;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads what the factors of a chunk of merchants are computed from, in one statement over the risk schema: activity
 * windows, platform complaints, feed series and counts (one round trip per chunk: docs/performance.md, risk rating).
 */
@Repository
public class InputsRepository {

    /** Monthly series are read this many months back from today (12 months before a late last report, plus slack). */
    static final int SERIES_MONTHS = 16;

    /**
     * One row per kind and merchant, in common columns: {@code activity} (sums n1–n6, prior active days n7),
     * {@code collected} (d1: the last day collected), {@code complaints} (n1: platform complaints of 90 days, d1: the
     * last upheld), {@code series} (a monthly feed value: type, d1 month, n1 value) and {@code events} (court cases and
     * 12315 complaints: n1, d1 and n2, d2; d3 the last upheld 12315 complaint).
     */
    private static final String CHUNK_INPUTS = """
            select 'activity' as kind, merchant_id, null::text as type, null::date as d1, null::date as d2, null::date as d3,
                   coalesce(sum(sales_minor) filter (where day >= :d30), 0)::bigint as n1,
                   coalesce(sum(sales_minor) filter (where day < :d30), 0)::bigint as n2,
                   coalesce(sum(redemptions) filter (where day >= :d30), 0)::bigint as n3,
                   coalesce(sum(redemptions) filter (where day < :d30), 0)::bigint as n4,
                   coalesce(sum(refund_requests) filter (where day >= :d30), 0)::bigint as n5,
                   coalesce(sum(closure_reports) filter (where day >= :d30), 0)::bigint as n6,
                   greatest(0, :d30::date - greatest(min(day) filter (where sales_count > 0 or redemptions > 0), :d120::date))::bigint as n7
              from risk.activity_day
             where merchant_id = any(cast(:ids as uuid[])) and day >= :d120 and day < :today
             group by merchant_id
            union all
            select 'collected', null, null, collected_through, null, null, 0, 0, 0, 0, 0, 0, 0
              from risk.collection where source = 'activity'
            union all
            select 'complaints', merchant_id, null, max(upheld_on), null, null, count(*) filter (where filed_on >= :d90),
                   0, 0, 0, 0, 0, 0
              from risk.complaint where merchant_id = any(cast(:ids as uuid[])) group by merchant_id
            union all
            select 'series', merchant_id, type, period_start, null, null, value, 0, 0, 0, 0, 0, 0
              from risk.feed_record
             where merchant_id = any(cast(:ids as uuid[])) and period_start >= :since
               and type in ('TAX_PAID', 'TAX_ARREARS', 'SOCIAL_INSURANCE_HEADCOUNT', 'UTILITY_CONSUMPTION')
            union all
            select 'events', f.merchant_id, null,
                   max(period_start) filter (where type in ('COURT_JUDGMENT', 'COURT_ENFORCEMENT')),
                   max(period_start) filter (where type = 'COMPLAINT_12315'),
                   max(period_start) filter (where type = 'COMPLAINT_12315' and status = 'UPHELD'),
                   count(*) filter (where type in ('COURT_JUDGMENT', 'COURT_ENFORCEMENT') and period_start >= :d365),
                   count(*) filter (where type = 'COMPLAINT_12315' and period_start >= :d90 and c.ref_12315 is null),
                   0, 0, 0, 0, 0
              from risk.feed_record f
              left join (select distinct merchant_id, ref_12315 from risk.complaint
                          where merchant_id = any(cast(:ids as uuid[])) and ref_12315 is not null) c
                on f.type = 'COMPLAINT_12315' and c.merchant_id = f.merchant_id and c.ref_12315 = f.reference
             where f.merchant_id = any(cast(:ids as uuid[])) and type in ('COURT_JUDGMENT', 'COURT_ENFORCEMENT', 'COMPLAINT_12315')
             group by f.merchant_id
            """;

    private final JdbcClient jdbc;

    public InputsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The last day whose activity has been collected, if any. */
    public Optional<LocalDate> collectedThrough(String source) {
        return jdbc.sql("select collected_through from risk.collection where source = :source")
                .param("source", source).query(LocalDate.class).optional();
    }

    /**
     * A chunk's inputs per merchant (merchants without any are absent): activity sums over the 30 days before today
     * and the 90 days before those with platform complaints of 90 days (as of the last day collected); the feeds
     * (monthly series of the last months, court cases of 12 months, 12315 complaints of 90 days without those the
     * complaint module imported with the same 12315 number: they count among its complaints); the last upheld
     * platform complaint.
     */
    public record ChunkInputs(Map<UUID, SignalInputs.Activity> activity, Map<UUID, SignalInputs.Feeds> feeds,
                              Map<UUID, LocalDate> lastUpheld) { }

    public ChunkInputs read(List<UUID> ids, LocalDate today) {
        Rows rows = new Rows();
        jdbc.sql(CHUNK_INPUTS)
                .param("ids", SqlIds.of(ids)).param("d30", Date.valueOf(today.minusDays(30)))
                .param("d90", Date.valueOf(today.minusDays(90))).param("d120", Date.valueOf(today.minusDays(120)))
                .param("d365", Date.valueOf(today.minusDays(365))).param("today", Date.valueOf(today))
                .param("since", Date.valueOf(YearMonth.from(today).minusMonths(SERIES_MONTHS).atDay(1)))
                .query(rows::add);
        Map<UUID, SignalInputs.Activity> activity = new HashMap<>();
        rows.sums.forEach((id, s) -> activity.put(id, new SignalInputs.Activity(s[0], s[1], s[2], s[3], s[7], s[4], s[5],
                s[6], rows.collectedThrough)));
        return new ChunkInputs(activity, rows.feeds(ids), rows.upheld);
    }

    /** The statement's rows gathered per merchant, whatever order they come in. */
    private static final class Rows {
        final Map<UUID, long[]> sums = new HashMap<>();
        final Map<UUID, Map<String, NavigableMap<YearMonth, Long>>> series = new HashMap<>();
        final Map<UUID, Object[]> events = new HashMap<>();
        final Map<UUID, LocalDate> upheld = new HashMap<>();
        LocalDate collectedThrough;

        void add(ResultSet rs) throws SQLException {
            UUID id = rs.getObject("merchant_id", UUID.class);
            LocalDate d1 = rs.getObject("d1", LocalDate.class);
            long n1 = rs.getLong("n1");
            switch (rs.getString("kind")) {
                case "activity" -> {
                    long[] s = sums.computeIfAbsent(id, k -> new long[8]);
                    for (int i = 0; i < 6; i++) {
                        s[i] = rs.getLong(7 + i);
                    }
                    s[7] = rs.getLong("n7");
                }
                case "collected" -> collectedThrough = d1;
                case "complaints" -> {
                    if (n1 > 0) {
                        sums.computeIfAbsent(id, k -> new long[8])[6] = n1;
                    }
                    if (d1 != null) {
                        upheld.put(id, d1);
                    }
                }
                case "series" -> series.computeIfAbsent(id, k -> new HashMap<>())
                        .computeIfAbsent(rs.getString("type"), type -> new TreeMap<>()).put(YearMonth.from(d1), n1);
                default -> events.put(id, new Object[] {n1, d1, rs.getLong("n2"), rs.getObject("d2", LocalDate.class),
                        rs.getObject("d3", LocalDate.class)});
            }
        }

        Map<UUID, SignalInputs.Feeds> feeds(List<UUID> ids) {
            Map<UUID, SignalInputs.Feeds> feeds = new HashMap<>();
            for (UUID id : ids) {
                var s = series.getOrDefault(id, Map.of());
                Object[] e = events.getOrDefault(id, new Object[] {0L, null, 0L, null, null});
                if (s.isEmpty() && e[1] == null && e[3] == null) {
                    continue;
                }
                feeds.put(id, new SignalInputs.Feeds(s.getOrDefault("TAX_PAID", new TreeMap<>()),
                        s.getOrDefault("TAX_ARREARS", new TreeMap<>()), s.getOrDefault("SOCIAL_INSURANCE_HEADCOUNT", new TreeMap<>()),
                        s.getOrDefault("UTILITY_CONSUMPTION", new TreeMap<>()), (Long) e[0], (LocalDate) e[1], (Long) e[2],
                        (LocalDate) e[3], (LocalDate) e[4]));
            }
            return feeds;
        }
    }
}
