package org.fangxin.complaint.persistence;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.complaint.ComplaintCategory;
import org.fangxin.complaint.ComplaintOutcome;
import org.fangxin.complaint.ComplaintStage;
import org.fangxin.complaint.ComplaintSubject;
import org.fangxin.complaint.DeadlineKind;
import org.fangxin.complaint.FailureReason;
import org.fangxin.complaint.StageChangeView;
import org.fangxin.complaint.domain.CaseProgress;
import org.fangxin.complaint.domain.Deadline;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Complaint cases, their deadlines and stage changes; callers hold the transaction. Updates check the row version. */
@Repository
public class CaseRepository {

    public static final int ROWS_MAX = 500;
    private static final String COLUMNS = """
            id, case_number, source, external_ref, consumer_id, consumer_mobile, consumer_name, merchant_id, merchant_name,
            sector, region_code, card_id, redemption_id, refund_id, subject, category, currency, asked_minor, asked_action,
            description, stage, outcome, failure_reason, merchant_refused, redemption_held, payout_hold_minor, filed_at,
            filed_on, closed_at, failure_noticed_at, claim_id, reached_platform, reached_association, reached_regulator,
            version
            from complaint.complaint_case""";

    private final JdbcClient jdbc;

    public CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new case with its first deadline. */
    public void insert(CaseRow c) {
        jdbc.sql("""
                insert into complaint.complaint_case (id, case_number, source, external_ref, consumer_id, consumer_mobile,
                    consumer_name, merchant_id, merchant_name, sector, region_code, card_id, redemption_id, refund_id,
                    subject, category, currency, asked_minor, asked_action, description, stage, redemption_held,
                    payout_hold_minor, filed_at, filed_on, reached_platform)
                values (:id, :number, :source, :ref, :consumer, :mobile, :name, :merchant, :merchantName, :sector, :region,
                    :card, :redemption, :refund, :subject, :category, :currency, :asked, :action, :description, :stage,
                    :held, :hold, :at, :on, :platform)
                """)
                .param("id", c.id()).param("number", c.caseNumber()).param("source", c.source())
                .param("ref", c.externalRef()).param("consumer", c.consumerId()).param("mobile", c.consumerMobile())
                .param("name", c.consumerName()).param("merchant", c.merchantId()).param("merchantName", c.merchantName())
                .param("sector", c.sector()).param("region", c.regionCode()).param("card", c.cardId())
                .param("redemption", c.redemptionId()).param("refund", c.refundId()).param("subject", c.subject().name())
                .param("category", c.category().name()).param("currency", c.payoutHold().currency().getCurrencyCode())
                .param("asked", c.asked() == null ? null : c.asked().amountMinor()).param("action", c.askedAction())
                .param("description", c.description()).param("stage", c.progress().stage().name())
                .param("held", c.redemptionHeld()).param("hold", c.payoutHold().amountMinor())
                .param("at", Timestamp.from(c.filedAt())).param("on", Date.valueOf(c.filedOn()))
                .param("platform", c.reachedPlatform())
                .update();
        insertDeadlines(c.id(), c.progress().deadlines(), 0);
    }

    public Optional<CaseRow> find(UUID id) {
        return one(jdbc.sql("select " + COLUMNS + " where id = :id").param("id", id).query(this::raw).list());
    }

    /** Locks the case row: every step of a case runs one after the other. */
    public Optional<CaseRow> lock(UUID id) {
        return one(jdbc.sql("select " + COLUMNS + " where id = :id for update").param("id", id).query(this::raw).list());
    }

    /** Cases of a consumer: their own, and those imported for their mobile before they had an account. */
    public List<CaseRow> ofConsumer(UUID consumerId, String mobile, int limit) {
        return withDeadlines(jdbc.sql("select " + COLUMNS + """
                 where consumer_id = :consumer or (consumer_id is null and consumer_mobile = :mobile)
                 order by filed_at desc, id desc limit :limit
                """).param("consumer", consumerId).param("mobile", mobile).param("limit", bounded(limit))
                .query(this::raw).list());
    }

    public List<CaseRow> ofMerchant(UUID merchantId, int limit) {
        return withDeadlines(jdbc.sql("select " + COLUMNS + " where merchant_id = :merchant order by filed_at desc, id desc limit :limit")
                .param("merchant", merchantId).param("limit", bounded(limit)).query(this::raw).list());
    }

    /**
     * Cases a handler sees: those that reached its stage ({@code reached} is the column reached_platform,
     * reached_association or reached_regulator), optionally of one sector and one stage; open ones first.
     */
    public List<CaseRow> reached(String reached, String sector, ComplaintStage stage, int limit) {
        return reached(reached, sector, null, stage, limit);
    }

    /** As above within a region ({@code regionPrefix}: a LIKE pattern such as {@code 4102%}, null for all). */
    public List<CaseRow> reached(String reached, String sector, String regionPrefix, ComplaintStage stage, int limit) {
        if (!List.of("reached_platform", "reached_association", "reached_regulator", "true").contains(reached)) {
            throw new IllegalArgumentException(reached);
        }
        return withDeadlines(jdbc.sql("select " + COLUMNS + " where " + reached + """
                   and (cast(:sector as text) is null or sector = :sector)
                   and (cast(:region as text) is null or region_code like :region)
                   and (cast(:stage as text) is null or stage = :stage)
                 order by (stage = 'CLOSED'), filed_at, id limit :limit
                """).param("sector", sector).param("region", regionPrefix).param("stage", stage == null ? null : stage.name())
                .param("limit", bounded(limit)).query(this::raw).list());
    }

    /** Writes a step: the case's stage and outcome, closed deadlines and the new one (checking the row version). */
    public void saveProgress(CaseRow before, CaseProgress after, Instant at) {
        ComplaintStage stage = after.stage();
        int updated = jdbc.sql("""
                update complaint.complaint_case
                   set stage = :stage, outcome = :outcome, failure_reason = :failure, merchant_refused = :refused,
                       closed_at = :closedAt, closed_on = :closedOn,
                       reached_platform = reached_platform or :platform,
                       reached_association = reached_association or :association,
                       reached_regulator = reached_regulator or :regulator,
                       version = version + 1
                 where id = :id and version = :version
                """)
                .param("stage", stage.name()).param("outcome", after.outcome() == null ? null : after.outcome().name())
                .param("failure", after.failure() == null ? null : after.failure().name())
                .param("refused", after.merchantRefused())
                .param("closedAt", stage.open() ? null : Timestamp.from(at))
                .param("closedOn", stage.open() ? null : Date.valueOf(after.deadlines().get(after.deadlines().size() - 1).closedOn()))
                .param("platform", stage == ComplaintStage.PLATFORM_MEDIATION)
                .param("association", stage == ComplaintStage.ASSOCIATION_ACCEPTANCE || stage == ComplaintStage.ASSOCIATION_MEDIATION)
                .param("regulator", stage == ComplaintStage.REGULATOR_ACCEPTANCE || stage == ComplaintStage.REGULATOR_MEDIATION)
                .param("id", before.id()).param("version", before.version())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("complaint " + before.id() + " changed concurrently");
        }
        List<Deadline> old = before.progress().deadlines();
        for (int i = 0; i < old.size(); i++) {
            Deadline now = after.deadlines().get(i);
            if (old.get(i).open() && now.open() && !old.get(i).dueOn().equals(now.dueOn())) {
                jdbc.sql("update complaint.deadline set due_on = :due where complaint_id = :id and seq = :seq")
                        .param("due", Date.valueOf(now.dueOn())).param("id", before.id()).param("seq", i + 1).update();
            }
            if (old.get(i).open() && !now.open()) {
                jdbc.sql("update complaint.deadline set closed_on = :on where complaint_id = :id and seq = :seq")
                        .param("on", Date.valueOf(now.closedOn())).param("id", before.id()).param("seq", i + 1).update();
            }
        }
        insertDeadlines(before.id(), after.deadlines().subList(old.size(), after.deadlines().size()), old.size());
    }

    /** A timeline entry: {@code note} as a person typed it, or {@code noteKey} with its arguments. */
    public void recordStageChange(UUID id, UUID complaintId, Instant at, ComplaintStage from, ComplaintStage to,
                                  String party, String byUser, String note, String noteKey, List<String> noteArgs) {
        jdbc.sql("""
                insert into complaint.stage_change (id, complaint_id, at, from_stage, to_stage, party, by_user, note,
                    note_key, note_args)
                values (:id, :complaint, :at, :from, :to, :party, :by, :note, :key, cast(:args as text[]))
                """)
                .param("id", id).param("complaint", complaintId).param("at", Timestamp.from(at))
                .param("from", from == null ? null : from.name()).param("to", to.name()).param("party", party)
                .param("by", byUser).param("note", note == null ? null : truncate(note, 1000))
                .param("key", noteKey).param("args", noteArgs.toArray(String[]::new))
                .update();
    }

    public List<StageChangeView> stageChanges(UUID complaintId) {
        return jdbc.sql("""
                select at, from_stage, to_stage, party, by_user, note, note_key, note_args from complaint.stage_change
                 where complaint_id = :id order by at, id limit :limit
                """).param("id", complaintId).param("limit", ROWS_MAX)
                .query((rs, n) -> new StageChangeView(rs.getTimestamp(1).toInstant(),
                        rs.getString(2) == null ? null : ComplaintStage.valueOf(rs.getString(2)),
                        ComplaintStage.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), texts(rs.getArray(8))))
                .list();
    }

    /** A {@code text[]} column as a list (empty for null). */
    public static List<String> texts(java.sql.Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /** Open cases whose deadline passed before {@code today}, earliest first (the job re-checks each under its lock). */
    public List<UUID> dueBefore(LocalDate today, int limit) {
        return jdbc.sql("""
                select complaint_id from complaint.deadline where closed_on is null and due_on < :today
                 order by due_on, complaint_id limit :limit
                """).param("today", Date.valueOf(today)).param("limit", bounded(limit)).query(UUID.class).list();
    }

    /** Open cases with a deadline counted across {@code day} (started before it, due on or after it). */
    public List<UUID> countedAcross(LocalDate day, int limit) {
        return jdbc.sql("""
                select complaint_id from complaint.deadline
                 where closed_on is null and starts_on < :day and due_on >= :day order by complaint_id limit :limit
                """).param("day", Date.valueOf(day)).param("limit", limit).query(UUID.class).list();
    }

    /** The platform handles the case's money now (compensation set aside): operators see it. */
    public void markReachedPlatform(UUID id) {
        jdbc.sql("update complaint.complaint_case set reached_platform = true where id = :id").param("id", id).update();
    }

    public void setClaim(UUID id, UUID claimId) {
        jdbc.sql("update complaint.complaint_case set claim_id = :claim where id = :id and claim_id is null")
                .param("claim", claimId).param("id", id).update();
    }

    public void endHolds(UUID id) {
        jdbc.sql("update complaint.complaint_case set redemption_held = false, payout_hold_minor = 0 where id = :id")
                .param("id", id).update();
    }

    public void markFailureNoticed(UUID id, Instant at) {
        jdbc.sql("update complaint.complaint_case set failure_noticed_at = :at where id = :id and failure_noticed_at is null")
                .param("at", Timestamp.from(at)).param("id", id).update();
    }

    /** A case imported for a mobile gets its consumer once they act on it with an account of that mobile. */
    public void linkConsumer(UUID id, UUID consumerId) {
        jdbc.sql("update complaint.complaint_case set consumer_id = :consumer where id = :id and consumer_id is null")
                .param("consumer", consumerId).param("id", id).update();
    }

    public boolean externalRefTaken(String externalRef) {
        return jdbc.sql("select exists (select 1 from complaint.complaint_case where external_ref = :ref)")
                .param("ref", externalRef).query(Boolean.class).single();
    }

    /** What is held from the merchant's payouts for open complaints about refunds. */
    public long payoutHeld(UUID merchantId, String currency) {
        return jdbc.sql("""
                select coalesce(sum(payout_hold_minor), 0) from complaint.complaint_case
                 where merchant_id = :merchant and currency = :currency and stage <> 'CLOSED'
                """).param("merchant", merchantId).param("currency", currency).query(Long.class).single();
    }

    private void insertDeadlines(UUID complaintId, List<Deadline> deadlines, int before) {
        for (int i = 0; i < deadlines.size(); i++) {
            Deadline d = deadlines.get(i);
            jdbc.sql("""
                    insert into complaint.deadline (complaint_id, seq, kind, stage, starts_on, working_days, due_on, closed_on)
                    values (:id, :seq, :kind, :stage, :starts, :days, :due, :closed)
                    """)
                    .param("id", complaintId).param("seq", before + i + 1).param("kind", d.kind().name())
                    .param("stage", d.stage().name()).param("starts", Date.valueOf(d.startsOn())).param("days", d.workingDays())
                    .param("due", Date.valueOf(d.dueOn())).param("closed", d.closedOn() == null ? null : Date.valueOf(d.closedOn()))
                    .update();
        }
    }

    /** A case row before its deadlines are attached (one query loads the deadlines of a whole list). */
    private record Raw(CaseRow row, ComplaintStage stage, ComplaintOutcome outcome, FailureReason failure, boolean refused) { }

    private Optional<CaseRow> one(List<Raw> raws) {
        return withDeadlines(raws).stream().findFirst();
    }

    private List<CaseRow> withDeadlines(List<Raw> raws) {
        if (raws.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Deadline>> deadlines = new HashMap<>();
        jdbc.sql("""
                select complaint_id, kind, stage, starts_on, working_days, due_on, closed_on from complaint.deadline
                 where complaint_id in (:ids) order by complaint_id, seq
                """).param("ids", raws.stream().map(r -> r.row().id()).toList())
                .query((rs, n) -> deadlines.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(new Deadline(DeadlineKind.valueOf(rs.getString(2)), ComplaintStage.valueOf(rs.getString(3)),
                                rs.getObject(4, LocalDate.class), rs.getInt(5), rs.getObject(6, LocalDate.class),
                                rs.getObject(7, LocalDate.class))))
                .list();
        List<CaseRow> rows = new ArrayList<>(raws.size());
        for (Raw raw : raws) {
            CaseRow r = raw.row();
            CaseProgress progress = new CaseProgress(raw.stage(), raw.outcome(), raw.failure(), raw.refused(),
                    deadlines.getOrDefault(r.id(), List.of()));
            rows.add(new CaseRow(r.id(), r.caseNumber(), r.source(), r.externalRef(), r.consumerId(), r.consumerMobile(),
                    r.consumerName(), r.merchantId(), r.merchantName(), r.sector(), r.regionCode(), r.cardId(),
                    r.redemptionId(), r.refundId(), r.subject(), r.category(), r.asked(), r.askedAction(), r.description(),
                    progress, r.redemptionHeld(), r.payoutHold(), r.filedAt(), r.filedOn(), r.closedAt(),
                    r.failureNoticedAt(), r.claimId(), r.reachedPlatform(), r.reachedAssociation(), r.reachedRegulator(),
                    r.version()));
        }
        return rows;
    }

    private Raw raw(ResultSet rs, int n) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        long asked = rs.getLong("asked_minor");
        boolean hasAsked = !rs.wasNull();
        String outcome = rs.getString("outcome");
        String failure = rs.getString("failure_reason");
        CaseRow row = new CaseRow(rs.getObject("id", UUID.class), rs.getString("case_number"), rs.getString("source"),
                rs.getString("external_ref"), rs.getObject("consumer_id", UUID.class), rs.getString("consumer_mobile"),
                rs.getString("consumer_name"), rs.getObject("merchant_id", UUID.class), rs.getString("merchant_name"),
                rs.getString("sector"), rs.getString("region_code"), rs.getObject("card_id", UUID.class),
                rs.getObject("redemption_id", UUID.class), rs.getObject("refund_id", UUID.class),
                ComplaintSubject.valueOf(rs.getString("subject")), ComplaintCategory.valueOf(rs.getString("category")),
                hasAsked ? new Money(asked, currency) : null, rs.getString("asked_action"), rs.getString("description"),
                null, rs.getBoolean("redemption_held"), new Money(rs.getLong("payout_hold_minor"), currency),
                rs.getTimestamp("filed_at").toInstant(), rs.getObject("filed_on", LocalDate.class),
                instant(rs, "closed_at"), instant(rs, "failure_noticed_at"), rs.getObject("claim_id", UUID.class),
                rs.getBoolean("reached_platform"), rs.getBoolean("reached_association"), rs.getBoolean("reached_regulator"),
                rs.getInt("version"));
        return new Raw(row, ComplaintStage.valueOf(rs.getString("stage")),
                outcome == null ? null : ComplaintOutcome.valueOf(outcome),
                failure == null ? null : FailureReason.valueOf(failure), rs.getBoolean("merchant_refused"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static int bounded(int limit) {
        return Math.min(Math.max(limit, 1), ROWS_MAX);
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
