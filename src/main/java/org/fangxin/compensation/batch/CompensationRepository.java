package org.fangxin.compensation.batch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tables compensation.compensation_batch, compensation.compensation_line and compensation.compensation_successor (created
 * as protection's in V13_2_1, V13_2_2 and V13_4_1, moved to this module's schema by V15_0_1), and
 * compensation.compensation_notice_progress (V15_98_30) and compensation.compensation_line_due (V15_101_10).
 */
@Repository
class CompensationRepository {

    static final String LINE_COLUMNS = """
            id, batch_id, case_id, seq, card_id, consumer_id, payment_order_id, unredeemed_minor, advance_minor,
            escrow_minor, deposit_minor, fund_minor, choice, chosen_at, due_at, status, payment_reference, manual_reason,
            settled_at, paid_at, paid_reference""";

    private final JdbcClient jdbc;

    CompensationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Batch(UUID id, UUID caseId, UUID merchantId, Currency currency, String status, long setoffMinor,
                 long escrowAvailableMinor, long depositAvailableMinor, Instant plannedAt, Instant chooseBy,
                 String plannedBy, Instant completedAt) {
        Money money(long minor) {
            return new Money(minor, currency);
        }
    }

    record Line(UUID id, UUID batchId, UUID caseId, int seq, UUID cardId, UUID consumerId, UUID paymentOrderId,
                long unredeemedMinor, long advanceMinor, long escrowMinor, long depositMinor, long fundMinor,
                String choice, Instant chosenAt, Instant dueAt, String status, String paymentReference,
                String manualReason, Instant settledAt, Instant paidAt, String paidReference) { }

    record Totals(long lines, long planned, long paying, long manual, long paid, long total, long escrow, long deposit,
                  long fund, long paidTotal, long paidEscrow, long paidDeposit, long paidFund) { }

    /** The batch with its count of lines not PAID yet ({@code lines}: every line starts unpaid). */
    void insertBatch(Batch b, int lines) {
        jdbc.sql("""
                insert into compensation.compensation_batch (id, case_id, merchant_id, currency, status, setoff_minor,
                       escrow_available_minor, deposit_available_minor, planned_at, choose_by, planned_by, completed_at,
                       unpaid)
                values (:id, :case, :merchant, :currency, :status, :setoff, :escrow, :deposit, :at, :by, :who, :completed,
                        :unpaid)
                on conflict (case_id) do nothing
                """)
                .param("id", b.id()).param("case", b.caseId()).param("merchant", b.merchantId())
                .param("currency", b.currency().getCurrencyCode()).param("status", b.status())
                .param("setoff", b.setoffMinor()).param("escrow", b.escrowAvailableMinor())
                .param("deposit", b.depositAvailableMinor()).param("at", ts(b.plannedAt())).param("by", ts(b.chooseBy()))
                .param("who", b.plannedBy()).param("completed", ts(b.completedAt())).param("unpaid", lines).update();
    }

    /**
     * Inserts the lines and their rows in the queue of PLANNED lines ({@code compensation_line_due}, which the pay job
     * claims from), one statement per 10,000 (arrays unnested by PostgreSQL).
     */
    void insertLines(List<Line> lines) {
        for (int from = 0; from < lines.size(); from += 10_000) {
            List<Line> part = lines.subList(from, Math.min(lines.size(), from + 10_000));
            jdbc.sql("""
                    with planned as (
                    insert into compensation.compensation_line (id, batch_id, case_id, seq, card_id, consumer_id,
                           payment_order_id, unredeemed_minor, advance_minor, escrow_minor, deposit_minor, fund_minor,
                           choice, due_at, status)
                    select l.id, l.batch_id, l.case_id, l.seq, l.card_id, l.consumer_id, l.payment_order_id, l.unredeemed,
                           l.advance, l.escrow, l.deposit, l.fund, 'CASH', l.due_at, 'PLANNED'
                      from unnest(:ids, :batches, :cases, :seqs, :cards, :consumers, :orders, :unredeemed, :advance,
                                  :escrow, :deposit, :fund, cast(:due as timestamptz[]))
                           as l(id, batch_id, case_id, seq, card_id, consumer_id, payment_order_id, unredeemed, advance,
                                escrow, deposit, fund, due_at)
                    returning batch_id, seq, id, due_at)
                    insert into compensation.compensation_line_due (batch_id, seq, line_id, due_at)
                    select batch_id, seq, id, due_at from planned
                    """)
                    .param("ids", part.stream().map(Line::id).toArray(UUID[]::new))
                    .param("batches", part.stream().map(Line::batchId).toArray(UUID[]::new))
                    .param("cases", part.stream().map(Line::caseId).toArray(UUID[]::new))
                    .param("seqs", part.stream().mapToInt(Line::seq).toArray())
                    .param("cards", part.stream().map(Line::cardId).toArray(UUID[]::new))
                    .param("consumers", part.stream().map(Line::consumerId).toArray(UUID[]::new))
                    .param("orders", part.stream().map(Line::paymentOrderId).toArray(UUID[]::new))
                    .param("unredeemed", part.stream().mapToLong(Line::unredeemedMinor).toArray())
                    .param("advance", part.stream().mapToLong(Line::advanceMinor).toArray())
                    .param("escrow", part.stream().mapToLong(Line::escrowMinor).toArray())
                    .param("deposit", part.stream().mapToLong(Line::depositMinor).toArray())
                    .param("fund", part.stream().mapToLong(Line::fundMinor).toArray())
                    .param("due", part.stream().map(l -> l.dueAt().toString()).toArray(String[]::new))
                    .update();
        }
    }

    /** Serialises the planners of one case for the rest of the transaction (the event and an operator may race). */
    void lockPlanning(UUID caseId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('compensation-plan:' || :case, 0))")
                .param("case", caseId.toString()).query((rs, n) -> 1).list();
    }

    Optional<Batch> batchOfCase(UUID caseId) {
        return jdbc.sql("select * from compensation.compensation_batch where case_id = :id").param("id", caseId)
                .query(CompensationRepository::batch).optional();
    }

    Optional<Batch> batch(UUID batchId) {
        return jdbc.sql("select * from compensation.compensation_batch where id = :id").param("id", batchId)
                .query(CompensationRepository::batch).optional();
    }

    record Successor(UUID batchId, UUID merchantId, UUID productId, String registeredBy, Instant registeredAt) { }

    Optional<Successor> successor(UUID batchId) {
        return jdbc.sql("select * from compensation.compensation_successor where batch_id = :b").param("b", batchId)
                .query((rs, n) -> new Successor(rs.getObject("batch_id", UUID.class), rs.getObject("merchant_id", UUID.class),
                        rs.getObject("product_id", UUID.class), rs.getString("registered_by"), instant(rs, "registered_at")))
                .optional();
    }

    void saveSuccessor(Successor s) {
        jdbc.sql("""
                insert into compensation.compensation_successor (batch_id, merchant_id, product_id, registered_by, registered_at)
                values (:b, :m, :p, :by, :at)
                on conflict (batch_id) do update set merchant_id = excluded.merchant_id, product_id = excluded.product_id,
                       registered_by = excluded.registered_by, registered_at = excluded.registered_at
                """).param("b", s.batchId()).param("m", s.merchantId()).param("p", s.productId())
                .param("by", s.registeredBy()).param("at", ts(s.registeredAt())).update();
    }

    void markTakenOver(UUID lineId, UUID successorCardId, Instant at) {
        int rows = jdbc.sql("""
                update compensation.compensation_line set status = 'PAID', settled_at = :at, paid_at = :at,
                       successor_card_id = :card, paid_reference = 'takeover:' || :card
                 where id = :id and status = 'PLANNED'
                """).param("id", lineId).param("card", successorCardId).param("at", ts(at)).update();
        if (rows != 1) {
            throw new IllegalStateException("line " + lineId + " is not PLANNED under its lock");
        }
    }

    void complete(UUID batchId, Instant at) {
        jdbc.sql("update compensation.compensation_batch set status = 'COMPLETED', completed_at = :at where id = :id and status <> 'COMPLETED'")
                .param("id", batchId).param("at", ts(at)).update();
    }

    /**
     * The oldest batch with due lines, not locked: several chunks pay one batch side by side (each claims its own lines
     * with skip locked; the ledger locks their shared balance rows in one order, last, so they cannot deadlock). A batch
     * leaves PAYING only when it has no unpaid line, which a chunk's uncommitted lines still are.
     */
    Optional<Batch> batchWithDueLines(Instant now, UUID only, java.util.Collection<UUID> skip) {
        // "not in" needs a non-empty list: a random id stands for "skip nothing".
        java.util.Collection<UUID> skipped = skip.isEmpty() ? List.of(UUID.randomUUID()) : skip;
        return jdbc.sql("""
                select b.* from compensation.compensation_batch b
                 where b.status = 'PAYING' and (cast(:only as uuid) is null or b.id = :only) and b.id not in (:skip)
                   and exists (select 1 from compensation.compensation_line_due d
                                where d.batch_id = b.id and d.due_at <= :now)
                 order by b.planned_at, b.id limit 1
                """).param("now", ts(now)).param("only", only).param("skip", skipped)
                .query(CompensationRepository::batch).optional();
    }

    /**
     * Claims up to {@code limit} due PLANNED lines of the batch, in plan order: their queue rows are deleted in this
     * transaction (skip locked: rows another payer's chunk claims, or a consumer's choice holds, are left to them), so a
     * crash puts them back and a commit takes them for good. When every due row is held, waits for them instead (a
     * payer's chunk removes them, a consumer's choice releases its row at once). The lines are read in a statement of
     * their own, after the claim: a choice committed meanwhile is seen (one statement would read them in its snapshot
     * from before the claim's row locks), and no lock of the lines is needed, since every change to a PLANNED line
     * (a choice, {@link #choose}) first locks the line's queue row.
     */
    List<Line> lockDue(UUID batchId, Instant now, int limit) {
        UUID[] free = claimDue(batchId, now, limit, "skip locked");
        UUID[] claimed = free.length == 0 ? claimDue(batchId, now, limit, "") : free;
        if (claimed.length == 0) {
            return List.of();
        }
        return jdbc.sql("select " + LINE_COLUMNS + " from compensation.compensation_line where id = any(:ids) order by seq")
                .param("ids", claimed).query(CompensationRepository::line).list();
    }

    /** Puts claimed lines back in the queue of PLANNED lines (the chunk leaves them PLANNED). */
    void requeue(List<Line> lines) {
        jdbc.sql("""
                insert into compensation.compensation_line_due (batch_id, seq, line_id, due_at)
                select * from unnest(:batches, :seqs, :ids, cast(:due as timestamptz[]))
                """)
                .param("batches", lines.stream().map(Line::batchId).toArray(UUID[]::new))
                .param("seqs", lines.stream().mapToInt(Line::seq).toArray())
                .param("ids", lines.stream().map(Line::id).toArray(UUID[]::new))
                .param("due", lines.stream().map(l -> l.dueAt().toString()).toArray(String[]::new))
                .update();
    }

    /** By the rows' ctid (a TID scan whatever the plan's estimates: the rows are locked, so no update moves them). */
    private UUID[] claimDue(UUID batchId, Instant now, int limit, String wait) {
        return jdbc.sql("""
                delete from compensation.compensation_line_due
                 where ctid = any(array(select ctid from compensation.compensation_line_due
                                         where batch_id = :batch and due_at <= :now
                                         order by seq limit :limit
                                           for update\s""" + wait + "))\nreturning line_id").param("batch", batchId).param("now", ts(now)).param("limit", limit)
                .query((rs, n) -> rs.getObject(1, UUID.class)).list().toArray(UUID[]::new);
    }

    Optional<Line> line(UUID lineId) {
        return jdbc.sql("select " + LINE_COLUMNS + " from compensation.compensation_line where id = :id")
                .param("id", lineId).query(CompensationRepository::line).optional();
    }

    Optional<Line> lockLine(UUID lineId) {
        return jdbc.sql("select " + LINE_COLUMNS + " from compensation.compensation_line where id = :id for update")
                .param("id", lineId).query(CompensationRepository::line).optional();
    }

    /**
     * The line waiting for the refund of this reference, locked: found by the batch of its case and its card, both in
     * the reference (the payment reference itself is not indexed, so settling a line stays a HOT update: V15_101_10).
     */
    Optional<Line> lockPaying(LineReference reference) {
        return jdbc.sql("select " + LINE_COLUMNS + """
                  from compensation.compensation_line
                 where batch_id = (select id from compensation.compensation_batch where case_id = :case)
                   and card_id = :card and status = 'PAYING'
                   for update
                """).param("case", reference.caseId()).param("card", reference.cardId())
                .query(CompensationRepository::line).optional();
    }

    List<Line> linesOfConsumer(UUID consumerId) {
        return jdbc.sql("select " + LINE_COLUMNS + " from compensation.compensation_line where consumer_id = :c order by due_at desc, seq")
                .param("c", consumerId).query(CompensationRepository::line).list();
    }

    List<Line> lines(UUID batchId, String status, int limit) {
        return jdbc.sql("select " + LINE_COLUMNS + """
                  from compensation.compensation_line
                 where batch_id = :batch and (cast(:status as text) is null or status = :status)
                 order by seq limit :limit
                """).param("batch", batchId).param("status", status).param("limit", limit)
                .query(CompensationRepository::line).list();
    }

    List<Line> fundedLines(UUID batchId) {
        return jdbc.sql("select " + LINE_COLUMNS + " from compensation.compensation_line where batch_id = :batch and fund_minor > 0 order by seq")
                .param("batch", batchId).query(CompensationRepository::line).list();
    }

    void markSettled(UUID lineId, String status, String paymentReference, String manualReason, Instant at) {
        int rows = jdbc.sql("""
                update compensation.compensation_line set status = :status, payment_reference = :ref,
                       manual_reason = :reason, settled_at = :at
                 where id = :id and status = 'PLANNED'
                """).param("id", lineId).param("status", status).param("ref", paymentReference)
                .param("reason", manualReason).param("at", ts(at)).update();
        if (rows != 1) {
            throw new IllegalStateException("line " + lineId + " is not PLANNED under its lock");
        }
    }

    /** A batch whose planned notices were sent for its lines up to seq {@code through}. */
    record NoticeCursor(UUID batchId, int through) { }

    /**
     * The oldest batch with lines whose planned notice was not sent yet, its progress row locked: one sender at a time
     * moves its cursor (neither the lines nor the batch row are locked, so payers and outcome listeners never wait).
     */
    Optional<NoticeCursor> lockNoticeDue() {
        return jdbc.sql("""
                select p.batch_id, p.planned_through
                  from compensation.compensation_notice_progress p
                  join compensation.compensation_batch b on b.id = p.batch_id
                 where exists (select 1 from compensation.compensation_line l
                                where l.batch_id = p.batch_id and l.seq > p.planned_through)
                 order by b.planned_at, b.id limit 1
                 for update of p
                """).query((rs, n) -> new NoticeCursor(rs.getObject(1, UUID.class), rs.getInt(2))).optional();
    }

    /** Up to {@code limit} lines of the batch after seq {@code after}, in plan order. */
    List<Line> linesAfter(UUID batchId, int after, int limit) {
        return jdbc.sql("select " + LINE_COLUMNS + """
                  from compensation.compensation_line
                 where batch_id = :batch and seq > :after
                 order by seq limit :limit
                """).param("batch", batchId).param("after", after).param("limit", limit)
                .query(CompensationRepository::line).list();
    }

    /** The batch's notice cursor, created with it (its planned notices not sent yet). */
    void insertNoticeProgress(UUID batchId) {
        jdbc.sql("insert into compensation.compensation_notice_progress (batch_id) values (:id) on conflict do nothing")
                .param("id", batchId).update();
    }

    void markNoticedThrough(UUID batchId, int seq) {
        jdbc.sql("update compensation.compensation_notice_progress set planned_through = :seq where batch_id = :id")
                .param("id", batchId).param("seq", seq).update();
    }

    record Settled(UUID lineId, String status, String paymentReference, String manualReason) { }

    /** As {@link #markSettled} for a chunk's lines, in one statement. */
    void markAllSettled(List<Settled> lines, Instant at) {
        int rows = jdbc.sql("""
                update compensation.compensation_line l set status = s.status, payment_reference = s.ref,
                       manual_reason = s.reason, settled_at = :at
                  from unnest(:ids, :statuses, :refs, :reasons) as s(id, status, ref, reason)
                 where l.id = s.id and l.status = 'PLANNED'
                """)
                .param("ids", lines.stream().map(Settled::lineId).toArray(UUID[]::new))
                .param("statuses", lines.stream().map(Settled::status).toArray(String[]::new))
                .param("refs", lines.stream().map(Settled::paymentReference).toArray(String[]::new))
                .param("reasons", lines.stream().map(Settled::manualReason).toArray(String[]::new))
                .param("at", ts(at)).update();
        if (rows != lines.size()) {
            throw new IllegalStateException("settled " + rows + " of " + lines.size() + " lines: some were not PLANNED under their lock");
        }
    }

    void toManual(UUID lineId, String reason) {
        jdbc.sql("update compensation.compensation_line set status = 'MANUAL_PAYOUT', manual_reason = :reason where id = :id and status = 'PAYING'")
                .param("id", lineId).param("reason", reason).update();
    }

    boolean markPaid(UUID lineId, String fromStatus, Instant at, String reference) {
        return jdbc.sql("""
                update compensation.compensation_line set status = 'PAID', paid_at = :at, paid_reference = :ref
                 where id = :id and status = :from
                """).param("id", lineId).param("from", fromStatus).param("at", ts(at)).param("ref", reference).update() == 1;
    }

    /**
     * {@link #markPaid} from PAYING for these lines of one case's batch (by card, the way their refund references name
     * them), in one statement (no separate {@code for update} read first); answers the lines it moved — a replay moves
     * none. Its CTE locks the lines in id order before the update writes them: two such updates meet when an event is
     * replayed while its original still runs, and locks taken in the update's own scan order (its plan's) could cross
     * and deadlock. The caller lowers the batch's unpaid count by the lines answered.
     */
    List<Line> markAllPaid(UUID caseId, java.util.Collection<UUID> cardIds, Instant at) {
        return jdbc.sql("""
                with locked as (
                    select id as locked_id from compensation.compensation_line
                     where batch_id = (select id from compensation.compensation_batch where case_id = :case)
                       and card_id = any(:cards) and status = 'PAYING'
                     order by id
                       for update)
                update compensation.compensation_line set status = 'PAID', paid_at = :at, paid_reference = payment_reference
                  from locked
                 where id = locked_id and status = 'PAYING'
                """ + "returning " + LINE_COLUMNS)
                .param("case", caseId).param("cards", cardIds.toArray(UUID[]::new)).param("at", ts(at))
                .query(CompensationRepository::line).list();
    }

    /**
     * Locks the PLANNED line's queue row, before the line itself (the pay job claims the queue row first too, so the two
     * cannot deadlock); false when the line is no longer PLANNED (a payer claimed it: this waits for its chunk's end).
     */
    boolean lockQueued(Line line) {
        return !jdbc.sql("select 1 from compensation.compensation_line_due where batch_id = :batch and seq = :seq for update")
                .param("batch", line.batchId()).param("seq", line.seq()).query((rs, n) -> 1).list().isEmpty();
    }

    /** The consumer's choice, due at {@code dueAt}, on a line whose queue row the caller locked ({@link #lockQueued}). */
    void choose(Line line, String choice, Instant at, Instant dueAt) {
        jdbc.sql("""
                update compensation.compensation_line set choice = :choice, chosen_at = :at, due_at = :due
                 where id = :id and status = 'PLANNED'
                """).param("id", line.id()).param("choice", choice).param("at", ts(at)).param("due", ts(dueAt)).update();
        jdbc.sql("update compensation.compensation_line_due set due_at = :due where batch_id = :batch and seq = :seq")
                .param("batch", line.batchId()).param("seq", line.seq()).param("due", ts(dueAt)).update();
    }

    /** A batch's status after {@link #lowerUnpaid}, its row locked. */
    record Unpaid(String status, int unpaid) { }

    /**
     * Lowers the batch's count of lines not PAID by the lines just moved to PAID in this transaction, locking the batch
     * row (so of two transactions paying its last lines, the second sees the first's count); answers what is left.
     */
    Unpaid lowerUnpaid(UUID batchId, int paid) {
        return jdbc.sql("""
                update compensation.compensation_batch set unpaid = unpaid - :paid where id = :id
                returning status, unpaid
                """).param("id", batchId).param("paid", paid)
                .query((rs, n) -> new Unpaid(rs.getString(1), rs.getInt(2))).single();
    }

    Totals totals(UUID batchId) {
        return jdbc.sql("""
                select count(*) as lines,
                       count(*) filter (where status = 'PLANNED') as planned,
                       count(*) filter (where status = 'PAYING') as paying,
                       count(*) filter (where status = 'MANUAL_PAYOUT') as manual,
                       count(*) filter (where status = 'PAID') as paid,
                       coalesce(sum(unredeemed_minor), 0) as total, coalesce(sum(escrow_minor), 0) as escrow,
                       coalesce(sum(deposit_minor), 0) as deposit, coalesce(sum(fund_minor), 0) as fund,
                       coalesce(sum(unredeemed_minor) filter (where status = 'PAID'), 0) as paid_total,
                       coalesce(sum(escrow_minor) filter (where status = 'PAID'), 0) as paid_escrow,
                       coalesce(sum(deposit_minor) filter (where status = 'PAID'), 0) as paid_deposit,
                       coalesce(sum(fund_minor) filter (where status = 'PAID'), 0) as paid_fund
                  from compensation.compensation_line where batch_id = :batch
                """).param("batch", batchId).query((rs, n) -> new Totals(rs.getLong("lines"), rs.getLong("planned"),
                        rs.getLong("paying"), rs.getLong("manual"), rs.getLong("paid"), rs.getLong("total"),
                        rs.getLong("escrow"), rs.getLong("deposit"), rs.getLong("fund"), rs.getLong("paid_total"),
                        rs.getLong("paid_escrow"), rs.getLong("paid_deposit"), rs.getLong("paid_fund"))).single();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Batch batch(ResultSet rs, int n) throws SQLException {
        return new Batch(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class),
                rs.getObject("merchant_id", UUID.class), Currency.getInstance(rs.getString("currency").trim()),
                rs.getString("status"), rs.getLong("setoff_minor"), rs.getLong("escrow_available_minor"),
                rs.getLong("deposit_available_minor"), instant(rs, "planned_at"), instant(rs, "choose_by"),
                rs.getString("planned_by"), instant(rs, "completed_at"));
    }

    private static Line line(ResultSet rs, int n) throws SQLException {
        return new Line(rs.getObject("id", UUID.class), rs.getObject("batch_id", UUID.class),
                rs.getObject("case_id", UUID.class), rs.getInt("seq"), rs.getObject("card_id", UUID.class),
                rs.getObject("consumer_id", UUID.class), rs.getObject("payment_order_id", UUID.class),
                rs.getLong("unredeemed_minor"), rs.getLong("advance_minor"), rs.getLong("escrow_minor"),
                rs.getLong("deposit_minor"), rs.getLong("fund_minor"), rs.getString("choice"), instant(rs, "chosen_at"),
                instant(rs, "due_at"), rs.getString("status"), rs.getString("payment_reference"),
                rs.getString("manual_reason"), instant(rs, "settled_at"), instant(rs, "paid_at"),
                rs.getString("paid_reference"));
    }
}
