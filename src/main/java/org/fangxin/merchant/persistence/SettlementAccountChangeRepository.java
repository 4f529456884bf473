package org.fangxin.merchant.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.merchant.SettlementAccount;
import org.fangxin.merchant.SettlementAccountChangeView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Requested changes of settlement account and their decisions; the merchant row changes only on approval. */
@Repository
public class SettlementAccountChangeRepository {

    private static final String COLUMNS = """
            c.id, c.merchant_id, m.legal_name, c.account_name, c.bank_name, c.account_number, c.status, c.requested_by,
            c.requested_at, c.decided_by, c.decided_at, c.reason
              from merchant.settlement_account_change c join merchant.merchant m on m.id = c.merchant_id""";

    private final JdbcClient jdbc;

    public SettlementAccountChangeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when the merchant already has a pending change (the partial unique index decides). */
    public boolean insert(UUID id, UUID merchantId, SettlementAccount account, UUID requestedBy, Instant at) {
        return jdbc.sql("""
                insert into merchant.settlement_account_change (id, merchant_id, account_name, bank_name, account_number,
                        status, requested_by, requested_at)
                values (:id, :merchant, :name, :bank, :number, 'PENDING', :by, :at)
                on conflict (merchant_id) where status = 'PENDING' do nothing
                """)
                .param("id", id).param("merchant", merchantId).param("name", account.accountName())
                .param("bank", account.bankName()).param("number", account.accountNumber()).param("by", requestedBy)
                .param("at", Timestamp.from(at))
                .update() == 1;
    }

    public Optional<SettlementAccountChangeView> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " where c.id = :id for update of c").param("id", id)
                .query(SettlementAccountChangeRepository::toView).optional();
    }

    public Optional<SettlementAccountChangeView> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " where c.id = :id").param("id", id)
                .query(SettlementAccountChangeRepository::toView).optional();
    }

    public void decide(UUID id, SettlementAccountChangeView.Status status, UUID decidedBy, Instant at, String reason) {
        jdbc.sql("""
                update merchant.settlement_account_change
                   set status = :status, decided_by = :by, decided_at = :at, reason = :reason
                 where id = :id and status = 'PENDING'
                """)
                .param("id", id).param("status", status.name()).param("by", decidedBy).param("at", Timestamp.from(at))
                .param("reason", reason).update();
    }

    /** Replaces the merchant's settlement account (on approval). */
    public void replaceAccount(UUID merchantId, SettlementAccount account) {
        jdbc.sql("""
                update merchant.merchant set settlement_account_name = :name, settlement_bank_name = :bank,
                       settlement_account_number = :number where id = :id
                """)
                .param("id", merchantId).param("name", account.accountName()).param("bank", account.bankName())
                .param("number", account.accountNumber()).update();
    }

    public List<SettlementAccountChangeView> ofMerchant(UUID merchantId, int limit) {
        return jdbc.sql("select " + COLUMNS + " where c.merchant_id = :merchant order by c.requested_at desc, c.id desc limit :limit")
                .param("merchant", merchantId).param("limit", limit).query(SettlementAccountChangeRepository::toView).list();
    }

    public List<SettlementAccountChangeView> pending(int limit) {
        return jdbc.sql("select " + COLUMNS + " where c.status = 'PENDING' order by c.requested_at, c.id limit :limit")
                .param("limit", limit).query(SettlementAccountChangeRepository::toView).list();
    }

    private static SettlementAccountChangeView toView(ResultSet rs, int n) throws SQLException {
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new SettlementAccountChangeView(rs.getObject("id", UUID.class), rs.getObject("merchant_id", UUID.class),
                rs.getString("legal_name"), new SettlementAccount(rs.getString("account_name"), rs.getString("bank_name"),
                rs.getString("account_number")), SettlementAccountChangeView.Status.valueOf(rs.getString("status")),
                rs.getObject("requested_by", UUID.class), rs.getTimestamp("requested_at").toInstant(),
                rs.getObject("decided_by", UUID.class), decidedAt == null ? null : decidedAt.toInstant(), rs.getString("reason"));
    }
}
