package org.fangxin.bank.sandbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.fangxin.bank.BankInstructionView;
import org.fangxin.bank.InstructionState;
import org.fangxin.bank.PayoutInstruction;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sandbox bank's tables (schema {@code bank}); callers hold the transaction. */
@Repository
class SandboxRepository {

    static final int PAGE_SIZE_MAX = 200;
    private static final String COLUMNS = """
            end_to_end_id, debtor_account, creditor_name, creditor_bank, creditor_account, amount_minor, currency,
            remittance, state, reason_code, reason_text, received_at, decided_at, bank_code""";
    private static final String CONTROL = "reject_next, reject_code, reject_text, value_date_delay_days, fee_minor";

    record Control(int rejectNext, String rejectCode, String rejectText, Integer valueDateDelayDays, Long feeMinor) { }

    private final JdbcClient jdbc;

    SandboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertIfAbsent(String bank, PayoutInstruction instruction, Instant now) {
        insertIfAbsent(bank, instruction, now, null, LocalDate.ofInstant(now, SandboxBank.BANK_ZONE));
    }

    /** Inserts an instruction the bank received unless its end-to-end id is known; true if inserted. */
    boolean insertIfAbsent(String bank, PayoutInstruction instruction, Instant now, String messageId, LocalDate executionDate) {
        return jdbc.sql("""
                insert into bank.sandbox_instruction (end_to_end_id, debtor_account, creditor_name, creditor_bank,
                    creditor_account, amount_minor, currency, remittance, state, received_at, message_id, execution_date,
                    bank_code)
                values (:id, :debtor, :name, :bank, :account, :amount, :currency, :remittance, 'RECEIVED', :now, :message,
                    :execution, :custodian)
                on conflict (end_to_end_id) do nothing
                """)
                .param("message", messageId).param("execution", Date.valueOf(executionDate)).param("custodian", bank)
                .param("id", instruction.endToEndId()).param("debtor", instruction.debtorAccount())
                .param("name", instruction.creditorName()).param("bank", instruction.creditorBank())
                .param("account", instruction.creditorAccount())
                .param("amount", instruction.amount().amountMinor())
                .param("currency", instruction.amount().currency().getCurrencyCode())
                .param("remittance", instruction.remittanceInformation())
                .param("now", Timestamp.from(now))
                .update() == 1;
    }

    /** The instruction as the bank holds it, whichever instance received it (end-to-end ids are unique). */
    Optional<BankInstructionView> find(String endToEndId) {
        return jdbc.sql("select " + COLUMNS + " from bank.sandbox_instruction where end_to_end_id = :id")
                .param("id", endToEndId).query(SandboxRepository::instruction).optional();
    }

    /** The instruction if this bank received it. */
    Optional<BankInstructionView> find(String bank, String endToEndId) {
        return jdbc.sql("select " + COLUMNS + " from bank.sandbox_instruction where end_to_end_id = :id and bank_code = :bank")
                .param("id", endToEndId).param("bank", bank).query(SandboxRepository::instruction).optional();
    }

    /** The banks with instructions due on or before the day. */
    List<String> banksWithPending(LocalDate executableOn) {
        return jdbc.sql("""
                select distinct bank_code from bank.sandbox_instruction
                 where state = 'RECEIVED' and execution_date <= :day order by bank_code
                """).param("day", Date.valueOf(executableOn)).query(String.class).list();
    }

    /** A pending instruction with the file it came in (null for single submissions). */
    record Pending(BankInstructionView instruction, String messageId) { }

    List<Pending> lockPending(String bank, int limit, LocalDate executableOn) {
        return jdbc.sql("select message_id, " + COLUMNS + """
                 from bank.sandbox_instruction
                 where state = 'RECEIVED' and execution_date <= :day and bank_code = :bank
                 order by received_at, end_to_end_id
                 limit :limit
                 for update skip locked
                """).param("limit", limit).param("day", Date.valueOf(executableOn)).param("bank", bank)
                .query((rs, n) -> new Pending(instruction(rs, n), rs.getString("message_id"))).list();
    }

    void decide(String endToEndId, InstructionState state, String reasonCode, String reasonText, Instant now) {
        int updated = jdbc.sql("""
                update bank.sandbox_instruction
                   set state = :state, reason_code = :code, reason_text = :text, decided_at = :now
                 where end_to_end_id = :id and state = 'RECEIVED'
                """)
                .param("state", state.name()).param("code", reasonCode).param("text", reasonText)
                .param("now", Timestamp.from(now)).param("id", endToEndId).update();
        if (updated != 1) {
            throw new IllegalStateException("instruction " + endToEndId + " was decided concurrently");
        }
    }

    /** The bank's settings row, locked; created with the defaults when the bank's sandbox is first used. */
    Control lockControl(String bank) {
        jdbc.sql("insert into bank.sandbox_control (bank_code) values (:bank) on conflict (bank_code) do nothing")
                .param("bank", bank).update();
        return jdbc.sql("select " + CONTROL + " from bank.sandbox_control where bank_code = :bank for update")
                .param("bank", bank).query((rs, n) -> control(rs, n)).single();
    }

    /** The bank's settings (the defaults while it has no row). */
    Control control(String bank) {
        return jdbc.sql("select " + CONTROL + " from bank.sandbox_control where bank_code = :bank")
                .param("bank", bank).query((rs, n) -> control(rs, n)).optional()
                .orElse(new Control(0, "MS03", "Rejected by the sandbox bank (test hook)", null, null));
    }

    private static Control control(ResultSet rs, int row) throws SQLException {
        return new Control(rs.getInt(1), rs.getString(2), rs.getString(3), (Integer) rs.getObject(4),
                rs.getObject(5) == null ? null : rs.getLong(5));
    }

    void configure(String bank, Integer valueDateDelayDays, Long feeMinor) {
        jdbc.sql("update bank.sandbox_control set value_date_delay_days = :delay, fee_minor = :fee where bank_code = :bank")
                .param("delay", valueDateDelayDays).param("fee", feeMinor).param("bank", bank).update();
    }

    void setRejectNext(String bank, int count, String code, String text) {
        jdbc.sql("update bank.sandbox_control set reject_next = :count, reject_code = :code, reject_text = :text where bank_code = :bank")
                .param("count", count).param("code", code).param("text", text).param("bank", bank).update();
    }

    /** The instructions received, newest first: of one bank, or of every bank when {@code bank} is null. */
    List<BankInstructionView> list(String bank, InstructionState state, int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                 from bank.sandbox_instruction
                 where (cast(:state as text) is null or state = :state)
                   and (cast(:bank as text) is null or bank_code = :bank)
                 order by received_at desc, end_to_end_id desc
                 offset :offset limit :limit
                """)
                .param("bank", bank)
                .param("state", state == null ? null : state.name()).param("offset", offset).param("limit", limit)
                .query(SandboxRepository::instruction).list();
    }

    private static BankInstructionView instruction(ResultSet rs, int row) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new BankInstructionView(rs.getString("end_to_end_id"), rs.getString("debtor_account"),
                rs.getString("creditor_name"), rs.getString("creditor_bank"), rs.getString("creditor_account"),
                new Money(rs.getLong("amount_minor"), Currency.getInstance(rs.getString("currency"))),
                rs.getString("remittance"), InstructionState.valueOf(rs.getString("state")), rs.getString("reason_code"),
                rs.getString("reason_text"), rs.getTimestamp("received_at").toInstant(),
                decided == null ? null : decided.toInstant(), rs.getString("bank_code"));
    }
}
