package org.fangxin.risk.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.risk.RiskTier;
import org.fangxin.risk.domain.ConsequenceRow;
import org.fangxin.risk.domain.Factor;
import org.fangxin.risk.domain.FactorWeight;
import org.fangxin.risk.domain.RatioFloor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables operators edit: factor weights per sector, the consequence table and the ratio floors (append-only). */
@Repository
public class TablesRepository {

    private final JdbcClient jdbc;

    public TablesRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored weight row: sector ('*' or a sector), version and who set it. */
    public record WeightRow(String sector, FactorWeight weight, int version, String reason, Instant createdAt, String createdBy) { }

    /** The newest version of every (sector, factor) weight row. */
    public List<WeightRow> currentWeights() {
        return jdbc.sql("""
                select distinct on (sector, factor) sector, factor, version, weight, ok_at, bad_at, reason, created_at, created_by
                  from risk.factor_weight order by sector, factor, version desc
                """)
                .query(TablesRepository::weightRow).list();
    }

    public int latestWeightVersion(String sector, Factor factor) {
        return jdbc.sql("select coalesce(max(version), 0) from risk.factor_weight where sector = :sector and factor = :factor")
                .param("sector", sector).param("factor", factor.name()).query(Integer.class).single();
    }

    public void insertWeight(UUID id, WeightRow row) {
        jdbc.sql("""
                insert into risk.factor_weight (id, sector, factor, version, weight, ok_at, bad_at, reason, created_at, created_by)
                values (:id, :sector, :factor, :version, :weight, :ok, :bad, :reason, :at, :by)
                """)
                .param("id", id).param("sector", row.sector()).param("factor", row.weight().factor().name())
                .param("version", row.version()).param("weight", row.weight().weight()).param("ok", row.weight().okAt())
                .param("bad", row.weight().badAt()).param("reason", row.reason())
                .param("at", Timestamp.from(row.createdAt())).param("by", row.createdBy())
                .update();
    }

    /** A stored consequence row with its version and author. */
    public record ConsequenceVersion(ConsequenceRow row, int version, Instant createdAt, String createdBy) { }

    /** The newest version of every (region, sector, tier) row. */
    public List<ConsequenceVersion> currentConsequences() {
        return jdbc.sql("""
                select distinct on (region_code, sector, tier) region_code, sector, tier, version, supervision_ratio_bp,
                       advance_cap_minor, deposit_share_bp, insurance_tier, settlement_frequency, payout_day, sales_blocked,
                       source, created_at, created_by
                  from risk.consequence order by region_code, sector, tier, version desc
                """)
                .query(TablesRepository::consequence).list();
    }

    public Optional<ConsequenceVersion> currentConsequence(String region, String sector, RiskTier tier) {
        return currentConsequences().stream().filter(c -> c.row().regionCode().equals(region)
                && c.row().sector().equals(sector) && c.row().tier() == tier).findFirst();
    }

    public void insertConsequence(UUID id, ConsequenceVersion version) {
        ConsequenceRow r = version.row();
        jdbc.sql("""
                insert into risk.consequence (id, region_code, sector, tier, version, supervision_ratio_bp, advance_cap_minor,
                    deposit_share_bp, insurance_tier, settlement_frequency, payout_day, sales_blocked, source, created_at, created_by)
                values (:id, :region, :sector, :tier, :version, :ratio, :cap, :deposit, :insurance, :frequency, :day, :blocked,
                    :source, :at, :by)
                """)
                .param("id", id).param("region", r.regionCode()).param("sector", r.sector()).param("tier", r.tier().name())
                .param("version", version.version()).param("ratio", r.supervisionRatioBp()).param("cap", r.advanceCapMinor())
                .param("deposit", r.depositShareBp()).param("insurance", r.insuranceTier())
                .param("frequency", r.settlementFrequency()).param("day", r.payoutDay() == null ? null : r.payoutDay().name())
                .param("blocked", r.salesBlocked()).param("source", r.source())
                .param("at", Timestamp.from(version.createdAt())).param("by", version.createdBy())
                .update();
    }

    /** The floors in force (not retired), with their ids. */
    public record FloorRow(UUID id, RatioFloor floor, Instant createdAt, String createdBy) { }

    public List<FloorRow> floors() {
        return jdbc.sql("""
                select id, region_code, sector, condition, threshold, supervision_ratio_bp, sales_blocked, source, created_at, created_by
                  from risk.ratio_floor where retired_at is null order by region_code, sector, condition, id
                """)
                .query((rs, n) -> {
                    int ratio = rs.getInt("supervision_ratio_bp");
                    Integer boxed = rs.wasNull() ? null : ratio;
                    return new FloorRow(rs.getObject("id", UUID.class), new RatioFloor(rs.getString("region_code"),
                            rs.getString("sector"), RatioFloor.Condition.valueOf(rs.getString("condition")),
                            rs.getLong("threshold"), boxed, rs.getBoolean("sales_blocked"), rs.getString("source")),
                            rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
                })
                .list();
    }

    public void insertFloor(FloorRow row) {
        RatioFloor f = row.floor();
        jdbc.sql("""
                insert into risk.ratio_floor (id, region_code, sector, condition, threshold, supervision_ratio_bp, sales_blocked,
                    source, created_at, created_by)
                values (:id, :region, :sector, :condition, :threshold, :ratio, :blocked, :source, :at, :by)
                """)
                .param("id", row.id()).param("region", f.regionCode()).param("sector", f.sector())
                .param("condition", f.condition().name()).param("threshold", f.threshold())
                .param("ratio", f.supervisionRatioBp()).param("blocked", f.salesBlocked()).param("source", f.source())
                .param("at", Timestamp.from(row.createdAt())).param("by", row.createdBy())
                .update();
    }

    public int retireFloor(UUID id, Instant at) {
        return jdbc.sql("update risk.ratio_floor set retired_at = :at where id = :id and retired_at is null")
                .param("at", Timestamp.from(at)).param("id", id).update();
    }

    private static WeightRow weightRow(ResultSet rs, int row) throws SQLException {
        return new WeightRow(rs.getString("sector"), new FactorWeight(Factor.valueOf(rs.getString("factor")),
                rs.getInt("weight"), rs.getLong("ok_at"), rs.getLong("bad_at")), rs.getInt("version"),
                rs.getString("reason"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
    }

    private static ConsequenceVersion consequence(ResultSet rs, int row) throws SQLException {
        String day = rs.getString("payout_day");
        return new ConsequenceVersion(new ConsequenceRow(rs.getString("region_code"), rs.getString("sector"),
                RiskTier.valueOf(rs.getString("tier")), intOrNull(rs, "supervision_ratio_bp"), longOrNull(rs, "advance_cap_minor"),
                intOrNull(rs, "deposit_share_bp"), rs.getString("insurance_tier"), rs.getString("settlement_frequency"),
                day == null ? null : DayOfWeek.valueOf(day), boolOrNull(rs, "sales_blocked"), rs.getString("source")),
                rs.getInt("version"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
    }

    static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Boolean boolOrNull(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }
}
