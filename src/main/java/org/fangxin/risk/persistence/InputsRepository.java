package org.fangxin.risk.persistence;

import java.sql.Date;
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
 * Reads what the factors of a chunk of merchants are computed from, in a few grouped statements over the risk schema:
 * activity windows, platform complaints, feed series and counts, positions.
 */
@Repository
public class InputsRepository {

    /** Monthly series are read this many months back from today (12 months before a late last report, plus slack). */
    static final int SERIES_MONTHS = 16;

    private final JdbcClient jdbc;

    public InputsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The last day whose activity has been collected, if any. */
    public Optional<LocalDate> collectedThrough(String source) {
        return jdbc.sql("select collected_through from risk.collection where source = :source")
                .param("source", source).query(LocalDate.class).optional();
    }

    /** Activity sums per merchant: 30 days before today, and the 90 days before those; complaints of 90 days. */
    public Map<UUID, SignalInputs.Activity> activity(List<UUID> ids, LocalDate today, LocalDate asOf) {
        Map<UUID, long[]> sums = new HashMap<>();
        jdbc.sql("""
                select merchant_id,
                       coalesce(sum(sales_minor) filter (where day >= :d30), 0),
                       coalesce(sum(sales_minor) filter (where day < :d30), 0),
                       coalesce(sum(redemptions) filter (where day >= :d30), 0),
                       coalesce(sum(redemptions) filter (where day < :d30), 0),
                       coalesce(sum(refund_requests) filter (where day >= :d30), 0),
                       coalesce(sum(closure_reports) filter (where day >= :d30), 0),
                       greatest(0, :d30::date - greatest(min(day) filter (where sales_count > 0 or redemptions > 0), :d120::date))
                  from risk.activity_day
                 where merchant_id = any(cast(:ids as uuid[])) and day >= :d120 and day < :today
                 group by merchant_id
                """)
                .param("ids", SqlIds.of(ids)).param("d30", Date.valueOf(today.minusDays(30)))
                .param("d120", Date.valueOf(today.minusDays(120))).param("today", Date.valueOf(today))
                .query(rs -> {
                    sums.put(rs.getObject(1, UUID.class), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), 0, rs.getLong(8)});
                });
        jdbc.sql("""
                select merchant_id, count(*) from risk.complaint
                 where merchant_id = any(cast(:ids as uuid[])) and filed_on >= :d90 group by merchant_id
                """)
                .param("ids", SqlIds.of(ids)).param("d90", Date.valueOf(today.minusDays(90)))
                .query(rs -> {
                    sums.computeIfAbsent(rs.getObject(1, UUID.class), id -> new long[8])[6] = rs.getLong(2);
                });
        Map<UUID, SignalInputs.Activity> activity = new HashMap<>();
        sums.forEach((id, s) -> activity.put(id, new SignalInputs.Activity(s[0], s[1], s[2], s[3], s[7], s[4], s[5], s[6], asOf)));
        return activity;
    }

    /**
     * The feeds per merchant: monthly series of the last months, court cases of 12 months, 12315 complaints of 90 days
     * (without those the complaint module imported with the same 12315 number: they count among its complaints).
     */
    public Map<UUID, SignalInputs.Feeds> feeds(List<UUID> ids, LocalDate today) {
        Map<UUID, Map<String, NavigableMap<YearMonth, Long>>> series = new HashMap<>();
        jdbc.sql("""
                select merchant_id, type, period_start, value from risk.feed_record
                 where merchant_id = any(cast(:ids as uuid[])) and period_start >= :since
                   and type in ('TAX_PAID', 'TAX_ARREARS', 'SOCIAL_INSURANCE_HEADCOUNT', 'UTILITY_CONSUMPTION')
                """)
                .param("ids", SqlIds.of(ids)).param("since", Date.valueOf(YearMonth.from(today).minusMonths(SERIES_MONTHS).atDay(1)))
                .query(rs -> {
                    series.computeIfAbsent(rs.getObject(1, UUID.class), id -> new HashMap<>())
                            .computeIfAbsent(rs.getString(2), type -> new TreeMap<>())
                            .put(YearMonth.from(rs.getObject(3, LocalDate.class)), rs.getLong(4));
                });
        Map<UUID, Object[]> events = new HashMap<>();
        jdbc.sql("""
                select f.merchant_id,
                       count(*) filter (where type in ('COURT_JUDGMENT', 'COURT_ENFORCEMENT') and period_start >= :d365),
                       max(period_start) filter (where type in ('COURT_JUDGMENT', 'COURT_ENFORCEMENT')),
                       count(*) filter (where type = 'COMPLAINT_12315' and period_start >= :d90 and c.ref_12315 is null),
                       max(period_start) filter (where type = 'COMPLAINT_12315'),
                       max(period_start) filter (where type = 'COMPLAINT_12315' and status = 'UPHELD')
                  from risk.feed_record f
                  left join (select distinct merchant_id, ref_12315 from risk.complaint
                              where merchant_id = any(cast(:ids as uuid[])) and ref_12315 is not null) c
                    on f.type = 'COMPLAINT_12315' and c.merchant_id = f.merchant_id and c.ref_12315 = f.reference
                 where f.merchant_id = any(cast(:ids as uuid[])) and type in ('COURT_JUDGMENT', 'COURT_ENFORCEMENT', 'COMPLAINT_12315')
                 group by f.merchant_id
                """)
                .param("ids", SqlIds.of(ids)).param("d365", Date.valueOf(today.minusDays(365))).param("d90", Date.valueOf(today.minusDays(90)))
                .query(rs -> {
                    events.put(rs.getObject(1, UUID.class), new Object[] {rs.getLong(2), rs.getObject(3, LocalDate.class),
                            rs.getLong(4), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class)});
                });
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

    /** The last upheld platform complaint per merchant (complaint module), if any. */
    public Map<UUID, LocalDate> lastUpheldComplaints(List<UUID> ids) {
        Map<UUID, LocalDate> upheld = new HashMap<>();
        jdbc.sql("select merchant_id, max(upheld_on) from risk.complaint where merchant_id = any(cast(:ids as uuid[])) and upheld_on is not null group by merchant_id")
                .param("ids", SqlIds.of(ids))
                .query(rs -> {
                    upheld.put(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class));
                });
        return upheld;
    }
}
