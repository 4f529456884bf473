package org.fangxin.risk.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fangxin.merchant.MerchantScope;
import org.fangxin.risk.AlertKind;
import org.fangxin.risk.AlertView;
import org.fangxin.risk.RiskTier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Risk alerts; a dedup key makes raising the same alert twice a no-op. */
@Repository
public class AlertRepository {

    private static final String COLUMNS = """
            id, merchant_id, kind, subject, detail_args, from_tier, to_tier, factor, region_code, sector, raised_at, acknowledge_by,
            acknowledged_at, acknowledged_by, acknowledgement_note""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public AlertRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the alerts (by dedup key) in one statement, each unless one with its key exists; answers the ids inserted. */
    public Set<UUID> insertAll(Map<String, AlertView> byDedupKey) {
        List<Map.Entry<String, AlertView>> rows = List.copyOf(byDedupKey.entrySet());
        return new HashSet<>(jdbc.sql("""
                insert into risk.alert (id, merchant_id, kind, subject, detail_args, from_tier, to_tier, factor, region_code, sector,
                    raised_at, acknowledge_by, dedup_key)
                select a.id, a.merchant_id, a.kind, a.subject, array(select jsonb_array_elements_text(a.args::jsonb)),
                       a.from_tier, a.to_tier, a.factor, a.region, a.sector, a.raised_at, a.acknowledge_by, a.dedup_key
                  from unnest(:ids, :merchants, :kinds, :subjects, :args, :from, :to, :factors, :regions, :sectors,
                              cast(:raisedAt as timestamptz[]), cast(:acknowledgeBy as timestamptz[]), :dedup)
                       as a(id, merchant_id, kind, subject, args, from_tier, to_tier, factor, region, sector, raised_at,
                            acknowledge_by, dedup_key)
                on conflict (dedup_key) do nothing
                returning id
                """)
                .param("ids", SqlArrays.uuids(rows, e -> e.getValue().id()))
                .param("merchants", SqlArrays.uuids(rows, e -> e.getValue().merchantId()))
                .param("kinds", SqlArrays.texts(rows, e -> e.getValue().kind()))
                .param("subjects", SqlArrays.texts(rows, e -> e.getValue().detail()))
                .param("args", SqlArrays.texts(rows, e -> json.writeValueAsString(e.getValue().detailArgs())))
                .param("from", SqlArrays.texts(rows, e -> e.getValue().fromTier()))
                .param("to", SqlArrays.texts(rows, e -> e.getValue().toTier()))
                .param("factors", SqlArrays.texts(rows, e -> e.getValue().factor()))
                .param("regions", SqlArrays.texts(rows, e -> e.getValue().regionCode()))
                .param("sectors", SqlArrays.texts(rows, e -> e.getValue().sector()))
                .param("raisedAt", SqlArrays.texts(rows, e -> e.getValue().raisedAt()))
                .param("acknowledgeBy", SqlArrays.texts(rows, e -> e.getValue().acknowledgeBy()))
                .param("dedup", SqlArrays.texts(rows, Map.Entry::getKey))
                .query(UUID.class).list());
    }

    /** Who may see which alerts: merchants in a scope (a regulator's region and sector), a merchant (null: all), open ones only. */
    public record Filter(MerchantScope scope, UUID merchantId, boolean openOnly) { }

    public List<AlertView> list(Filter filter, int limit) {
        List<String> where = new ArrayList<>(List.of("true"));
        Map<String, Object> params = new LinkedHashMap<>();
        where.add("true" + filter.scope().and("merchant_id"));
        params.putAll(filter.scope().params());
        if (filter.merchantId() != null) {
            where.add("merchant_id = :merchant");
            params.put("merchant", filter.merchantId());
        }
        if (filter.openOnly()) {
            where.add("acknowledged_at is null");
        }
        return jdbc.sql("select " + COLUMNS + " from risk.alert where " + String.join(" and ", where)
                        + " order by raised_at desc, id desc limit :limit")
                .params(params).param("limit", limit).query(AlertRepository::alert).list();
    }

    public Optional<AlertView> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from risk.alert where id = :id for update")
                .param("id", id).query(AlertRepository::alert).optional();
    }

    public Optional<AlertView> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from risk.alert where id = :id")
                .param("id", id).query(AlertRepository::alert).optional();
    }

    public void acknowledge(UUID id, String by, String note, Instant at) {
        jdbc.sql("""
                update risk.alert set acknowledged_at = :at, acknowledged_by = :by, acknowledgement_note = :note
                 where id = :id and acknowledged_at is null
                """)
                .param("at", Timestamp.from(at)).param("by", by).param("note", note).param("id", id).update();
    }

    private static String name(RiskTier tier) {
        return tier == null ? null : tier.name();
    }

    private static AlertView alert(ResultSet rs, int row) throws SQLException {
        Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
        String from = rs.getString("from_tier");
        String to = rs.getString("to_tier");
        return new AlertView(rs.getObject("id", UUID.class), rs.getObject("merchant_id", UUID.class), null,
                AlertKind.valueOf(rs.getString("kind")), rs.getString("subject"),
                List.of((String[]) rs.getArray("detail_args").getArray()),
                from == null ? null : RiskTier.valueOf(from), to == null ? null : RiskTier.valueOf(to),
                rs.getString("factor"), rs.getString("region_code"), rs.getString("sector"),
                rs.getTimestamp("raised_at").toInstant(), rs.getTimestamp("acknowledge_by").toInstant(),
                acknowledged == null ? null : acknowledged.toInstant(), rs.getString("acknowledged_by"),
                rs.getString("acknowledgement_note"), null);
    }
}
