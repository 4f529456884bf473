package org.fangxin.protection.recovery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Fund top-ups and subrogation movements in schema {@code protection}; callers hold the transaction. */
@Repository
class RecoveryRepository {

    static final int LIST_MAX = 200;

    private final JdbcClient jdbc;

    RecoveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertTopUp(FundTopUpView t) {
        jdbc.sql("""
                insert into protection.fund_top_up (id, amount_minor, currency, reference, recorded_by, recorded_at, posting_key)
                values (:id, :amount, :currency, :reference, :by, :at, :key)
                """)
                .param("id", t.id()).param("amount", t.amount().amountMinor()).param("currency", t.amount().currency().getCurrencyCode())
                .param("reference", t.reference()).param("by", t.recordedBy()).param("at", Timestamp.from(t.recordedAt()))
                .param("key", t.postingKey()).update();
    }

    List<FundTopUpView> topUps() {
        return jdbc.sql("""
                select id, amount_minor, currency, reference, recorded_by, recorded_at, posting_key
                  from protection.fund_top_up order by recorded_at desc, id desc limit :limit
                """)
                .param("limit", LIST_MAX)
                .query((rs, n) -> new FundTopUpView(rs.getObject("id", UUID.class), money(rs), rs.getString("reference"),
                        rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant(), rs.getString("posting_key")))
                .list();
    }

    void insertMovement(SubrogationMovementView m) {
        jdbc.sql("""
                insert into protection.subrogation_movement
                       (id, case_id, merchant_id, kind, amount_minor, currency, note, recorded_by, recorded_at, posting_key)
                values (:id, :case, :merchant, :kind, :amount, :currency, :note, :by, :at, :key)
                """)
                .param("id", m.id()).param("case", m.caseId()).param("merchant", m.merchantId()).param("kind", m.kind().name())
                .param("amount", m.amount().amountMinor()).param("currency", m.amount().currency().getCurrencyCode())
                .param("note", m.note()).param("by", m.recordedBy()).param("at", Timestamp.from(m.recordedAt()))
                .param("key", m.postingKey()).update();
    }

    List<SubrogationMovementView> movements(UUID caseId) {
        return jdbc.sql("""
                select id, case_id, merchant_id, kind, amount_minor, currency, note, recorded_by, recorded_at, posting_key
                  from protection.subrogation_movement where case_id = :case order by recorded_at desc, id desc limit :limit
                """)
                .param("case", caseId).param("limit", LIST_MAX)
                .query(RecoveryRepository::movement).list();
    }

    /** Serialises recoveries and write-offs per merchant, so two never pass the open-balance check together. */
    void lockMerchant(UUID merchantId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('subrogation:' || :m, 0))")
                .param("m", merchantId.toString()).query((rs, n) -> 1).list();
    }

    private static SubrogationMovementView movement(ResultSet rs, int n) throws SQLException {
        return new SubrogationMovementView(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class),
                rs.getObject("merchant_id", UUID.class), SubrogationMovementView.Kind.valueOf(rs.getString("kind")), money(rs),
                rs.getString("note"), rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("posting_key"));
    }

    private static Money money(ResultSet rs) throws SQLException {
        return new Money(rs.getLong("amount_minor"), Currency.getInstance(rs.getString("currency")));
    }
}
