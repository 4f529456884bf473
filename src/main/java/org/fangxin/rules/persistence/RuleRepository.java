package org.fangxin.rules.persistence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.fangxin.rules.Audience;
import org.fangxin.rules.RuleRow;
import org.fangxin.rules.RuleValues;
import org.fangxin.rules.SubSector;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rule-table rows: append-only versions (the table refuses update and delete). */
@Repository
public class RuleRepository {

    private static final String COLUMNS = """
            id, region_code, sector, version, effective_from, cooling_off_days_min, purchase_amount_max_minor,
            session_pack_amount_max_minor, period_pass_amount_max_minor, stored_value_max_minor, consumer_total_max_minor,
            term_months_max, sessions_max, supervision_ratio_bp, real_name_threshold_minor, refund_fee_cap_bp,
            required_clauses, banned_phrases, source, created_at, created_by, period_pass_term_months_max""";

    private final JdbcClient jdbc;
    private final ConcurrentMap<String, List<String>> subSectors = new ConcurrentHashMap<>();

    public RuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(RuleRow row) {
        RuleValues v = row.values();
        jdbc.sql("insert into rules.rule_version (" + COLUMNS + """
                ) values (:id, :region, :sector, :version, :effectiveFrom, :coolingOff, :purchaseMax, :sessionPackMax,
                          :periodPassMax, :storedValueMax, :consumerTotalMax, :termMonthsMax, :sessionsMax, :ratio,
                          :realName, :feeCap, :clauses, :phrases, :source, :createdAt, :createdBy, :passTermMonthsMax)
                """)
                .param("id", row.id()).param("region", row.regionCode()).param("sector", row.sector())
                .param("version", row.version()).param("effectiveFrom", row.effectiveFrom())
                .param("coolingOff", v.coolingOffDaysMin()).param("purchaseMax", v.purchaseAmountMaxMinor())
                .param("sessionPackMax", v.sessionPackAmountMaxMinor()).param("periodPassMax", v.periodPassAmountMaxMinor())
                .param("storedValueMax", v.storedValueMaxMinor()).param("consumerTotalMax", v.consumerTotalMaxMinor())
                .param("termMonthsMax", v.termMonthsMax()).param("sessionsMax", v.sessionsMax())
                .param("ratio", v.supervisionRatioBp()).param("realName", v.realNameThresholdMinor())
                .param("feeCap", v.refundFeeCapBp())
                .param("clauses", v.requiredClauses().toArray(String[]::new))
                .param("phrases", v.bannedPhrases().toArray(String[]::new))
                .param("source", row.source()).param("createdAt", Timestamp.from(row.createdAt()))
                .param("createdBy", row.createdBy()).param("passTermMonthsMax", v.periodPassTermMonthsMax())
                .update();
    }

    /** For each (region, sector) pair among the candidates, the newest version effective on the day. */
    public List<RuleRow> effective(List<String> regions, List<String> sectors, LocalDate on) {
        return jdbc.sql("select distinct on (region_code, sector) " + COLUMNS + """
                 from rules.rule_version
                where region_code = any(:regions) and sector = any(:sectors) and effective_from <= :on
                order by region_code, sector, effective_from desc, version desc
                """)
                .param("regions", regions.toArray(String[]::new)).param("sectors", sectors.toArray(String[]::new))
                .param("on", on)
                .query(RuleRepository::toRow).list();
    }

    /** Every (region, sector) pair's newest version effective on the day, national first. */
    public List<RuleRow> table(LocalDate on) {
        return jdbc.sql("select * from (select distinct on (region_code, sector) " + COLUMNS + """
                  from rules.rule_version where effective_from <= :on
                 order by region_code, sector, effective_from desc, version desc) current
                 order by region_code = '*' desc, region_code, sector = '*' desc, sector
                """)
                .param("on", on).query(RuleRepository::toRow).list();
    }

    /** All versions of one row, newest first (including ones not yet effective). */
    public List<RuleRow> history(String region, String sector) {
        return jdbc.sql("select " + COLUMNS + """
                 from rules.rule_version where region_code = :region and sector = :sector
                order by version desc
                """)
                .param("region", region).param("sector", sector).query(RuleRepository::toRow).list();
    }

    /**
     * The sub-sectors of a sector for one audience, e.g. YOUTH_SPORTS for SPORTS_FITNESS × MINORS. Only migrations
     * write {@code rules.sub_sector}, so each answer is kept for the life of the process (every purchase asks it up to
     * four times).
     */
    public List<String> subSectors(String sector, String audience) {
        return subSectors.computeIfAbsent(sector + "|" + audience, key -> List.copyOf(jdbc.sql(
                        "select code from rules.sub_sector where sector = :sector and audience = :audience order by code")
                .param("sector", sector).param("audience", audience).query(String.class).list()));
    }

    public List<SubSector> allSubSectors() {
        return jdbc.sql("select code, sector, audience, name from rules.sub_sector order by sector, audience, code")
                .query((rs, n) -> new SubSector(rs.getString("code"), rs.getString("sector"),
                        Audience.valueOf(rs.getString("audience")), rs.getString("name")))
                .list();
    }

    public Optional<RuleRow> latest(String region, String sector) {
        return history(region, sector).stream().findFirst();
    }

    static RuleRow toRow(ResultSet rs, int n) throws SQLException {
        RuleValues values = new RuleValues(integer(rs, "cooling_off_days_min"), longValue(rs, "purchase_amount_max_minor"),
                longValue(rs, "session_pack_amount_max_minor"), longValue(rs, "period_pass_amount_max_minor"),
                longValue(rs, "stored_value_max_minor"), longValue(rs, "consumer_total_max_minor"),
                integer(rs, "term_months_max"), integer(rs, "sessions_max"), integer(rs, "supervision_ratio_bp"),
                longValue(rs, "real_name_threshold_minor"), integer(rs, "refund_fee_cap_bp"),
                strings(rs.getArray("required_clauses")), strings(rs.getArray("banned_phrases")),
                integer(rs, "period_pass_term_months_max"));
        return new RuleRow(rs.getObject("id", UUID.class), rs.getString("region_code"), rs.getString("sector"),
                rs.getInt("version"), rs.getObject("effective_from", LocalDate.class), values, rs.getString("source"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Long longValue(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
