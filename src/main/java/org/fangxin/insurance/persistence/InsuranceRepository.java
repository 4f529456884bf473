package org.fangxin.insurance.persistence;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fangxin.insurance.ClosureTrigger;
import org.fangxin.insurance.CostSharing;
import org.fangxin.insurance.InsurerView;
import org.fangxin.insurance.PolicyScope;
import org.fangxin.insurance.PolicyView;
import org.fangxin.insurance.PremiumBillView;
import org.fangxin.insurance.ProductRate;
import org.fangxin.insurance.ProductView;
import org.fangxin.insurance.RiskTier;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes the insurance schema; callers hold the transaction. */
@Repository
public class InsuranceRepository {

    public static final int ROWS_MAX = 500;
    private static final String POLICY_COLUMNS = """
            p.id, p.policy_number, p.product_id, pr.name as product_name, p.insurer_id, i.name as insurer_name, p.scope,
            p.merchant_ids, p.region_code, p.policyholder, p.starts_on, p.ends_on, p.merchant_share_bps,
            p.platform_share_bps, p.government_share_bps, p.created_at
            from insurance.policy p join insurance.product pr on pr.id = p.product_id
            join insurance.insurer i on i.id = p.insurer_id""";
    private static final String BILL_COLUMNS = """
            b.id, b.policy_id, p.policy_number, b.insurer_id, b.period, b.currency, b.premium_minor,
            b.merchant_share_minor, b.platform_share_minor, b.government_share_minor, b.merchant_due_minor, b.billed_at
            from insurance.premium_bill b join insurance.policy p on p.id = b.policy_id""";

    private final JdbcClient jdbc;

    public InsuranceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- insurers and members

    public void insertInsurer(InsurerView insurer, String by) {
        jdbc.sql("""
                insert into insurance.insurer (id, name, licence_no, created_at, created_by)
                values (:id, :name, :licence, :at, :by)
                """)
                .param("id", insurer.id()).param("name", insurer.name()).param("licence", insurer.licenceNo())
                .param("at", Timestamp.from(insurer.createdAt())).param("by", by).update();
    }

    /**
     * A copy of an insurer for another shard, where a product of it is copied (ADR 12 §8h): insurers are broadcast when
     * made without a route, but one made inside a merchant's route exists on that shard only. Kept if present.
     */
    public void copyInsurer(InsurerView insurer, String by) {
        jdbc.sql("""
                insert into insurance.insurer (id, name, licence_no, created_at, created_by)
                values (:id, :name, :licence, :at, :by)
                on conflict do nothing
                """)
                .param("id", insurer.id()).param("name", insurer.name()).param("licence", insurer.licenceNo())
                .param("at", Timestamp.from(insurer.createdAt())).param("by", by).update();
    }

    public boolean licenceTaken(String licenceNo) {
        return jdbc.sql("select count(*) from insurance.insurer where licence_no = :l").param("l", licenceNo)
                .query(Long.class).single() > 0;
    }

    public Optional<InsurerView> insurer(UUID id) {
        return jdbc.sql("select id, name, licence_no, created_at from insurance.insurer where id = :id")
                .param("id", id).query(InsuranceRepository::insurer).optional();
    }

    public List<InsurerView> insurers() {
        return jdbc.sql("select id, name, licence_no, created_at from insurance.insurer order by name, id limit :max")
                .param("max", ROWS_MAX).query(InsuranceRepository::insurer).list();
    }

    public Optional<UUID> insurerOf(UUID userId) {
        return jdbc.sql("select insurer_id from insurance.member where user_id = :u").param("u", userId)
                .query(UUID.class).optional();
    }

    public List<UUID> members(UUID insurerId) {
        return jdbc.sql("select user_id from insurance.member where insurer_id = :i order by linked_at")
                .param("i", insurerId).query(UUID.class).list();
    }

    public void insertMember(UUID userId, UUID insurerId, Instant at, String by) {
        jdbc.sql("""
                insert into insurance.member (user_id, insurer_id, linked_at, linked_by) values (:u, :i, :at, :by)
                on conflict (user_id) do nothing
                """)
                .param("u", userId).param("i", insurerId).param("at", Timestamp.from(at)).param("by", by).update();
    }

    // ---- products

    /** Inserts the product and its rates; a copy already there (the same id, ADR 12 §8h) is left as it is. */
    public void insertProduct(ProductView product, String by) {
        jdbc.sql("""
                insert into insurance.product (id, insurer_id, name, triggers, currency, aggregate_limit_minor,
                    per_merchant_limit_minor, per_consumer_limit_minor, created_at, created_by)
                values (:id, :insurer, :name, cast(:triggers as text[]), :currency, :aggregate, :perMerchant,
                    :perConsumer, :at, :by)
                on conflict (id) do nothing
                """)
                .param("id", product.id()).param("insurer", product.insurerId()).param("name", product.name())
                .param("triggers", "{" + product.triggers().stream().map(Enum::name).sorted()
                        .collect(Collectors.joining(",")) + "}")
                .param("currency", product.aggregateLimit().currency().getCurrencyCode())
                .param("aggregate", product.aggregateLimit().amountMinor())
                .param("perMerchant", product.perMerchantLimit().amountMinor())
                .param("perConsumer", product.perConsumerLimit().amountMinor())
                .param("at", Timestamp.from(product.createdAt())).param("by", by).update();
        for (ProductRate rate : product.rates()) {
            jdbc.sql("""
                    insert into insurance.product_rate (product_id, sector, tier, rate_bps) values (:p, :s, :t, :r)
                    on conflict do nothing
                    """)
                    .param("p", product.id()).param("s", rate.sector().name()).param("t", rate.tier().name())
                    .param("r", rate.rateBps()).update();
        }
    }

    public Optional<ProductView> product(UUID id) {
        return products("where p.id = :id", Map.of("id", id)).stream().findFirst();
    }

    /** Products of one insurer, or of all when insurerId is null. */
    public List<ProductView> products(UUID insurerId) {
        return insurerId == null ? products("", Map.of()) : products("where p.insurer_id = :i", Map.of("i", insurerId));
    }

    private List<ProductView> products(String where, Map<String, Object> params) {
        List<ProductView> bare = jdbc.sql("""
                select p.id, p.insurer_id, p.name, p.triggers, p.currency, p.aggregate_limit_minor,
                       p.per_merchant_limit_minor, p.per_consumer_limit_minor, p.created_at
                  from insurance.product p
                """ + where + " order by p.created_at desc, p.id limit " + ROWS_MAX)
                .params(params).query(InsuranceRepository::product).list();
        if (bare.isEmpty()) {
            return bare;
        }
        Map<UUID, List<ProductRate>> rates = jdbc.sql("""
                select product_id, sector, tier, rate_bps from insurance.product_rate
                 where product_id = any(:ids) order by sector, tier
                """)
                .param("ids", bare.stream().map(ProductView::id).toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), new ProductRate(Sector.valueOf(rs.getString(2)),
                        RiskTier.valueOf(rs.getString(3)), rs.getInt(4))))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return bare.stream().map(p -> new ProductView(p.id(), p.insurerId(), p.name(), p.triggers(),
                rates.getOrDefault(p.id(), List.of()), p.aggregateLimit(), p.perMerchantLimit(), p.perConsumerLimit(),
                p.createdAt())).toList();
    }

    // ---- policies

    /** Inserts the policy; a copy already there (the same id, ADR 12 §8h) is left as it is. */
    public void insertPolicy(PolicyView policy, String by) {
        jdbc.sql("""
                insert into insurance.policy (id, policy_number, product_id, insurer_id, scope, merchant_ids, region_code,
                    policyholder, starts_on, ends_on, merchant_share_bps, platform_share_bps, government_share_bps,
                    created_at, created_by)
                values (:id, :number, :product, :insurer, :scope, :merchants, :region, :holder, :starts, :ends,
                    :merchantBps, :platformBps, :governmentBps, :at, :by)
                on conflict (id) do nothing
                """)
                .param("id", policy.id()).param("number", policy.policyNumber()).param("product", policy.productId())
                .param("insurer", policy.insurerId()).param("scope", policy.scope().name())
                .param("merchants", policy.merchantIds().toArray(UUID[]::new)).param("region", policy.regionCode())
                .param("holder", policy.policyholder()).param("starts", Date.valueOf(policy.startsOn()))
                .param("ends", Date.valueOf(policy.endsOn()))
                .param("merchantBps", policy.costSharing().merchantBps())
                .param("platformBps", policy.costSharing().platformBps())
                .param("governmentBps", policy.costSharing().governmentBps())
                .param("at", Timestamp.from(policy.createdAt())).param("by", by).update();
    }

    public Optional<PolicyView> policy(UUID id) {
        return jdbc.sql("select " + POLICY_COLUMNS + " where p.id = :id").param("id", id)
                .query(InsuranceRepository::policy).optional();
    }

    /** Policies of one insurer (or all when null), newest first. */
    public List<PolicyView> policies(UUID insurerId) {
        return jdbc.sql("select " + POLICY_COLUMNS + """
                 where (cast(:i as uuid) is null or p.insurer_id = :i) order by p.created_at desc, p.id limit :max
                """).param("i", insurerId).param("max", ROWS_MAX).query(InsuranceRepository::policy).list();
    }

    /** Policies in force on a date that may cover the merchant: naming it, or of a region (matched by the caller). */
    public List<PolicyView> candidatePolicies(UUID merchantId, java.time.LocalDate on) {
        return jdbc.sql("select " + POLICY_COLUMNS + """
                 where (p.merchant_ids @> array[cast(:m as uuid)] or p.scope = 'REGION')
                   and p.starts_on <= :on and p.ends_on >= :on
                 order by p.created_at, p.id
                """).param("m", merchantId).param("on", Date.valueOf(on)).query(InsuranceRepository::policy).list();
    }

    /** Policies in force on some day of the period (billing candidates), oldest first. */
    public List<PolicyView> policiesInForce(java.time.LocalDate from, java.time.LocalDate to) {
        return jdbc.sql("select " + POLICY_COLUMNS + """
                 where p.starts_on <= :to and p.ends_on >= :from order by p.created_at, p.id
                """).param("from", Date.valueOf(from)).param("to", Date.valueOf(to)).query(InsuranceRepository::policy).list();
    }

    // ---- bills

    /** Locks the policy row, so two billers of one policy run one after the other (the second finds the bill). */
    public void lockPolicy(UUID policyId) {
        jdbc.sql("select id from insurance.policy where id = :id for update").param("id", policyId).query(UUID.class).single();
    }

    /** Inserts the bill unless the policy was billed for that period; true when this call inserted it. */
    public boolean insertBill(PremiumBillView bill, String by) {
        int inserted = jdbc.sql("""
                insert into insurance.premium_bill (id, policy_id, insurer_id, period, currency, premium_minor,
                    merchant_share_minor, platform_share_minor, government_share_minor, merchant_due_minor, billed_at, billed_by)
                values (:id, :policy, :insurer, :period, :currency, :premium, :merchant, :platform, :government, :due, :at, :by)
                on conflict (policy_id, period) do nothing
                """)
                .param("id", bill.id()).param("policy", bill.policyId()).param("insurer", bill.insurerId())
                .param("period", bill.period().toString()).param("currency", bill.premium().currency().getCurrencyCode())
                .param("premium", bill.premium().amountMinor()).param("merchant", bill.merchantShare().amountMinor())
                .param("platform", bill.platformShare().amountMinor())
                .param("government", bill.governmentShare().amountMinor())
                .param("due", bill.merchantDue().amountMinor()).param("at", Timestamp.from(bill.billedAt()))
                .param("by", by).update();
        if (inserted == 0) {
            return false;
        }
        for (PremiumBillView.Line line : bill.lines()) {
            jdbc.sql("""
                    insert into insurance.premium_bill_line (bill_id, merchant_id, sector, tier, rate_bps, exposure_minor,
                        insured_minor, premium_minor, merchant_share_minor, platform_share_minor, government_share_minor,
                        merchant_status)
                    values (:bill, :merchant, :sector, :tier, :rate, :exposure, :insured, :premium, :m, :p, :g, :status)
                    """)
                    .param("bill", bill.id()).param("merchant", line.merchantId()).param("sector", line.sector())
                    .param("tier", line.tier().name()).param("rate", line.rateBps())
                    .param("exposure", line.exposure().amountMinor()).param("insured", line.insured().amountMinor())
                    .param("premium", line.premium().amountMinor()).param("m", line.merchantShare().amountMinor())
                    .param("p", line.platformShare().amountMinor()).param("g", line.governmentShare().amountMinor())
                    .param("status", line.merchantStatus().name()).update();
        }
        return true;
    }

    public Optional<PremiumBillView> bill(UUID id) {
        return jdbc.sql("select " + BILL_COLUMNS + " where b.id = :id").param("id", id)
                .query(InsuranceRepository::bill).optional().map(this::withLines);
    }

    public Optional<PremiumBillView> bill(UUID policyId, YearMonth period) {
        return jdbc.sql("select " + BILL_COLUMNS + " where b.policy_id = :p and b.period = :period")
                .param("p", policyId).param("period", period.toString())
                .query(InsuranceRepository::bill).optional().map(this::withLines);
    }

    /** Bills (without lines) of an insurer and/or a policy, newest period first. */
    public List<PremiumBillView> bills(UUID insurerId, UUID policyId, int limit) {
        return jdbc.sql("select " + BILL_COLUMNS + """
                 where (cast(:i as uuid) is null or b.insurer_id = :i) and (cast(:p as uuid) is null or b.policy_id = :p)
                 order by b.period desc, b.billed_at desc, b.id limit :limit
                """).param("i", insurerId).param("p", policyId).param("limit", Math.min(Math.max(limit, 1), ROWS_MAX))
                .query(InsuranceRepository::bill).list();
    }

    /** Total premium billed per policy (for the loss ratio). */
    public Map<UUID, Long> premiumBilledByPolicy(UUID insurerId) {
        return jdbc.sql("""
                select policy_id, sum(premium_minor) from insurance.premium_bill
                 where (cast(:i as uuid) is null or insurer_id = :i) group by policy_id
                """).param("i", insurerId)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private PremiumBillView withLines(PremiumBillView bill) {
        Currency currency = bill.premium().currency();
        List<PremiumBillView.Line> lines = jdbc.sql("""
                select merchant_id, sector, tier, rate_bps, exposure_minor, insured_minor, premium_minor,
                       merchant_share_minor, platform_share_minor, government_share_minor, merchant_status
                  from insurance.premium_bill_line where bill_id = :b order by merchant_id
                """).param("b", bill.id())
                .query((rs, n) -> new PremiumBillView.Line(rs.getObject(1, UUID.class), rs.getString(2),
                        RiskTier.valueOf(rs.getString(3)), rs.getInt(4), new Money(rs.getLong(5), currency),
                        new Money(rs.getLong(6), currency), new Money(rs.getLong(7), currency),
                        new Money(rs.getLong(8), currency), new Money(rs.getLong(9), currency),
                        new Money(rs.getLong(10), currency), PremiumBillView.MerchantShareStatus.valueOf(rs.getString(11))))
                .list();
        return new PremiumBillView(bill.id(), bill.policyId(), bill.policyNumber(), bill.insurerId(), bill.period(),
                bill.premium(), bill.merchantShare(), bill.platformShare(), bill.governmentShare(), bill.merchantDue(),
                bill.billedAt(), lines);
    }

    // ---- row mappers

    private static InsurerView insurer(ResultSet rs, int n) throws SQLException {
        return new InsurerView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant());
    }

    private static ProductView product(ResultSet rs, int n) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString(5));
        Set<ClosureTrigger> triggers = EnumSet.noneOf(ClosureTrigger.class);
        for (Object name : (Object[]) rs.getArray(4).getArray()) {
            triggers.add(ClosureTrigger.valueOf((String) name));
        }
        return new ProductView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), triggers,
                List.of(), new Money(rs.getLong(6), currency), new Money(rs.getLong(7), currency),
                new Money(rs.getLong(8), currency), rs.getTimestamp(9).toInstant());
    }

    private static PolicyView policy(ResultSet rs, int n) throws SQLException {
        Array ids = rs.getArray("merchant_ids");
        List<UUID> merchantIds = new ArrayList<>(Arrays.stream((Object[]) ids.getArray()).map(UUID.class::cast).toList());
        return new PolicyView(rs.getObject("id", UUID.class), rs.getString("policy_number"),
                rs.getObject("product_id", UUID.class), rs.getString("product_name"), rs.getObject("insurer_id", UUID.class),
                rs.getString("insurer_name"), PolicyScope.valueOf(rs.getString("scope")), merchantIds,
                rs.getString("region_code"), rs.getString("policyholder"), rs.getDate("starts_on").toLocalDate(),
                rs.getDate("ends_on").toLocalDate(), new CostSharing(rs.getInt("merchant_share_bps"),
                rs.getInt("platform_share_bps"), rs.getInt("government_share_bps")), rs.getTimestamp("created_at").toInstant());
    }

    private static PremiumBillView bill(ResultSet rs, int n) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        Function<String, Money> money = column -> {
            try {
                return new Money(rs.getLong(column), currency);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        return new PremiumBillView(rs.getObject("id", UUID.class), rs.getObject("policy_id", UUID.class),
                rs.getString("policy_number"), rs.getObject("insurer_id", UUID.class), YearMonth.parse(rs.getString("period")),
                money.apply("premium_minor"), money.apply("merchant_share_minor"), money.apply("platform_share_minor"),
                money.apply("government_share_minor"), money.apply("merchant_due_minor"),
                rs.getTimestamp("billed_at").toInstant(), List.of());
    }
}
