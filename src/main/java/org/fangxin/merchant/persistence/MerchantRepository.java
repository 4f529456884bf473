package org.fangxin.merchant.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangxin.merchant.BusinessFacts;
import org.fangxin.merchant.ComplianceFlags;
import org.fangxin.merchant.MerchantHistoryEntry;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Sector;
import org.fangxin.merchant.SettlementAccount;
import org.fangxin.merchant.StoreView;
import org.fangxin.shared.DeferredStatements;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes the merchant schema; callers hold the transaction. */
@Repository
public class MerchantRepository {

    /** Merchants operate in mainland China; their dates (lease ends, validity) are in this zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final String COLUMNS = """
            id, legal_name, credit_code, sector, region_code, status, dishonest_debtor, abnormal_operation,
            deregistering, applied_at, licensed_on, registered_capital_minor, prior_year_revenue_minor, revenue_year""";

    private final JdbcClient jdbc;
    private final DeferredStatements deferred;

    public MerchantRepository(JdbcClient jdbc, DeferredStatements deferred) {
        this.deferred = deferred;
        this.jdbc = jdbc;
    }

    /** A merchant row to insert. */
    public record NewMerchant(UUID id, String legalName, String creditCode, Sector sector, String regionCode,
                              ComplianceFlags flags, SettlementAccount account, String contactMobile,
                              UUID ownerUserId, Instant appliedAt, BusinessFacts business) { }

    /** Which merchants a caller may list: any null filter matches all; {@code regionCode} includes the regions below it. */
    public record Filter(UUID merchantId, Sector sector, Collection<MerchantStatus> statuses, String regionCode) {
        public Filter(UUID merchantId, Sector sector, Collection<MerchantStatus> statuses) {
            this(merchantId, sector, statuses, null);
        }
    }

    public void insert(NewMerchant merchant) {
        jdbc.sql("""
                insert into merchant.merchant (id, legal_name, credit_code, sector, region_code, status, dishonest_debtor,
                    abnormal_operation, deregistering, settlement_account_name, settlement_bank_name,
                    settlement_account_number, contact_mobile, owner_user_id, applied_at, status_changed_at, licensed_on,
                    registered_capital_minor, prior_year_revenue_minor, revenue_year)
                values (:id, :legalName, :creditCode, :sector, :regionCode, 'PENDING', :dishonest, :abnormal, :deregistering,
                    :accountName, :bankName, :accountNumber, :mobile, :owner, :at, :at, :licensedOn, :capital, :revenue,
                    :revenueYear)
                """)
                .param("id", merchant.id()).param("legalName", merchant.legalName())
                .param("creditCode", merchant.creditCode()).param("sector", merchant.sector().name())
                .param("regionCode", merchant.regionCode())
                .param("dishonest", merchant.flags().dishonestDebtor())
                .param("abnormal", merchant.flags().abnormalOperation())
                .param("deregistering", merchant.flags().deregistering())
                .param("accountName", merchant.account().accountName()).param("bankName", merchant.account().bankName())
                .param("accountNumber", merchant.account().accountNumber()).param("mobile", merchant.contactMobile())
                .param("owner", merchant.ownerUserId()).param("at", Timestamp.from(merchant.appliedAt()))
                .params(businessParams(merchant.business()))
                .update();
    }

    public void updateBusiness(UUID merchantId, BusinessFacts facts) {
        jdbc.sql("""
                update merchant.merchant set licensed_on = :licensedOn, registered_capital_minor = :capital,
                    prior_year_revenue_minor = :revenue, revenue_year = :revenueYear where id = :id
                """)
                .params(businessParams(facts)).param("id", merchantId).update();
    }

    private static Map<String, Object> businessParams(BusinessFacts facts) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("licensedOn", facts.licensedOn());
        params.put("capital", facts.registeredCapital() == null ? null : facts.registeredCapital().amountMinor());
        params.put("revenue", facts.priorYearRevenue() == null ? null : facts.priorYearRevenue().amountMinor());
        params.put("revenueYear", facts.revenueYear());
        return params;
    }

    public void insertStore(UUID merchantId, StoreView store, Instant createdAt) {
        jdbc.sql("""
                insert into merchant.store (id, merchant_id, name, address, lease_ends_on, created_at)
                values (:id, :merchant, :name, :address, :lease, :at)
                """)
                .param("id", store.id()).param("merchant", merchantId).param("name", store.name())
                .param("address", store.address()).param("lease", store.leaseEndsOn())
                .param("at", Timestamp.from(createdAt))
                .update();
    }

    public void insertHistory(UUID id, UUID merchantId, String event, MerchantStatus from, MerchantStatus to,
                              String reason, String actor, Instant at) {
        insertHistory(id, merchantId, event, from, to, reason, actor, at, null, null);
    }

    /** A history line with its generated texts: what changed and, for a platform-made change, why (ADR 11). */
    public void insertHistory(UUID id, UUID merchantId, String event, MerchantStatus from, MerchantStatus to,
                              String reason, String actor, Instant at, MerchantHistoryEntry.Text detail,
                              MerchantHistoryEntry.Text why) {
        jdbc.sql("""
                insert into merchant.status_history (id, merchant_id, event, from_status, to_status, reason, actor,
                    occurred_at, detail_key, detail_args, reason_key, reason_args)
                values (:id, :merchant, :event, :from, :to, :reason, :actor, :at, :detailKey,
                    cast(:detailArgs as text[]), :reasonKey, cast(:reasonArgs as text[]))
                """)
                .param("id", id).param("merchant", merchantId).param("event", event)
                .param("from", from == null ? null : from.name()).param("to", to.name())
                .param("reason", reason).param("actor", actor).param("at", Timestamp.from(at))
                .param("detailKey", detail == null ? null : detail.key())
                .param("detailArgs", detail == null ? new String[0] : detail.args().toArray(String[]::new))
                .param("reasonKey", why == null ? null : why.key())
                .param("reasonArgs", why == null ? new String[0] : why.args().toArray(String[]::new))
                .update();
    }

    public Optional<UUID> idByCreditCode(String creditCode) {
        return jdbc.sql("select id from merchant.merchant where credit_code = :code")
                .param("code", creditCode).query(UUID.class).optional();
    }

    public boolean creditCodeTaken(String creditCode) {
        return jdbc.sql("select exists (select 1 from merchant.merchant where credit_code = :code)")
                .param("code", creditCode).query(Boolean.class).single();
    }

    /** Locks the merchant row for a status or flag change, so concurrent operator actions serialize. */
    public Optional<MerchantView> lock(UUID merchantId) {
        Optional<UUID> locked = jdbc.sql("select id from merchant.merchant where id = :id for update")
                .param("id", merchantId).query(UUID.class).optional();
        return locked.flatMap(this::find);
    }

    public void updateStatus(UUID merchantId, MerchantStatus status, Instant at) {
        jdbc.sql("update merchant.merchant set status = :status, status_changed_at = :at where id = :id")
                .param("status", status.name()).param("at", Timestamp.from(at)).param("id", merchantId).update();
    }

    public void updateFlags(UUID merchantId, ComplianceFlags flags) {
        jdbc.sql("""
                update merchant.merchant set dishonest_debtor = :dishonest, abnormal_operation = :abnormal,
                    deregistering = :deregistering where id = :id
                """)
                .param("dishonest", flags.dishonestDebtor()).param("abnormal", flags.abnormalOperation())
                .param("deregistering", flags.deregistering()).param("id", merchantId).update();
    }

    public int updateLease(UUID merchantId, UUID storeId, LocalDate leaseEndsOn) {
        return jdbc.sql("update merchant.store set lease_ends_on = :lease where id = :store and merchant_id = :merchant")
                .param("lease", leaseEndsOn).param("store", storeId).param("merchant", merchantId).update();
    }

    /** The merchant with its stores in one statement (a purchase reads it twice: at the order and at the issue). */
    public Optional<MerchantView> find(UUID merchantId) {
        return jdbc.sql("select " + COLUMNS + """
                        , s.store_ids, s.store_names, s.store_addresses, s.store_leases
                          from merchant.merchant m
                          left join lateral (
                                select array_agg(id order by created_at, id) as store_ids,
                                       array_agg(name order by created_at, id) as store_names,
                                       array_agg(address order by created_at, id) as store_addresses,
                                       array_agg(lease_ends_on order by created_at, id) as store_leases
                                  from merchant.store where merchant_id = m.id) s on true
                         where m.id = :id
                        """)
                .param("id", merchantId)
                .query((rs, n) -> toMerchant(rs, n).withStores(storesOf(rs))).optional();
    }

    private static List<StoreView> storesOf(ResultSet rs) throws SQLException {
        java.sql.Array ids = rs.getArray("store_ids");
        if (ids == null) {
            return List.of();
        }
        UUID[] id = (UUID[]) ids.getArray();
        String[] name = (String[]) rs.getArray("store_names").getArray();
        String[] address = (String[]) rs.getArray("store_addresses").getArray();
        java.sql.Date[] lease = (java.sql.Date[]) rs.getArray("store_leases").getArray();
        List<StoreView> stores = new ArrayList<>(id.length);
        for (int i = 0; i < id.length; i++) {
            stores.add(new StoreView(id[i], name[i], address[i], lease[i] == null ? null : lease[i].toLocalDate()));
        }
        return List.copyOf(stores);
    }

    /** Code → merchant (with stores) for the codes registered; at most a few thousand codes per call. */
    public Map<String, MerchantView> findByCreditCodes(Collection<String> creditCodes) {
        List<Row> rows = jdbc.sql("select " + COLUMNS + " from merchant.merchant where credit_code = any(cast(:codes as text[]))")
                .param("codes", creditCodes.toArray(String[]::new)).query(MerchantRepository::toMerchant).list();
        Map<UUID, List<StoreView>> stores = stores(rows.stream().map(Row::id).toList());
        Map<String, MerchantView> found = new LinkedHashMap<>();
        rows.forEach(row -> found.put(row.creditCode(), row.withStores(stores.getOrDefault(row.id(), List.of()))));
        return found;
    }

    /** Keyset page in id order: merchants of the statuses with id > afterId (null: from the first). */
    public List<MerchantView> batch(Collection<MerchantStatus> statuses, UUID afterId, int limit) {
        List<Row> rows = jdbc.sql("select " + COLUMNS + " from merchant.merchant where status in (:statuses)"
                        + (afterId == null ? "" : " and id > :after") + " order by id limit :limit")
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .params(afterId == null ? Map.of() : Map.of("after", afterId)).param("limit", limit)
                .query(MerchantRepository::toMerchant).list();
        Map<UUID, List<StoreView>> stores = stores(rows.stream().map(Row::id).toList());
        return rows.stream().map(row -> row.withStores(stores.getOrDefault(row.id(), List.of()))).toList();
    }

    public Optional<UUID> ownerOf(UUID merchantId) {
        return jdbc.sql("select owner_user_id from merchant.merchant where id = :id")
                .param("id", merchantId).query(UUID.class).optional();
    }

    public boolean storeExists(UUID merchantId, UUID storeId) {
        return jdbc.sql("select exists (select 1 from merchant.store where merchant_id = :merchant and id = :store)")
                .param("merchant", merchantId).param("store", storeId).query(Boolean.class).single();
    }

    public Map<UUID, UUID> merchantsOfStores(java.util.Collection<UUID> storeIds) {
        Map<UUID, UUID> merchants = new java.util.HashMap<>();
        jdbc.sql("select id, merchant_id from merchant.store where id = any(cast(:ids as uuid[]))")
                .param("ids", storeIds.toArray(UUID[]::new))
                .query((rs, n) -> merchants.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
        return merchants;
    }

    /** {@link #storeExists} as a deferred check ({@link DeferredStatements}): {@code refusal} when the store is not the merchant's. */
    public void requireStore(UUID merchantId, UUID storeId, Supplier<? extends RuntimeException> refusal) {
        deferred.defer("select 1 from merchant.store where merchant_id = :merchant and id = :store",
                Map.of("merchant", merchantId, "store", storeId), 1, refusal);
    }

    public Optional<SettlementAccount> settlementAccount(UUID merchantId) {
        return jdbc.sql("""
                select settlement_account_name, settlement_bank_name, settlement_account_number
                  from merchant.merchant where id = :id
                """)
                .param("id", merchantId)
                .query((rs, n) -> new SettlementAccount(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    public List<MerchantView> page(Filter filter, int offset, int limit) {
        List<Row> rows = jdbc.sql("select " + COLUMNS + " from merchant.merchant where " + where(filter)
                        + " order by applied_at desc, id desc limit :limit offset :offset")
                .params(params(filter)).param("limit", limit).param("offset", offset)
                .query(MerchantRepository::toMerchant).list();
        Map<UUID, List<StoreView>> stores = stores(rows.stream().map(Row::id).toList());
        return rows.stream().map(row -> row.withStores(stores.getOrDefault(row.id(), List.of()))).toList();
    }

    public long count(Filter filter) {
        return jdbc.sql("select count(*) from merchant.merchant where " + where(filter))
                .params(params(filter)).query(Long.class).single();
    }

    public List<MerchantHistoryEntry> history(UUID merchantId) {
        return jdbc.sql("""
                select event, from_status, to_status, reason, actor, occurred_at, detail_key, detail_args, reason_key,
                       reason_args
                  from merchant.status_history where merchant_id = :id order by seq
                """)
                .param("id", merchantId)
                .query((rs, n) -> new MerchantHistoryEntry(rs.getString("event"),
                        rs.getString("from_status") == null ? null : MerchantStatus.valueOf(rs.getString("from_status")),
                        MerchantStatus.valueOf(rs.getString("to_status")), rs.getString("reason"), rs.getString("actor"),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getString("detail_key"),
                        List.of((String[]) rs.getArray("detail_args").getArray()), rs.getString("reason_key"),
                        List.of((String[]) rs.getArray("reason_args").getArray())))
                .list();
    }

    private static String where(Filter filter) {
        List<String> conditions = new ArrayList<>();
        conditions.add("true");
        if (filter.merchantId() != null) {
            conditions.add("id = :merchantId");
        }
        if (filter.sector() != null) {
            conditions.add("sector = :sector");
        }
        if (filter.statuses() != null) {
            conditions.add("status in (:statuses)");
        }
        if (filter.regionCode() != null) {
            conditions.add("region_code like :regionPrefix");
        }
        return String.join(" and ", conditions);
    }

    private static Map<String, Object> params(Filter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.merchantId() != null) {
            params.put("merchantId", filter.merchantId());
        }
        if (filter.sector() != null) {
            params.put("sector", filter.sector().name());
        }
        if (filter.statuses() != null) {
            params.put("statuses", filter.statuses().stream().map(Enum::name).toList());
        }
        if (filter.regionCode() != null) {
            params.put("regionPrefix", org.fangxin.shared.RegionCode.prefix(filter.regionCode()) + "%");
        }
        return params;
    }

    private Map<UUID, List<StoreView>> stores(List<UUID> merchantIds) {
        Map<UUID, List<StoreView>> stores = new LinkedHashMap<>();
        if (merchantIds.isEmpty()) {
            return stores;
        }
        jdbc.sql("""
                select id, merchant_id, name, address, lease_ends_on from merchant.store
                 where merchant_id = any(cast(:ids as uuid[])) order by created_at, id
                """)
                .param("ids", merchantIds.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    stores.computeIfAbsent(rs.getObject("merchant_id", UUID.class), id -> new ArrayList<>())
                            .add(new StoreView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("address"),
                                    rs.getObject("lease_ends_on", LocalDate.class)));
                });
        return stores;
    }

    private record Row(UUID id, String legalName, String creditCode, Sector sector, String regionCode,
                       MerchantStatus status, ComplianceFlags flags, Instant appliedAt, BusinessFacts business) {
        MerchantView withStores(List<StoreView> stores) {
            return new MerchantView(id, legalName, creditCode, sector, regionCode, status, flags, stores, ZONE, appliedAt,
                    business);
        }
    }

    private static Row toMerchant(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("legal_name"), rs.getString("credit_code"),
                Sector.valueOf(rs.getString("sector")), rs.getString("region_code"),
                MerchantStatus.valueOf(rs.getString("status")),
                new ComplianceFlags(rs.getBoolean("dishonest_debtor"), rs.getBoolean("abnormal_operation"),
                        rs.getBoolean("deregistering")),
                rs.getTimestamp("applied_at").toInstant(),
                new BusinessFacts(rs.getObject("licensed_on", LocalDate.class), fen(rs, "registered_capital_minor"),
                        fen(rs, "prior_year_revenue_minor"), rs.getObject("revenue_year", Integer.class)));
    }

    private static Money fen(ResultSet rs, String column) throws SQLException {
        long amount = rs.getLong(column);
        return rs.wasNull() ? null : Money.fen(amount);
    }
}
