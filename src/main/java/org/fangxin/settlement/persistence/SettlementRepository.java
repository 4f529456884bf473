package org.fangxin.settlement.persistence;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.merchant.Sector;
import org.fangxin.settlement.CycleView;
import org.fangxin.settlement.PayoutStatus;
import org.fangxin.settlement.PayoutView;
import org.fangxin.settlement.RunView;
import org.fangxin.settlement.SettlementFrequency;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes the settlement schema; callers hold the transaction. */
@Repository
public class SettlementRepository {

    public static final int PAGE_SIZE_MAX = 200;
    private static final String PAYOUT_COLUMNS = """
            id, run_id, merchant_id, settlement_date, currency, amount_minor, held_minor, hold_reason, status, cutoff,
            end_to_end_id, creditor_name, creditor_bank, creditor_account, created_at, instructed_at, submitted_at,
            confirmed_at, returned_at, return_code, return_reason""";

    private final JdbcClient jdbc;

    public SettlementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A payout row to insert (HELD rows have no instruction fields). */
    public record NewPayout(UUID id, UUID runId, UUID merchantId, LocalDate settlementDate, Money amount, Money held,
                            String holdReason, PayoutStatus status, Instant cutoff, String endToEndId,
                            String creditorName, String creditorBank, String creditorAccount, Instant createdAt,
                            Instant instructedAt) { }

    /** What the run itself moved after a cutoff: payouts instructed and payouts returned at or after it. */
    public record MovedSince(long instructedMinor, long returnedMinor) { }

    // ---- cycles

    public Optional<CycleView> cycle(Sector sector) {
        return jdbc.sql("select sector, frequency, payout_weekday, updated_at, updated_by from settlement.cycle where sector = :s")
                .param("s", sector.name()).query(SettlementRepository::cycle).optional();
    }

    public List<CycleView> cycles() {
        return jdbc.sql("select sector, frequency, payout_weekday, updated_at, updated_by from settlement.cycle order by sector")
                .query(SettlementRepository::cycle).list();
    }

    public void upsertCycle(Sector sector, SettlementFrequency frequency, DayOfWeek payoutDay, Instant now, String by) {
        jdbc.sql("""
                insert into settlement.cycle (sector, frequency, payout_weekday, updated_at, updated_by)
                values (:s, :f, :d, :now, :by)
                on conflict (sector) do update set frequency = excluded.frequency, payout_weekday = excluded.payout_weekday,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """)
                .param("s", sector.name()).param("f", frequency.name())
                .param("d", payoutDay == null ? null : payoutDay.getValue())
                .param("now", Timestamp.from(now)).param("by", by).update();
    }

    // ---- runs

    /** Creates the run of this date, or counts another execution of it; returns its id. */
    public UUID startRun(UUID newId, LocalDate date, Instant now, String by) {
        return jdbc.sql("""
                insert into settlement.run (id, settlement_date, created_at, created_by, last_run_at, executions)
                values (:id, :date, :now, :by, :now, 1)
                on conflict (settlement_date) do update set last_run_at = excluded.last_run_at,
                    executions = settlement.run.executions + 1
                returning id
                """)
                .param("id", newId).param("date", Date.valueOf(date)).param("now", Timestamp.from(now)).param("by", by)
                .query(UUID.class).single();
    }

    public Optional<RunView> run(UUID id) {
        return jdbc.sql("select id, settlement_date, created_at, created_by, last_run_at, executions from settlement.run where id = :id")
                .param("id", id).query((rs, n) -> runRow(rs)).optional().map(this::withPayouts);
    }

    public List<RunView> runs(int offset, int limit) {
        return jdbc.sql("""
                select id, settlement_date, created_at, created_by, last_run_at, executions
                  from settlement.run order by settlement_date desc offset :offset limit :limit
                """)
                .param("offset", offset).param("limit", limit).query((rs, n) -> runRow(rs)).list()
                .stream().map(this::withPayouts).toList();
    }

    // ---- payouts

    /** Serialises settlement of one merchant across transactions and instances (released at commit). */
    public void lockMerchant(UUID merchantId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('settlement:' || cast(:m as text), 0))")
                .param("m", merchantId).query((rs, n) -> 1).single();
    }

    public Optional<PayoutView> payoutFor(UUID merchantId, LocalDate date, Currency currency) {
        return jdbc.sql("select " + PAYOUT_COLUMNS + """
                 from settlement.payout where merchant_id = :m and settlement_date = :d and currency = :c
                """)
                .param("m", merchantId).param("d", Date.valueOf(date)).param("c", currency.getCurrencyCode())
                .query(SettlementRepository::payout).optional();
    }

    public MovedSince movedSince(UUID merchantId, Currency currency, Instant cutoff) {
        return jdbc.sql("""
                select coalesce(sum(amount_minor) filter (where instructed_at >= :cutoff), 0),
                       coalesce(sum(amount_minor) filter (where returned_at >= :cutoff), 0)
                  from settlement.payout where merchant_id = :m and currency = :c
                """)
                .param("m", merchantId).param("c", currency.getCurrencyCode()).param("cutoff", Timestamp.from(cutoff))
                .query((rs, n) -> new MovedSince(rs.getLong(1), rs.getLong(2))).single();
    }

    /** The merchant's latest payout that went to the bank (not a hold), if any. */
    public Optional<PayoutView> latestInstructed(UUID merchantId, Currency currency) {
        return jdbc.sql("select " + PAYOUT_COLUMNS + """
                 from settlement.payout where merchant_id = :m and currency = :c
                  and status in ('INSTRUCTED','CONFIRMED','RETURNED')
                 order by instructed_at desc limit 1
                """)
                .param("m", merchantId).param("c", currency.getCurrencyCode())
                .query(SettlementRepository::payout).optional();
    }

    /** The merchant's latest payout the bank returned from this creditor account, if any. */
    public Optional<PayoutView> latestReturnedTo(UUID merchantId, Currency currency, String creditorAccount) {
        return jdbc.sql("select " + PAYOUT_COLUMNS + """
                 from settlement.payout where merchant_id = :m and currency = :c and status = 'RETURNED'
                  and creditor_account = :a
                 order by returned_at desc limit 1
                """)
                .param("m", merchantId).param("c", currency.getCurrencyCode()).param("a", creditorAccount)
                .query(SettlementRepository::payout).optional();
    }

    public void insert(NewPayout p) {
        jdbc.sql("insert into settlement.payout (" + PAYOUT_COLUMNS + """
                ) values (:id, :run, :m, :d, :c, :amount, :held, :reason, :status, :cutoff, :e2e, :name, :bank, :account,
                          :created, :instructed, null, null, null, null, null)
                """)
                .param("id", p.id()).param("run", p.runId()).param("m", p.merchantId())
                .param("d", Date.valueOf(p.settlementDate())).param("c", p.amount().currency().getCurrencyCode())
                .param("amount", p.amount().amountMinor()).param("held", p.held().amountMinor())
                .param("reason", p.holdReason()).param("status", p.status().name())
                .param("cutoff", Timestamp.from(p.cutoff())).param("e2e", p.endToEndId())
                .param("name", p.creditorName()).param("bank", p.creditorBank()).param("account", p.creditorAccount())
                .param("created", Timestamp.from(p.createdAt()))
                .param("instructed", p.instructedAt() == null ? null : Timestamp.from(p.instructedAt()))
                .update();
    }

    public Optional<PayoutView> payout(UUID id) {
        return jdbc.sql("select " + PAYOUT_COLUMNS + " from settlement.payout where id = :id")
                .param("id", id).query(SettlementRepository::payout).optional();
    }

    public Optional<PayoutView> lockPayout(UUID id) {
        return jdbc.sql("select " + PAYOUT_COLUMNS + " from settlement.payout where id = :id for update")
                .param("id", id).query(SettlementRepository::payout).optional();
    }

    public void markSubmitted(UUID id, Instant at) {
        jdbc.sql("update settlement.payout set submitted_at = :at where id = :id and submitted_at is null")
                .param("id", id).param("at", Timestamp.from(at)).update();
    }

    public void markUnsubmitted(UUID id) {
        jdbc.sql("update settlement.payout set submitted_at = null where id = :id and status = 'INSTRUCTED'")
                .param("id", id).update();
    }

    public void markConfirmed(UUID id, Instant at) {
        requireOne(jdbc.sql("""
                update settlement.payout set status = 'CONFIRMED', confirmed_at = :at where id = :id and status = 'INSTRUCTED'
                """).param("id", id).param("at", Timestamp.from(at)).update(), id);
    }

    public void markReturned(UUID id, String code, String reason, Instant at) {
        requireOne(jdbc.sql("""
                update settlement.payout set status = 'RETURNED', returned_at = :at, return_code = :code, return_reason = :reason
                 where id = :id and status = 'INSTRUCTED'
                """).param("id", id).param("at", Timestamp.from(at)).param("code", code).param("reason", reason).update(), id);
    }

    /** INSTRUCTED payouts, oldest first: the ones already submitted to the bank, or the ones not yet submitted. */
    public List<PayoutView> instructed(boolean submitted, int limit) {
        return jdbc.sql("select " + PAYOUT_COLUMNS + """
                 from settlement.payout
                 where status = 'INSTRUCTED' and (submitted_at is not null) = :submitted
                 order by created_at limit :limit
                """)
                .param("submitted", submitted).param("limit", limit).query(SettlementRepository::payout).list();
    }

    public Optional<PayoutView> payoutByEndToEndId(String endToEndId) {
        return jdbc.sql("select " + PAYOUT_COLUMNS + " from settlement.payout where end_to_end_id = :e")
                .param("e", endToEndId).query(SettlementRepository::payout).optional();
    }

    public List<PayoutView> payouts(UUID merchantId, PayoutStatus status, int offset, int limit) {
        return jdbc.sql("select " + PAYOUT_COLUMNS + """
                 from settlement.payout
                 where (cast(:m as uuid) is null or merchant_id = :m)
                   and (cast(:s as text) is null or status = :s)
                 order by settlement_date desc, created_at desc, id desc
                 offset :offset limit :limit
                """)
                .param("m", merchantId).param("s", status == null ? null : status.name())
                .param("offset", offset).param("limit", limit).query(SettlementRepository::payout).list();
    }

    private static void requireOne(int updated, UUID id) {
        if (updated != 1) {
            throw new IllegalStateException("payout " + id + " was not INSTRUCTED (changed concurrently?)");
        }
    }

    private record RunRow(UUID id, LocalDate date, Instant createdAt, String createdBy, Instant lastRunAt, int executions) { }

    private static RunRow runRow(ResultSet rs) throws SQLException {
        return new RunRow(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate(), rs.getTimestamp(3).toInstant(),
                rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getInt(6));
    }

    private RunView withPayouts(RunRow row) {
        Map<PayoutStatus, Long> counts = new EnumMap<>(PayoutStatus.class);
        jdbc.sql("select status, count(*) from settlement.payout where run_id = :id group by status")
                .param("id", row.id()).query((rs, n) -> counts.put(PayoutStatus.valueOf(rs.getString(1)), rs.getLong(2))).list();
        List<Money> amounts = jdbc.sql("""
                select currency, sum(amount_minor) from settlement.payout
                 where run_id = :id and status in ('INSTRUCTED','CONFIRMED','RETURNED') group by currency order by currency
                """).param("id", row.id())
                .query((rs, n) -> new Money(rs.getLong(2), Currency.getInstance(rs.getString(1)))).list();
        return new RunView(row.id(), row.date(), row.createdAt(), row.createdBy(), row.lastRunAt(), row.executions(),
                counts, amounts);
    }

    private static CycleView cycle(ResultSet rs, int n) throws SQLException {
        int weekday = rs.getInt(3);
        boolean daily = rs.wasNull();
        return new CycleView(Sector.valueOf(rs.getString(1)), SettlementFrequency.valueOf(rs.getString(2)),
                daily ? null : DayOfWeek.of(weekday), rs.getTimestamp(4).toInstant(), rs.getString(5));
    }

    private static PayoutView payout(ResultSet rs, int n) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        return new PayoutView(rs.getObject("id", UUID.class), rs.getObject("run_id", UUID.class),
                rs.getObject("merchant_id", UUID.class), rs.getDate("settlement_date").toLocalDate(),
                PayoutStatus.valueOf(rs.getString("status")), new Money(rs.getLong("amount_minor"), currency),
                new Money(rs.getLong("held_minor"), currency), rs.getString("hold_reason"), instant(rs, "cutoff"),
                rs.getString("end_to_end_id"), rs.getString("creditor_name"), rs.getString("creditor_bank"),
                rs.getString("creditor_account"), instant(rs, "created_at"), instant(rs, "instructed_at"),
                instant(rs, "submitted_at"), instant(rs, "confirmed_at"), instant(rs, "returned_at"),
                rs.getString("return_code"), rs.getString("return_reason"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
