package org.fangxin.bank.custodian;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Banks, their members, each merchant's bank (on its sub-account row) and the moves between banks. */
@Repository
class CustodianBankRepository {

    private static final String MOVE_COLUMNS = """
            select id, merchant_id, from_bank, to_bank, state, proposed_by, proposed_at, decided_by, decided_at
              from bank.custodian_bank_move
            """;

    private final JdbcClient jdbc;

    CustodianBankRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<CustodianBankView> banks() {
        return jdbc.sql("select code, name_zh, name_en, custody_account from bank.custodian_bank order by code")
                .query(CustodianBankRepository::bank).list();
    }

    Optional<CustodianBankView> bank(String code) {
        return jdbc.sql("select code, name_zh, name_en, custody_account from bank.custodian_bank where code = :c")
                .param("c", code).query(CustodianBankRepository::bank).optional();
    }

    /** False when the code or the custody account is taken. */
    boolean insertBank(CustodianBankView bank, Instant now) {
        return jdbc.sql("""
                insert into bank.custodian_bank (code, name_zh, name_en, custody_account, created_at)
                values (:c, :zh, :en, :acct, :now) on conflict do nothing
                """).param("c", bank.code()).param("zh", bank.nameZh()).param("en", bank.nameEn())
                .param("acct", bank.custodyAccount()).param("now", Timestamp.from(now)).update() == 1;
    }

    void upsertMember(UUID userId, String code, UUID addedBy, Instant now) {
        jdbc.sql("""
                insert into bank.custodian_bank_member (user_id, bank_code, added_by, added_at) values (:u, :c, :by, :now)
                on conflict (user_id) do update set bank_code = excluded.bank_code, added_by = excluded.added_by,
                                                    added_at = excluded.added_at
                """).param("u", userId).param("c", code).param("by", addedBy).param("now", Timestamp.from(now)).update();
    }

    Optional<String> bankOfMember(UUID userId) {
        return jdbc.sql("select bank_code from bank.custodian_bank_member where user_id = :u").param("u", userId)
                .query(String.class).optional();
    }

    /** The merchant's bank, locking its sub-account row; empty before the merchant was approved. */
    Optional<String> lockBankOfMerchant(UUID merchantId) {
        return jdbc.sql("select bank_code from bank.custody_sub_account where merchant_id = :m for update")
                .param("m", merchantId).query(String.class).optional();
    }

    Optional<String> bankOfMerchant(UUID merchantId) {
        return jdbc.sql("select bank_code from bank.custody_sub_account where merchant_id = :m")
                .param("m", merchantId).query(String.class).optional();
    }

    Optional<String> bankOfAccount(String accountNumber) {
        return jdbc.sql("""
                select bank_code from bank.custody_sub_account where account_number = :a or deposit_account_number = :a
                """).param("a", accountNumber).query(String.class).optional();
    }

    List<UUID> merchantsAt(String code) {
        return jdbc.sql("select merchant_id from bank.custody_sub_account where bank_code = :c").param("c", code)
                .query(UUID.class).list();
    }

    void setBankOfMerchant(UUID merchantId, String code) {
        jdbc.sql("update bank.custody_sub_account set bank_code = :c where merchant_id = :m").param("c", code)
                .param("m", merchantId).update();
    }

    /** False when another move of the merchant is already proposed. */
    boolean insertMove(BankMoveView move) {
        return jdbc.sql("""
                insert into bank.custodian_bank_move (id, merchant_id, from_bank, to_bank, state, proposed_by, proposed_at)
                values (:id, :m, :from, :to, 'PROPOSED', :by, :at) on conflict do nothing
                """).param("id", move.id()).param("m", move.merchantId()).param("from", move.fromBank())
                .param("to", move.toBank()).param("by", move.proposedBy()).param("at", Timestamp.from(move.proposedAt()))
                .update() == 1;
    }

    Optional<BankMoveView> lockMove(UUID id) {
        return jdbc.sql(MOVE_COLUMNS + " where id = :id for update").param("id", id).query(CustodianBankRepository::move).optional();
    }

    Optional<BankMoveView> move(UUID id) {
        return jdbc.sql(MOVE_COLUMNS + " where id = :id").param("id", id).query(CustodianBankRepository::move).optional();
    }

    List<BankMoveView> openMoves(int limit) {
        return jdbc.sql(MOVE_COLUMNS + " where state = 'PROPOSED' order by proposed_at limit :limit").param("limit", limit)
                .query(CustodianBankRepository::move).list();
    }

    List<BankMoveView> moves(UUID merchantId) {
        return jdbc.sql(MOVE_COLUMNS + " where merchant_id = :m order by proposed_at desc").param("m", merchantId)
                .query(CustodianBankRepository::move).list();
    }

    void decideMove(UUID id, String state, UUID decidedBy, Instant at) {
        jdbc.sql("update bank.custodian_bank_move set state = :s, decided_by = :by, decided_at = :at where id = :id")
                .param("s", state).param("by", decidedBy).param("at", Timestamp.from(at)).param("id", id).update();
    }

    private static CustodianBankView bank(ResultSet rs, int n) throws SQLException {
        return new CustodianBankView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }

    private static BankMoveView move(ResultSet rs, int n) throws SQLException {
        Timestamp decided = rs.getTimestamp(9);
        return new BankMoveView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getObject(6, UUID.class), rs.getTimestamp(7).toInstant(), rs.getObject(8, UUID.class),
                decided == null ? null : decided.toInstant());
    }
}
