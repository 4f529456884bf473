package org.fangxin.bank.portal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads for the bank portal: sub-account numbers (both kinds) and imported statements with their runs. */
@Repository
class PortalRepository {

    record SubAccounts(UUID merchantId, String escrow, String deposit, java.time.Instant assignedAt) { }

    private final JdbcClient jdbc;

    PortalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<SubAccounts> subAccounts(UUID merchantId) {
        return jdbc.sql("""
                select merchant_id, account_number, deposit_account_number, assigned_at
                  from bank.custody_sub_account where merchant_id = :m
                """).param("m", merchantId).query(PortalRepository::subAccounts).optional();
    }

    /** The merchant owning an escrow or deposit sub-account number. */
    Optional<UUID> merchantOfAccount(String accountNumber) {
        return jdbc.sql("""
                select merchant_id from bank.custody_sub_account
                 where account_number = :a or deposit_account_number = :a
                """).param("a", accountNumber).query(UUID.class).optional();
    }

    /** With a bank: only statements that bank sent (null: every bank's). */
    List<StatementSummary> statements(String bank, int offset, int limit) {
        return jdbc.sql("""
                select i.id, i.format, i.file_name, i.from_date, i.to_date, i.line_count, i.imported_at,
                       r.id, coalesce(r.match_count, 0), coalesce(r.break_count, 0), coalesce(r.rate_basis_points, 0),
                       i.bank_code
                  from bank.statement_import i left join bank.reconciliation_run r on r.import_id = i.id
                 where cast(:bank as text) is null or i.bank_code = :bank
                 order by i.imported_at desc, i.id desc offset :offset limit :limit
                """).param("bank", bank).param("offset", offset).param("limit", limit)
                .query((rs, n) -> new StatementSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getInt(6),
                        rs.getTimestamp(7).toInstant(), rs.getObject(8, UUID.class), rs.getInt(9), rs.getInt(10), rs.getInt(11),
                        rs.getString(12)))
                .list();
    }

    /** Per bank (null: every bank; the DEFAULT bank first): its payout files, instructions and last statement. */
    List<BankPayoutStatus> payoutStatus(String bank) {
        return jdbc.sql("""
                select b.code, b.name_zh, b.name_en,
                       (select count(*) from bank.instruction_file f where f.bank_code = b.code),
                       (select count(*) from bank.instruction_file f where f.bank_code = b.code and f.delivered_at is null),
                       (select count(*) from bank.instruction_file_item t join bank.instruction_file f on f.message_id = t.message_id
                         where f.bank_code = b.code),
                       (select max(f.delivered_at) from bank.instruction_file f where f.bank_code = b.code),
                       (select count(*) from bank.sandbox_instruction s where s.bank_code = b.code and s.state = 'RECEIVED'),
                       (select count(*) from bank.sandbox_instruction s where s.bank_code = b.code and s.state = 'CONFIRMED'),
                       (select count(*) from bank.sandbox_instruction s where s.bank_code = b.code and s.state = 'RETURNED'),
                       last.to_date, coalesce(last.break_count, 0)
                  from bank.custodian_bank b
                  left join lateral (select i.to_date, r.break_count from bank.statement_import i
                                       left join bank.reconciliation_run r on r.import_id = i.id
                                      where i.bank_code = b.code order by i.to_date desc, i.imported_at desc limit 1) last on true
                 where cast(:bank as text) is null or b.code = :bank
                 order by b.code <> 'DEFAULT', b.code
                """).param("bank", bank)
                .query((rs, n) -> new BankPayoutStatus(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                        rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getObject(11, LocalDate.class), rs.getInt(12)))
                .list();
    }

    private static SubAccounts subAccounts(ResultSet rs, int n) throws SQLException {
        return new SubAccounts(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant());
    }
}
