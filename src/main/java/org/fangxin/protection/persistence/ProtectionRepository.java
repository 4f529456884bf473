package org.fangxin.protection.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.merchant.Sector;
import org.fangxin.protection.DepositRuleView;
import org.fangxin.protection.DepositView;
import org.fangxin.protection.TopUpRequestView;
import org.fangxin.shared.Money;
import org.fangxin.merchant.MerchantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes the protection schema; callers hold the transaction. */
@Repository
public class ProtectionRepository {

    public static final int ROWS_MAX = 500;

    private final JdbcClient jdbc;

    public ProtectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored result of the last coverage check of a merchant. */
    public record CoverageRow(UUID merchantId, Money exposure, Money insuredCover, Money required, Money lodged,
                              Instant underCoveredSince, Instant checkedAt) { }

    // ---- rules

    public List<DepositRuleView> rules() {
        return jdbc.sql("select sector, currency, floor_minor, share_bps, updated_at, updated_by from protection.deposit_rule order by sector")
                .query(ProtectionRepository::rule).list();
    }

    public Optional<DepositRuleView> rule(Sector sector) {
        return jdbc.sql("""
                select sector, currency, floor_minor, share_bps, updated_at, updated_by from protection.deposit_rule
                 where sector = :s
                """).param("s", sector.name()).query(ProtectionRepository::rule).optional();
    }

    public void upsertRule(DepositRuleView rule) {
        jdbc.sql("""
                insert into protection.deposit_rule (sector, currency, floor_minor, share_bps, updated_at, updated_by)
                values (:s, :c, :floor, :share, :at, :by)
                on conflict (sector) do update set currency = excluded.currency, floor_minor = excluded.floor_minor,
                    share_bps = excluded.share_bps, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """)
                .param("s", rule.sector().name()).param("c", rule.floor().currency().getCurrencyCode())
                .param("floor", rule.floor().amountMinor()).param("share", rule.shareBps())
                .param("at", Timestamp.from(rule.updatedAt())).param("by", rule.updatedBy()).update();
    }

    // ---- deposits

    public void insertMovement(DepositView movement) {
        jdbc.sql("""
                insert into protection.deposit_movement (id, merchant_id, kind, currency, amount_minor, reference,
                    posting_key, recorded_at, recorded_by)
                values (:id, :m, :kind, :c, :amount, :ref, :key, :at, :by)
                """)
                .param("id", movement.id()).param("m", movement.merchantId()).param("kind", movement.kind().name())
                .param("c", movement.amount().currency().getCurrencyCode()).param("amount", movement.amount().amountMinor())
                .param("ref", movement.reference()).param("key", movement.postingKey())
                .param("at", Timestamp.from(movement.recordedAt())).param("by", movement.recordedBy()).update();
    }

    public List<DepositView> movements(UUID merchantId) {
        return movements(merchantId, MerchantScope.ALL);
    }

    /** The latest movements of one merchant (or all when null) within the reader's scope. */
    public List<DepositView> movements(UUID merchantId, MerchantScope scope) {
        return jdbc.sql("""
                select id, merchant_id, kind, currency, amount_minor, reference, posting_key, recorded_at, recorded_by
                  from protection.deposit_movement
                 where (cast(:m as uuid) is null or merchant_id = :m)""" + scope.and("merchant_id") + """

                 order by recorded_at desc, id desc limit :max
                """).param("m", merchantId).param("max", ROWS_MAX).params(scope.params())
                .query((rs, n) -> new DepositView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        DepositView.Kind.valueOf(rs.getString(3)), new Money(rs.getLong(5), Currency.getInstance(rs.getString(4))),
                        rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9)))
                .list();
    }

    // ---- coverage

    /** Locks the merchant's coverage row (creating it if absent) so two checks of one merchant run one after the other. */
    public CoverageRow lockCoverage(UUID merchantId, Currency currency, Instant now) {
        jdbc.sql("""
                insert into protection.coverage (merchant_id, currency, exposure_minor, insured_cover_minor, required_minor,
                    lodged_minor, under_covered_since, checked_at)
                values (:m, :c, 0, 0, 0, 0, null, :now)
                on conflict (merchant_id) do nothing
                """).param("m", merchantId).param("c", currency.getCurrencyCode()).param("now", Timestamp.from(now)).update();
        return jdbc.sql("""
                select merchant_id, currency, exposure_minor, insured_cover_minor, required_minor, lodged_minor,
                       under_covered_since, checked_at
                  from protection.coverage where merchant_id = :m for update
                """).param("m", merchantId).query(ProtectionRepository::coverage).single();
    }

    /**
     * The first reason this module stops the merchant's prepaid sales (an open closure case, else an under-covered
     * deposit), from the view {@code protection.sales_block} that the card module's purchase check reads too.
     */
    public Optional<String> salesBlock(UUID merchantId) {
        return jdbc.sql("select reason from protection.sales_block where merchant_id = :m order by rank limit 1")
                .param("m", merchantId).query(String.class).optional();
    }

    public Optional<CoverageRow> coverage(UUID merchantId) {
        return jdbc.sql("""
                select merchant_id, currency, exposure_minor, insured_cover_minor, required_minor, lodged_minor,
                       under_covered_since, checked_at
                  from protection.coverage where merchant_id = :m
                """).param("m", merchantId).query(ProtectionRepository::coverage).optional();
    }

    /** Stored coverage rows, blocked merchants first, optionally only the blocked ones. */
    public List<CoverageRow> coverages(boolean underCoveredOnly) {
        return coverages(underCoveredOnly, MerchantScope.ALL);
    }

    /** Checked merchants within the reader's scope, blocked ones first. */
    public List<CoverageRow> coverages(boolean underCoveredOnly, MerchantScope scope) {
        return jdbc.sql("""
                select merchant_id, currency, exposure_minor, insured_cover_minor, required_minor, lodged_minor,
                       under_covered_since, checked_at
                  from protection.coverage
                 where (not :only or under_covered_since is not null)""" + scope.and("merchant_id") + """

                 order by under_covered_since nulls last, checked_at desc, merchant_id limit :max
                """).param("only", underCoveredOnly).param("max", ROWS_MAX).params(scope.params())
                .query(ProtectionRepository::coverage).list();
    }

    public void updateCoverage(CoverageRow row) {
        jdbc.sql("""
                update protection.coverage set exposure_minor = :e, insured_cover_minor = :i, required_minor = :r,
                       lodged_minor = :l, under_covered_since = :since, checked_at = :at
                 where merchant_id = :m
                """)
                .param("e", row.exposure().amountMinor()).param("i", row.insuredCover().amountMinor())
                .param("r", row.required().amountMinor()).param("l", row.lodged().amountMinor())
                .param("since", row.underCoveredSince() == null ? null : Timestamp.from(row.underCoveredSince()))
                .param("at", Timestamp.from(row.checkedAt())).param("m", row.merchantId()).update();
    }

    // ---- top-up requests

    public Optional<TopUpRequestView> openRequest(UUID merchantId) {
        return jdbc.sql("""
                select id, merchant_id, currency, shortfall_minor, requested_at, resolved_at from protection.top_up_request
                 where merchant_id = :m and resolved_at is null
                """).param("m", merchantId).query(ProtectionRepository::request).optional();
    }

    public void insertRequest(TopUpRequestView request) {
        jdbc.sql("""
                insert into protection.top_up_request (id, merchant_id, currency, shortfall_minor, requested_at)
                values (:id, :m, :c, :s, :at)
                """).param("id", request.id()).param("m", request.merchantId())
                .param("c", request.shortfall().currency().getCurrencyCode()).param("s", request.shortfall().amountMinor())
                .param("at", Timestamp.from(request.requestedAt())).update();
    }

    public void resolveRequest(UUID id, Instant at) {
        jdbc.sql("update protection.top_up_request set resolved_at = :at where id = :id and resolved_at is null")
                .param("at", Timestamp.from(at)).param("id", id).update();
    }

    public List<TopUpRequestView> requests(UUID merchantId) {
        return jdbc.sql("""
                select id, merchant_id, currency, shortfall_minor, requested_at, resolved_at from protection.top_up_request
                 where merchant_id = :m order by requested_at desc, id desc limit :max
                """).param("m", merchantId).param("max", ROWS_MAX).query(ProtectionRepository::request).list();
    }

    private static DepositRuleView rule(ResultSet rs, int n) throws SQLException {
        return new DepositRuleView(Sector.valueOf(rs.getString(1)), new Money(rs.getLong(3), Currency.getInstance(rs.getString(2))),
                rs.getInt(4), rs.getTimestamp(5).toInstant(), rs.getString(6));
    }

    private static CoverageRow coverage(ResultSet rs, int n) throws SQLException {
        Currency c = Currency.getInstance(rs.getString(2));
        Timestamp since = rs.getTimestamp(7);
        return new CoverageRow(rs.getObject(1, UUID.class), new Money(rs.getLong(3), c), new Money(rs.getLong(4), c),
                new Money(rs.getLong(5), c), new Money(rs.getLong(6), c), since == null ? null : since.toInstant(),
                rs.getTimestamp(8).toInstant());
    }

    private static TopUpRequestView request(ResultSet rs, int n) throws SQLException {
        Timestamp resolved = rs.getTimestamp(6);
        return new TopUpRequestView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                new Money(rs.getLong(4), Currency.getInstance(rs.getString(3))), rs.getTimestamp(5).toInstant(),
                resolved == null ? null : resolved.toInstant());
    }
}
