package org.fangxin.bank.sandbox;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.bank.BankDocument;
import org.fangxin.bank.FileReceipt;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sandbox bank's files, accounts, bookings, documents and injected faults (schema {@code bank}). */
@Repository
class SandboxBooks {

    record Account(String accountNumber, Instant openedAt, Money opening, Instant mirroredUntil) { }

    record Booking(long id, String accountNumber, LocalDate bookingDate, LocalDate valueDate, Money amount,
                   String endToEndId, String reference, String kind, String returnCode, String description) { }

    record Fault(UUID id, SandboxBank.Fault kind, String reference, long deltaMinor) { }

    private final JdbcClient jdbc;

    SandboxBooks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- files

    boolean insertFile(String bank, FileReceipt receipt) {
        return jdbc.sql("""
                insert into bank.sandbox_file (message_id, sha256, received_at, transaction_count, accepted_count, rejected_count,
                    bank_code)
                values (:id, :sha, :at, :n, :ok, :ko, :bank) on conflict (message_id) do nothing
                """).param("bank", bank).param("id", receipt.messageId()).param("sha", receipt.sha256Hex())
                .param("at", Timestamp.from(receipt.receivedAt())).param("n", receipt.transactionCount())
                .param("ok", receipt.acceptedCount()).param("ko", receipt.rejectedCount()).update() == 1;
    }

    Optional<FileReceipt> file(String messageId) {
        return jdbc.sql("select message_id, sha256, transaction_count, accepted_count, rejected_count, received_at from bank.sandbox_file where message_id = :id")
                .param("id", messageId)
                .query((rs, n) -> new FileReceipt(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getTimestamp(6).toInstant(), true)).optional();
    }

    // ---- accounts

    void openAccount(String bank, String accountNumber, Money opening, Instant at) {
        jdbc.sql("""
                insert into bank.sandbox_account (account_number, opened_at, opening_minor, currency, mirrored_until, bank_code)
                values (:a, :at, :m, :c, :at, :bank) on conflict (account_number) do nothing
                """).param("bank", bank).param("a", accountNumber).param("at", Timestamp.from(at)).param("m", opening.amountMinor())
                .param("c", opening.currency().getCurrencyCode()).update();
    }

    Optional<Account> account(String accountNumber) {
        return jdbc.sql("select account_number, opened_at, opening_minor, currency, mirrored_until from bank.sandbox_account where account_number = :a")
                .param("a", accountNumber).query(SandboxBooks::account).optional();
    }

    /** Every account open at the bank, locked: one end-of-day run of a bank mirrors at a time. */
    List<Account> lockAccounts(String bank) {
        return jdbc.sql("""
                select account_number, opened_at, opening_minor, currency, mirrored_until from bank.sandbox_account
                 where bank_code = :bank order by account_number for update
                """).param("bank", bank).query(SandboxBooks::account).list();
    }

    void mirroredUntil(String accountNumber, Instant until) {
        jdbc.sql("update bank.sandbox_account set mirrored_until = :u where account_number = :a")
                .param("u", Timestamp.from(until)).param("a", accountNumber).update();
    }

    /** The sub-account's merchant, when the number is a custody sub-account. */
    Optional<UUID> merchantOfSubAccount(String accountNumber) {
        return jdbc.sql("select merchant_id from bank.custody_sub_account where account_number = :a")
                .param("a", accountNumber).query(UUID.class).optional();
    }

    // ---- bookings

    void book(String accountNumber, LocalDate bookingDate, LocalDate valueDate, Money amount, String endToEndId,
              String reference, String kind, String returnCode, String description) {
        jdbc.sql("""
                insert into bank.sandbox_booking (account_number, booking_date, value_date, amount_minor, currency,
                    end_to_end_id, reference, kind, return_code, description)
                values (:a, :b, :v, :m, :c, :e, :r, :k, :rc, :d) on conflict (reference) do nothing
                """).param("a", accountNumber).param("b", Date.valueOf(bookingDate)).param("v", Date.valueOf(valueDate))
                .param("m", amount.amountMinor()).param("c", amount.currency().getCurrencyCode()).param("e", endToEndId)
                .param("r", reference).param("k", kind).param("rc", returnCode).param("d", description).update();
    }

    /** The day's bookings on the accounts the bank keeps. */
    List<Booking> bookingsOn(String bank, LocalDate day) {
        return jdbc.sql("""
                select b.id, b.account_number, b.booking_date, b.value_date, b.amount_minor, b.currency, b.end_to_end_id,
                       b.reference, b.kind, b.return_code, b.description
                  from bank.sandbox_booking b join bank.sandbox_account a on a.account_number = b.account_number
                 where b.booking_date = :d and a.bank_code = :bank order by b.account_number, b.id
                """).param("d", Date.valueOf(day)).param("bank", bank)
                .query((rs, n) -> new Booking(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                        rs.getDate(4).toLocalDate(), money(rs.getLong(5), rs.getString(6)), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11))).list();
    }

    long bookedBefore(String accountNumber, LocalDate day) {
        return jdbc.sql("select coalesce(sum(amount_minor), 0) from bank.sandbox_booking where account_number = :a and booking_date < :d")
                .param("a", accountNumber).param("d", Date.valueOf(day)).query(Long.class).single();
    }

    // ---- documents

    Optional<Long> documentNamed(String name) {
        return jdbc.sql("select sequence from bank.sandbox_document where name = :n").param("n", name).query(Long.class).optional();
    }

    void insertDocument(String bank, BankDocument.Kind kind, String name, LocalDate day, byte[] content, String sha256, Instant at) {
        jdbc.sql("""
                insert into bank.sandbox_document (kind, name, statement_date, content, sha256, created_at, bank_code)
                values (:k, :n, :d, :c, :s, :at, :bank) on conflict (name) do nothing
                """).param("bank", bank).param("k", kind.name()).param("n", name).param("d", day == null ? null : Date.valueOf(day))
                .param("c", content).param("s", sha256).param("at", Timestamp.from(at)).update();
    }

    List<BankDocument> documentsAfter(String bank, long sequence, int limit) {
        return jdbc.sql("""
                select sequence, kind, name, statement_date, content, sha256 from bank.sandbox_document
                 where bank_code = :bank and sequence > :s order by sequence limit :l
                """).param("bank", bank).param("s", sequence).param("l", limit)
                .query((rs, n) -> new BankDocument(rs.getLong(1), BankDocument.Kind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(), rs.getBytes(5), rs.getString(6))).list();
    }

    // ---- faults

    void insertFault(UUID id, SandboxBank.Fault kind, String reference, long deltaMinor) {
        jdbc.sql("insert into bank.sandbox_fault (id, kind, reference, delta_minor) values (:id, :k, :r, :d)")
                .param("id", id).param("k", kind.name()).param("r", reference).param("d", deltaMinor).update();
    }

    List<Fault> pendingFaults() {
        return jdbc.sql("select id, kind, reference, delta_minor from bank.sandbox_fault where applied_in is null for update")
                .query((rs, n) -> new Fault(rs.getObject(1, UUID.class), SandboxBank.Fault.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getLong(4))).list();
    }

    void faultApplied(UUID id, String documentName) {
        jdbc.sql("update bank.sandbox_fault set applied_in = :n where id = :id").param("n", documentName).param("id", id).update();
    }

    private static Account account(ResultSet rs, int n) throws SQLException {
        return new Account(rs.getString(1), rs.getTimestamp(2).toInstant(), money(rs.getLong(3), rs.getString(4)),
                rs.getTimestamp(5).toInstant());
    }

    private static Money money(long minor, String currency) {
        return new Money(minor, Currency.getInstance(currency));
    }
}
