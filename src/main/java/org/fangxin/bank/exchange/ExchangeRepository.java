package org.fangxin.bank.exchange;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fangxin.bank.BankDocument;
import org.fangxin.bank.format.InstructionFile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The platform's record of the instruction files it sent and the bank documents it fetched (schema {@code bank}). */
@Repository
public class ExchangeRepository {

    /** A file as stored: its exact bytes and checksum, and the custodian bank it goes to. */
    public record StoredFile(String messageId, String sha256, byte[] content, Instant deliveredAt, String bank) { }

    /** A fetched document not processed yet, with the bank that produced it. */
    public record Inbound(String bank, long sequence, BankDocument.Kind kind, String name, byte[] content) { }

    private static final String INBOUND = "bank_code, bank_sequence, kind, name, content";

    private final JdbcClient jdbc;

    public ExchangeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> fileOf(String endToEndId) {
        return jdbc.sql("select message_id from bank.instruction_file_item where end_to_end_id = :e")
                .param("e", endToEndId).query(String.class).optional();
    }

    public void insertFile(String bank, InstructionFile file, List<String> endToEndIds, Instant now) {
        jdbc.sql("""
                insert into bank.instruction_file (message_id, sha256, content, transaction_count, control_sum_minor, currency,
                    created_at, bank_code)
                values (:id, :sha, :content, :n, :sum, :ccy, :now, :bank)
                """).param("bank", bank).param("id", file.messageId()).param("sha", file.sha256Hex()).param("content", file.content())
                .param("n", file.numberOfTransactions()).param("sum", file.controlSum().amountMinor())
                .param("ccy", file.controlSum().currency().getCurrencyCode()).param("now", Timestamp.from(now)).update();
        for (String id : endToEndIds) {
            jdbc.sql("insert into bank.instruction_file_item (end_to_end_id, message_id) values (:e, :m)")
                    .param("e", id).param("m", file.messageId()).update();
        }
    }

    public StoredFile file(String messageId) {
        return jdbc.sql("select message_id, sha256, content, delivered_at, bank_code from bank.instruction_file where message_id = :id")
                .param("id", messageId)
                .query((rs, n) -> new StoredFile(rs.getString(1), rs.getString(2), rs.getBytes(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getString(5))).single();
    }

    public List<String> itemsOf(String messageId) {
        return jdbc.sql("select end_to_end_id from bank.instruction_file_item where message_id = :m order by end_to_end_id")
                .param("m", messageId).query(String.class).list();
    }

    public void delivered(String messageId, int accepted, int rejected, Instant now) {
        jdbc.sql("""
                update bank.instruction_file set delivered_at = coalesce(delivered_at, :now), accepted_count = :ok, rejected_count = :ko
                 where message_id = :id
                """).param("now", Timestamp.from(now)).param("ok", accepted).param("ko", rejected).param("id", messageId).update();
    }

    public long lastFetchedSequence(String bank) {
        return jdbc.sql("select coalesce(max(bank_sequence), 0) from bank.inbound_document where bank_code = :bank")
                .param("bank", bank).query(Long.class).single();
    }

    public void insertInbound(String bank, BankDocument document, Instant now) {
        jdbc.sql("""
                insert into bank.inbound_document (bank_code, bank_sequence, kind, name, sha256, content, fetched_at)
                values (:bank, :s, :k, :n, :sha, :c, :now) on conflict (bank_code, bank_sequence) do nothing
                """).param("bank", bank).param("s", document.sequence()).param("k", document.kind().name()).param("n", document.name())
                .param("sha", document.sha256Hex()).param("c", document.content()).param("now", Timestamp.from(now)).update();
    }

    public List<Inbound> unprocessed(int limit) {
        return jdbc.sql("select " + INBOUND + """
                 from bank.inbound_document where processed_at is null
                 order by fetched_at, bank_code, bank_sequence limit :l
                """).param("l", limit).query(ExchangeRepository::inbound).list();
    }

    public Optional<Inbound> lockUnprocessed(String bank, long sequence) {
        return jdbc.sql("select " + INBOUND + """
                 from bank.inbound_document
                 where bank_code = :bank and bank_sequence = :s and processed_at is null for update skip locked
                """).param("bank", bank).param("s", sequence).query(ExchangeRepository::inbound).optional();
    }

    public void processed(String bank, long sequence, String outcome, Instant now) {
        jdbc.sql("update bank.inbound_document set processed_at = :now, outcome = :o where bank_code = :bank and bank_sequence = :s")
                .param("now", Timestamp.from(now)).param("o", outcome.length() > 2000 ? outcome.substring(0, 2000) : outcome)
                .param("bank", bank).param("s", sequence).update();
    }

    private static Inbound inbound(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Inbound(rs.getString(1), rs.getLong(2), BankDocument.Kind.valueOf(rs.getString(3)), rs.getString(4),
                rs.getBytes(5));
    }
}
