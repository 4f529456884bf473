package org.fangxin.bank.reconciliation.persistence;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.bank.reconciliation.BreakStatus;
import org.fangxin.bank.reconciliation.BreakView;
import org.fangxin.bank.reconciliation.MatchView;
import org.fangxin.bank.reconciliation.RunView;
import org.fangxin.bank.reconciliation.StatementFormat;
import org.fangxin.bank.reconciliation.SubAccountView;
import org.fangxin.bank.reconciliation.domain.BreakKind;
import org.fangxin.bank.reconciliation.domain.StatementLine;
import org.fangxin.shared.Money;
import org.fangxin.shared.database.PgCopy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reconciliation tables of schema {@code bank}: sub-account numbers, imports, lines, runs, matches, breaks. */
@Repository
public class ReconciliationRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public ReconciliationRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    // --- sub-accounts

    /** Assigns the next {@code FX} number to the merchant unless it has one; returns its number either way. */
    public SubAccountView assignSubAccount(UUID merchantId, Instant now) {
        jdbc.sql("""
                insert into bank.custody_sub_account (merchant_id, account_number, assigned_at)
                values (:merchant, 'FX' || lpad(nextval('bank.custody_sub_account_seq')::text, 10, '0'), :now)
                on conflict (merchant_id) do nothing
                """).param("merchant", merchantId).param("now", Timestamp.from(now)).update();
        return findSubAccount(merchantId).orElseThrow();
    }

    public Optional<SubAccountView> findSubAccount(UUID merchantId) {
        return jdbc.sql("select merchant_id, account_number, assigned_at from bank.custody_sub_account where merchant_id = :m")
                .param("m", merchantId).query(ReconciliationRepository::subAccount).optional();
    }

    public Optional<SubAccountView> findSubAccount(String accountNumber) {
        return jdbc.sql("select merchant_id, account_number, assigned_at from bank.custody_sub_account where account_number = :a")
                .param("a", accountNumber).query(ReconciliationRepository::subAccount).optional();
    }

    /** Which of these account numbers are sub-accounts of merchants kept here (sharded profile: of this shard). */
    public java.util.Set<String> subAccountsAmong(Collection<String> accountNumbers) {
        if (accountNumbers.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                select account_number from bank.custody_sub_account where account_number = any(cast(:accounts as text[]))
                """).param("accounts", accountNumbers.toArray(String[]::new)).query(String.class).list());
    }

    public List<SubAccountView> subAccounts(int offset, int limit) {
        return jdbc.sql("""
                select merchant_id, account_number, assigned_at from bank.custody_sub_account
                 order by account_number offset :offset limit :limit
                """).param("offset", offset).param("limit", limit).query(ReconciliationRepository::subAccount).list();
    }

    // --- imports

    public Optional<UUID> importOfFile(String sha256) {
        return jdbc.sql("select id from bank.statement_import where sha256 = :sha").param("sha", sha256).query(UUID.class).optional();
    }

    public void insertImport(UUID id, String bank, String sha256, StatementFormat format, String fileName, LocalDate from,
                             LocalDate to, int lineCount, UUID importedBy, Instant now) {
        jdbc.sql("""
                insert into bank.statement_import (id, bank_code, sha256, format, file_name, from_date, to_date, line_count,
                                                   imported_by, imported_at)
                values (:id, :bank, :sha, :format, :fileName, :from, :to, :lines, :by, :now)
                """).param("id", id).param("bank", bank).param("sha", sha256).param("format", format.name()).param("fileName", fileName)
                .param("from", Date.valueOf(from)).param("to", Date.valueOf(to)).param("lines", lineCount)
                .param("by", importedBy).param("now", Timestamp.from(now)).update();
    }

    public void insertBalance(UUID importId, String statementId, String accountNumber, LocalDate from, LocalDate to,
                              Money opening, Money closing) {
        jdbc.sql("""
                insert into bank.statement_balance (import_id, statement_id, account_number, from_date, to_date,
                                                    opening_minor, closing_minor, currency)
                values (:import, :statement, :account, :from, :to, :opening, :closing, :currency)
                """).param("import", importId).param("statement", statementId).param("account", accountNumber)
                .param("from", Date.valueOf(from)).param("to", Date.valueOf(to)).param("opening", opening.amountMinor())
                .param("closing", closing.amountMinor()).param("currency", closing.currency().getCurrencyCode()).update();
    }

    /**
     * Stores the lines in file order (position counts from 1), {@code ids.get(i)} being the id of {@code lines.get(i)},
     * with one COPY in the caller's transaction (a million lines in seconds, where batched inserts took a minute).
     */
    public void insertLines(UUID importId, List<StatementLine> lines, List<UUID> ids) {
        try (PgCopy copy = PgCopy.into(dataSource(), """
                bank.statement_line (id, import_id, position, line_id, account_number, booking_date, value_date,
                                     amount_minor, currency, end_to_end_id, bank_reference, description)""")) {
            for (int i = 0; i < lines.size(); i++) {
                StatementLine line = lines.get(i);
                copy.value(ids.get(i)).value(importId).value(i + 1).value(line.lineId()).value(line.accountNumber())
                        .value(line.bookingDate()).value(line.valueDate()).value(line.signedAmount().amountMinor())
                        .value(line.signedAmount().currency().getCurrencyCode()).value(line.endToEndId())
                        .value(line.bankReference()).value(line.description()).endRow();
            }
            copy.end();
        }
    }

    private javax.sql.DataSource dataSource() {
        return java.util.Objects.requireNonNull(template.getDataSource(), "data source");
    }

    public long countLinesOfImport(UUID importId) {
        return jdbc.sql("select count(*) from bank.statement_line where import_id = :id").param("id", importId).query(Long.class).single();
    }

    /** The bank's latest closing balance per account for statements ending on the day (the newest import wins). */
    public record ClosingBalance(String accountNumber, Money closing) {
    }

    /** With a bank: only statements that bank sent (null: every bank's). */
    public List<ClosingBalance> closingBalances(LocalDate day, String bank) {
        return jdbc.sql("""
                select distinct on (b.account_number) b.account_number, b.closing_minor, b.currency
                  from bank.statement_balance b join bank.statement_import i on i.id = b.import_id
                 where b.to_date = :day and (cast(:bank as text) is null or i.bank_code = :bank)
                 order by b.account_number, i.imported_at desc, i.id desc
                """).param("day", Date.valueOf(day)).param("bank", bank)
                .query((rs, n) -> new ClosingBalance(rs.getString(1), new Money(rs.getLong(2), Currency.getInstance(rs.getString(3)))))
                .list();
    }

    // --- runs

    public void insertRun(RunView run) {
        jdbc.sql("""
                insert into bank.reconciliation_run (id, import_id, ran_at, line_count, movement_count, match_count, break_count, rate_basis_points)
                values (:id, :import, :ranAt, :lines, :movements, :matches, :breaks, :rate)
                """).param("id", run.id()).param("import", run.importId()).param("ranAt", Timestamp.from(run.ranAt()))
                .param("lines", run.lineCount()).param("movements", run.movementCount()).param("matches", run.matchCount())
                .param("breaks", run.breakCount()).param("rate", run.rateBasisPoints()).update();
    }

    /** A matched pair to store: the statement line's stored id, the movement id and the rule. */
    public record MatchRow(UUID lineId, String movementId, String rule) {
    }

    /** Stores the run's matches with one COPY in the caller's transaction. */
    public void insertMatches(UUID runId, List<MatchRow> matches) {
        try (PgCopy copy = PgCopy.into(dataSource(), "bank.reconciliation_match (run_id, line_id, movement_id, rule)")) {
            for (MatchRow match : matches) {
                copy.value(runId).value(match.lineId()).value(match.movementId()).value(match.rule()).endRow();
            }
            copy.end();
        }
    }

    /**
     * The check the matches' foreign keys made row by row, once for the whole run (V8_73_1): every match of the run
     * names a line of the run's own import. Throws if one does not (the caller's transaction then rolls back).
     */
    public void requireMatchesOnOwnLines(UUID runId, UUID importId) {
        long strays = jdbc.sql("""
                select count(*) from bank.reconciliation_match m
                 where m.run_id = :run
                   and not exists (select 1 from bank.statement_line l where l.id = m.line_id and l.import_id = :import)
                """).param("run", runId).param("import", importId).query(Long.class).single();
        if (strays != 0) {
            throw new IllegalStateException(strays + " matches of run " + runId + " name no line of import " + importId);
        }
    }

    private static final String RUN_COLUMNS = """
            select r.id, r.import_id, i.format, i.file_name, i.from_date, i.to_date, r.line_count, r.movement_count,
                   r.match_count, r.break_count, r.rate_basis_points, r.ran_at
              from bank.reconciliation_run r join bank.statement_import i on i.id = r.import_id
            """;

    public List<RunView> runs(int offset, int limit) {
        return jdbc.sql(RUN_COLUMNS + " order by r.ran_at desc, r.id desc offset :offset limit :limit")
                .param("offset", offset).param("limit", limit).query(ReconciliationRepository::run).list();
    }

    public Optional<RunView> findRun(UUID id) {
        return jdbc.sql(RUN_COLUMNS + " where r.id = :id").param("id", id).query(ReconciliationRepository::run).optional();
    }

    /** These runs (the parts kept here, sharded). */
    public List<RunView> findRuns(Collection<UUID> ids) {
        return jdbc.sql(RUN_COLUMNS + " where r.id = any(cast(:ids as uuid[]))").param("ids", ids.toArray(UUID[]::new))
                .query(ReconciliationRepository::run).list();
    }

    public Optional<RunView> runOfImport(UUID importId) {
        return jdbc.sql(RUN_COLUMNS + " where r.import_id = :id").param("id", importId).query(ReconciliationRepository::run).optional();
    }

    public List<MatchView> matchesOfRun(UUID runId, int limit) {
        return jdbc.sql("""
                select l.line_id, l.account_number, l.booking_date, l.amount_minor, l.currency, l.end_to_end_id, m.movement_id, m.rule
                  from bank.reconciliation_match m join bank.statement_line l on l.id = m.line_id
                 where m.run_id = :run order by l.position limit :limit
                """).param("run", runId).param("limit", limit)
                .query((rs, n) -> new MatchView(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        new Money(rs.getLong(4), Currency.getInstance(rs.getString(5))), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
    }

    // --- breaks

    public void insertBreak(UUID id, UUID runId, BreakKind kind, UUID lineId, String movementId, String accountNumber,
                            LocalDate date, Money amount, String detail, Instant now) {
        jdbc.sql("""
                insert into bank.reconciliation_break (id, run_id, kind, line_id, movement_id, account_number, break_date,
                                                       amount_minor, currency, detail, status, updated_at)
                values (:id, :run, :kind, :line, :movement, :account, :date, :amount, :currency, :detail, 'OPEN', :now)
                """).param("id", id).param("run", runId).param("kind", kind.name()).param("line", lineId)
                .param("movement", movementId).param("account", accountNumber).param("date", Date.valueOf(date))
                .param("amount", amount.amountMinor()).param("currency", amount.currency().getCurrencyCode())
                .param("detail", detail).param("now", Timestamp.from(now)).update();
    }

    /** A break to insert; stored with one COPY like lines and matches. */
    public record NewBreak(UUID id, UUID runId, BreakKind kind, UUID lineId, String movementId, String accountNumber,
                           LocalDate date, Money amount, String detail, Instant now) { }

    /** Stores the run's breaks with one COPY in the caller's transaction (status OPEN). */
    public void insertBreaks(List<NewBreak> breaks) {
        try (PgCopy copy = PgCopy.into(dataSource(), """
                bank.reconciliation_break (id, run_id, kind, line_id, movement_id, account_number, break_date, amount_minor,
                                           currency, detail, status, updated_at)""")) {
            for (NewBreak b : breaks) {
                copy.value(b.id()).value(b.runId()).value(b.kind().name()).value(b.lineId()).value(b.movementId())
                        .value(b.accountNumber()).value(b.date()).value(b.amount().amountMinor())
                        .value(b.amount().currency().getCurrencyCode()).value(b.detail()).value("OPEN").value(b.now()).endRow();
            }
            copy.end();
        }
    }

    private static final String BREAK_COLUMNS = """
            select b.id, b.run_id, b.kind, b.account_number, b.break_date, b.amount_minor, b.currency, l.line_id, b.movement_id,
                   b.detail, b.status, b.assignee, b.explanation, b.resolved_by, b.correcting_transfer_id, b.approved_by, b.updated_at
              from bank.reconciliation_break b left join bank.statement_line l on l.id = b.line_id
            """;

    public List<BreakView> breaksOfRun(UUID runId, int limit) {
        return jdbc.sql(BREAK_COLUMNS + " where b.run_id = :run order by b.break_date, b.id limit :limit").param("run", runId)
                .param("limit", limit)
                .query(ReconciliationRepository::breakView).list();
    }

    /** Breaks not yet approved, oldest first; optionally only on these accounts up to a day. */
    public List<BreakView> openBreaks(int limit) {
        return jdbc.sql(BREAK_COLUMNS + " where b.status <> 'APPROVED' order by b.break_date, b.id limit :limit")
                .param("limit", limit).query(ReconciliationRepository::breakView).list();
    }

    /** With a bank: only breaks found in that bank's statements (null: every bank's). */
    public List<BreakView> openBreaks(Collection<String> accountNumbers, LocalDate upTo, String bank, int limit) {
        if (accountNumbers.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(BREAK_COLUMNS + """
                 where b.status <> 'APPROVED' and b.account_number = any(cast(:accounts as text[])) and b.break_date <= :upTo
                   and (cast(:bank as text) is null or exists (select 1 from bank.reconciliation_run r
                          join bank.statement_import i on i.id = r.import_id where r.id = b.run_id and i.bank_code = :bank))
                 order by b.break_date, b.id limit :limit
                """).param("accounts", accountNumbers.toArray(String[]::new)).param("upTo", Date.valueOf(upTo)).param("bank", bank).param("limit", limit)
                .query(ReconciliationRepository::breakView).list();
    }

    public Optional<BreakView> lockBreak(UUID id) {
        return jdbc.sql(BREAK_COLUMNS + " where b.id = :id for update of b").param("id", id)
                .query(ReconciliationRepository::breakView).optional();
    }

    public Optional<BreakView> findBreak(UUID id) {
        return jdbc.sql(BREAK_COLUMNS + " where b.id = :id").param("id", id).query(ReconciliationRepository::breakView).optional();
    }

    /** Writes the workflow fields of a break whose row the caller has locked. */
    public void updateBreak(UUID id, BreakStatus status, UUID assignee, String explanation, UUID resolvedBy,
                            UUID correctingTransferId, UUID approvedBy, Instant now) {
        jdbc.sql("""
                update bank.reconciliation_break
                   set status = :status, assignee = :assignee, explanation = :explanation, resolved_by = :resolvedBy,
                       correcting_transfer_id = :transfer, approved_by = :approvedBy, updated_at = :now
                 where id = :id
                """).param("id", id).param("status", status.name()).param("assignee", assignee).param("explanation", explanation)
                .param("resolvedBy", resolvedBy).param("transfer", correctingTransferId).param("approvedBy", approvedBy)
                .param("now", Timestamp.from(now)).update();
    }

    private static SubAccountView subAccount(ResultSet rs, int n) throws SQLException {
        return new SubAccountView(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant());
    }

    private static RunView run(ResultSet rs, int n) throws SQLException {
        return new RunView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), StatementFormat.valueOf(rs.getString(3)),
                rs.getString(4), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getInt(7), rs.getInt(8),
                rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getTimestamp(12).toInstant());
    }

    private static BreakView breakView(ResultSet rs, int n) throws SQLException {
        return new BreakView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), BreakKind.valueOf(rs.getString(3)),
                rs.getString(4), rs.getObject(5, LocalDate.class), new Money(rs.getLong(6), Currency.getInstance(rs.getString(7))),
                rs.getString(8), rs.getString(9), rs.getString(10), BreakStatus.valueOf(rs.getString(11)),
                rs.getObject(12, UUID.class), rs.getString(13), rs.getObject(14, UUID.class), rs.getObject(15, UUID.class),
                rs.getObject(16, UUID.class), rs.getTimestamp(17).toInstant());
    }
}
