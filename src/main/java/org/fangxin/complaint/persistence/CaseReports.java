package org.fangxin.complaint.persistence;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.fangxin.complaint.ComplaintOutcome;
import org.fangxin.complaint.ComplaintStage;
import org.fangxin.complaint.ComplaintStatistics;
import org.fangxin.complaint.domain.DeadlineRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts over cases (public statistics, the SLA board) and the deadline rules per region. */
@Repository
public class CaseReports {

    private final JdbcClient jdbc;

    public CaseReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ComplaintStatistics statistics(UUID merchantId) {
        return jdbc.sql("""
                select count(*), count(*) filter (where stage <> 'CLOSED'),
                       count(*) filter (where outcome = 'AGREEMENT_PERFORMED'), count(*) filter (where outcome = 'WITHDRAWN'),
                       count(*) filter (where outcome = 'NOT_ACCEPTED'), count(*) filter (where outcome = 'MEDIATION_FAILED')
                  from complaint.complaint_case where merchant_id = :merchant
                """).param("merchant", merchantId)
                .query((rs, n) -> ComplaintStatistics.of(merchantId, rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6)))
                .single();
    }

    /** Open cases by stage; with {@code dueBefore}, only those whose open deadline is due before that day. */
    public Map<ComplaintStage, Long> openByStage(String sector, LocalDate dueBefore) {
        return openByStage(sector, null, dueBefore);
    }

    /** As above within a region ({@code regionPrefix}: a LIKE pattern such as {@code 4102%}, null for all). */
    public Map<ComplaintStage, Long> openByStage(String sector, String regionPrefix, LocalDate dueBefore) {
        Map<ComplaintStage, Long> counts = new EnumMap<>(ComplaintStage.class);
        jdbc.sql("""
                select c.stage, count(*) from complaint.complaint_case c
                  join complaint.deadline d on d.complaint_id = c.id and d.closed_on is null
                 where c.stage <> 'CLOSED' and (cast(:sector as text) is null or c.sector = :sector)
                   and (cast(:region as text) is null or c.region_code like :region)
                   and (cast(:before as date) is null or d.due_on < :before)
                 group by c.stage
                """).param("sector", sector).param("region", regionPrefix).param("before", dueBefore == null ? null : Date.valueOf(dueBefore))
                .query((rs, n) -> counts.put(ComplaintStage.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }

    /** Steps the deadline job took since {@code since}, by the stage whose deadline was missed. */
    public Map<ComplaintStage, Long> missedByStage(String sector, Instant since) {
        return missedByStage(sector, null, since);
    }

    public Map<ComplaintStage, Long> missedByStage(String sector, String regionPrefix, Instant since) {
        Map<ComplaintStage, Long> counts = new EnumMap<>(ComplaintStage.class);
        jdbc.sql("""
                select s.from_stage, count(*) from complaint.stage_change s
                  join complaint.complaint_case c on c.id = s.complaint_id
                 where s.party = 'DEADLINE' and s.at >= :since and s.from_stage is not null
                   and (cast(:sector as text) is null or c.sector = :sector)
                   and (cast(:region as text) is null or c.region_code like :region)
                 group by s.from_stage
                """).param("sector", sector).param("region", regionPrefix).param("since", Timestamp.from(since))
                .query((rs, n) -> counts.put(ComplaintStage.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }

    /** Closed cases per outcome with the median days from filing to closing. */
    public Map<ComplaintOutcome, double[]> closedByOutcome(String sector) {
        return closedByOutcome(sector, null);
    }

    public Map<ComplaintOutcome, double[]> closedByOutcome(String sector, String regionPrefix) {
        Map<ComplaintOutcome, double[]> figures = new EnumMap<>(ComplaintOutcome.class);
        jdbc.sql("""
                select outcome, count(*),
                       percentile_cont(0.5) within group (order by extract(epoch from closed_at - filed_at) / 86400.0)
                  from complaint.complaint_case
                 where stage = 'CLOSED' and (cast(:sector as text) is null or sector = :sector)
                   and (cast(:region as text) is null or region_code like :region)
                 group by outcome
                """).param("sector", sector).param("region", regionPrefix)
                .query((rs, n) -> figures.put(ComplaintOutcome.valueOf(rs.getString(1)),
                        new double[] {rs.getLong(2), rs.getDouble(3)})).list();
        return figures;
    }

    /**
     * Closed cases per outcome and whole hours from filing to closing (rounded): what a median across shards is read
     * from (ADR 12 §8f). At most one row per outcome and hour.
     */
    public Map<ComplaintOutcome, SortedMap<Long, Long>> closingHours(String sector, String regionPrefix) {
        Map<ComplaintOutcome, SortedMap<Long, Long>> hours = new EnumMap<>(ComplaintOutcome.class);
        jdbc.sql("""
                select outcome, round(extract(epoch from closed_at - filed_at) / 3600)::bigint, count(*)
                  from complaint.complaint_case
                 where stage = 'CLOSED' and (cast(:sector as text) is null or sector = :sector)
                   and (cast(:region as text) is null or region_code like :region)
                 group by 1, 2
                """).param("sector", sector).param("region", regionPrefix)
                .query((rs, n) -> hours.computeIfAbsent(ComplaintOutcome.valueOf(rs.getString(1)), o -> new TreeMap<>())
                        .put(rs.getLong(2), rs.getLong(3))).list();
        return hours;
    }

    /** Median days from filing to closing of the closed cases; empty while none is closed. */
    public Optional<Double> medianDaysToClose(String sector) {
        return medianDaysToClose(sector, null);
    }

    /** As above within a region ({@code regionPrefix}: a LIKE pattern such as {@code 4102%}, null for all). */
    public Optional<Double> medianDaysToClose(String sector, String regionPrefix) {
        double median = jdbc.sql("""
                select coalesce(percentile_cont(0.5) within group (order by extract(epoch from closed_at - filed_at) / 86400.0), -1)
                  from complaint.complaint_case where stage = 'CLOSED' and (cast(:sector as text) is null or sector = :sector)
                   and (cast(:region as text) is null or region_code like :region)
                """).param("sector", sector).param("region", regionPrefix).query(Double.class).single();
        return median < 0 ? Optional.empty() : Optional.of(median);
    }

    // ---- deadline rules

    /** The rules of the most specific region row: the district, its city, its province, then the default 000000. */
    public DeadlineRules rules(String regionCode) {
        String code = regionCode != null && regionCode.matches("[0-9]{6}") ? regionCode : "000000";
        return jdbc.sql("""
                select negotiation_days, platform_days, acceptance_days, mediation_days, performance_days, notice_days
                  from complaint.deadline_rule
                 where region_code in (:district, :city, :province, '000000')
                 order by (region_code = :district) desc, (region_code = :city) desc, (region_code = :province) desc
                 limit 1
                """)
                .param("district", code).param("city", code.substring(0, 4) + "00")
                .param("province", code.substring(0, 2) + "0000")
                .query((rs, n) -> new DeadlineRules(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6)))
                .optional().orElse(DeadlineRules.DEFAULTS);
    }

    public Optional<DeadlineRules> ownRules(String regionCode) {
        return jdbc.sql("""
                select negotiation_days, platform_days, acceptance_days, mediation_days, performance_days, notice_days
                  from complaint.deadline_rule where region_code = :region
                """).param("region", regionCode)
                .query((rs, n) -> new DeadlineRules(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6)))
                .optional();
    }

    public void setRules(String regionCode, DeadlineRules r, String by, Instant at) {
        jdbc.sql("""
                insert into complaint.deadline_rule (region_code, negotiation_days, platform_days, acceptance_days,
                    mediation_days, performance_days, notice_days, changed_by, changed_at)
                values (:region, :n, :p, :a, :m, :perf, :notice, :by, :at)
                on conflict (region_code) do update set negotiation_days = excluded.negotiation_days,
                    platform_days = excluded.platform_days, acceptance_days = excluded.acceptance_days,
                    mediation_days = excluded.mediation_days, performance_days = excluded.performance_days,
                    notice_days = excluded.notice_days, changed_by = excluded.changed_by, changed_at = excluded.changed_at
                """)
                .param("region", regionCode).param("n", r.negotiationDays()).param("p", r.platformDays())
                .param("a", r.acceptanceDays()).param("m", r.mediationDays()).param("perf", r.performanceDays())
                .param("notice", r.noticeDays()).param("by", by).param("at", Timestamp.from(at))
                .update();
    }
}
