package org.fangxin.complaint.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.complaint.AgreementView;
import org.fangxin.complaint.ComplaintStage;
import org.fangxin.complaint.EvidenceFile;
import org.fangxin.complaint.EvidenceView;
import org.fangxin.complaint.MessageView;
import org.fangxin.complaint.Remedy;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Messages, evidence files and agreements of cases; callers hold the transaction (and the case's lock to write). */
@Repository
public class CaseRecords {

    private static final String AGREEMENT_COLUMNS = """
            id, complaint_id, stage, remedy, currency, amount_minor, terms, proposed_by, proposed_party, proposed_at, status,
            consumer_decision, consumer_decided_at, merchant_decision, merchant_decided_at, reject_reason, refund_id,
            merchant_reported_at, merchant_report, consumer_confirmed_at, consumer_disputed_at, consumer_dispute,
            compensation_set_aside_at, compensation_paid_at, payout_reference
            from complaint.agreement""";

    private final JdbcClient jdbc;

    public CaseRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- messages

    public void insertMessage(MessageView m, UUID authorId) {
        jdbc.sql("""
                insert into complaint.message (id, complaint_id, author_id, author_name, party, body, posted_at,
                    body_key, body_args)
                values (:id, :complaint, :author, :name, :party, :body, :at, :key, cast(:args as text[]))
                """)
                .param("id", m.id()).param("complaint", m.complaintId()).param("author", authorId)
                .param("name", m.authorName()).param("party", m.party()).param("body", m.body())
                .param("at", Timestamp.from(m.postedAt())).param("key", m.bodyKey())
                .param("args", m.bodyArgs().toArray(String[]::new)).update();
    }

    public List<MessageView> messages(UUID complaintId) {
        return jdbc.sql("""
                select id, complaint_id, author_name, party, body, posted_at, body_key, body_args from complaint.message
                 where complaint_id = :id order by posted_at, id limit :limit
                """).param("id", complaintId).param("limit", CaseRepository.ROWS_MAX)
                .query((rs, n) -> new MessageView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7),
                        CaseRepository.texts(rs.getArray(8))))
                .list();
    }

    // ---- evidence

    /** Stores a file unless the case has one with the same digest; true when stored. */
    public boolean insertEvidence(EvidenceView e, byte[] content, UUID uploadedBy) {
        return jdbc.sql("""
                insert into complaint.evidence (id, complaint_id, file_name, content_type, size_bytes, sha256, content,
                    uploaded_by, party, uploaded_at)
                values (:id, :complaint, :name, :type, :size, :sha, :content, :by, :party, :at)
                on conflict (complaint_id, sha256) do nothing
                """)
                .param("id", e.id()).param("complaint", e.complaintId()).param("name", e.fileName())
                .param("type", e.contentType()).param("size", e.sizeBytes()).param("sha", e.sha256())
                .param("content", content).param("by", uploadedBy).param("party", e.party())
                .param("at", Timestamp.from(e.uploadedAt())).update() == 1;
    }

    public List<EvidenceView> evidence(UUID complaintId) {
        return jdbc.sql("""
                select id, complaint_id, file_name, content_type, size_bytes, sha256, party, uploaded_at
                  from complaint.evidence where complaint_id = :id order by uploaded_at, id
                """).param("id", complaintId).query(CaseRecords::evidence).list();
    }

    public int evidenceCount(UUID complaintId) {
        return jdbc.sql("select count(*) from complaint.evidence where complaint_id = :id").param("id", complaintId)
                .query(Integer.class).single();
    }

    public Optional<EvidenceView> evidenceByDigest(UUID complaintId, String sha256) {
        return jdbc.sql("""
                select id, complaint_id, file_name, content_type, size_bytes, sha256, party, uploaded_at
                  from complaint.evidence where complaint_id = :id and sha256 = :sha
                """).param("id", complaintId).param("sha", sha256).query(CaseRecords::evidence).optional();
    }

    public Optional<EvidenceFile> evidenceFile(UUID complaintId, UUID evidenceId) {
        return jdbc.sql("""
                select id, complaint_id, file_name, content_type, size_bytes, sha256, party, uploaded_at, content
                  from complaint.evidence where complaint_id = :complaint and id = :id
                """).param("complaint", complaintId).param("id", evidenceId)
                .query((rs, n) -> new EvidenceFile(evidence(rs, n), rs.getBytes(9)))
                .optional();
    }

    private static EvidenceView evidence(ResultSet rs, int n) throws SQLException {
        return new EvidenceView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getInt(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant());
    }

    // ---- agreements

    public void insertAgreement(AgreementView a) {
        jdbc.sql("""
                insert into complaint.agreement (id, complaint_id, stage, remedy, currency, amount_minor, terms, proposed_by,
                    proposed_party, proposed_at, status, consumer_decision, consumer_decided_at, merchant_decision,
                    merchant_decided_at)
                values (:id, :complaint, :stage, :remedy, :currency, :amount, :terms, :by, :party, :at, 'PROPOSED',
                    :consumer, :consumerAt, :merchant, :merchantAt)
                """)
                .param("id", a.id()).param("complaint", a.complaintId()).param("stage", a.stage().name())
                .param("remedy", a.remedy().name()).param("currency", "CNY")
                .param("amount", a.amount() == null ? null : a.amount().amountMinor()).param("terms", a.terms())
                .param("by", a.proposedBy()).param("party", a.proposedParty()).param("at", Timestamp.from(a.proposedAt()))
                .param("consumer", a.consumerDecision()).param("consumerAt", ts(a.consumerDecidedAt()))
                .param("merchant", a.merchantDecision()).param("merchantAt", ts(a.merchantDecidedAt()))
                .update();
    }

    /** The case's agreement that is PROPOSED or ACCEPTED (at most one of each; the accepted one wins). */
    public Optional<AgreementView> current(UUID complaintId) {
        return jdbc.sql("select " + AGREEMENT_COLUMNS + """
                 where complaint_id = :id and status in ('PROPOSED','ACCEPTED')
                 order by (status = 'ACCEPTED') desc, proposed_at desc limit 1
                """).param("id", complaintId).query(CaseRecords::agreement).optional();
    }

    public List<AgreementView> agreements(UUID complaintId) {
        return jdbc.sql("select " + AGREEMENT_COLUMNS + " where complaint_id = :id order by proposed_at, id")
                .param("id", complaintId).query(CaseRecords::agreement).list();
    }

    public Optional<AgreementView> byRefund(UUID refundId) {
        return jdbc.sql("select " + AGREEMENT_COLUMNS + " where refund_id = :refund").param("refund", refundId)
                .query(CaseRecords::agreement).optional();
    }

    /** Records one party's answer ({@code consumer} or merchant); the status is then set by {@link #setStatus}. */
    public void answer(UUID agreementId, boolean consumer, String decision, Instant at) {
        String sql = consumer
                ? "update complaint.agreement set consumer_decision = :d, consumer_decided_at = :at where id = :id"
                : "update complaint.agreement set merchant_decision = :d, merchant_decided_at = :at where id = :id";
        jdbc.sql(sql).param("d", decision).param("at", Timestamp.from(at)).param("id", agreementId).update();
    }

    public void setStatus(UUID agreementId, String status, String rejectReason) {
        jdbc.sql("update complaint.agreement set status = :status, reject_reason = coalesce(:reason, reject_reason) where id = :id")
                .param("status", status).param("reason", rejectReason).param("id", agreementId).update();
    }

    public void setRefund(UUID agreementId, UUID refundId) {
        jdbc.sql("update complaint.agreement set refund_id = :refund where id = :id")
                .param("refund", refundId).param("id", agreementId).update();
    }

    public void reportPerformed(UUID agreementId, String report, Instant at) {
        jdbc.sql("update complaint.agreement set merchant_reported_at = :at, merchant_report = :report where id = :id")
                .param("at", Timestamp.from(at)).param("report", report).param("id", agreementId).update();
    }

    public void confirmPerformed(UUID agreementId, Instant at) {
        jdbc.sql("update complaint.agreement set consumer_confirmed_at = :at where id = :id")
                .param("at", Timestamp.from(at)).param("id", agreementId).update();
    }

    public void disputePerformance(UUID agreementId, String dispute, Instant at) {
        jdbc.sql("update complaint.agreement set consumer_disputed_at = :at, consumer_dispute = :dispute where id = :id")
                .param("at", Timestamp.from(at)).param("dispute", dispute).param("id", agreementId).update();
    }

    public void setAside(UUID agreementId, Instant at) {
        jdbc.sql("update complaint.agreement set compensation_set_aside_at = :at where id = :id and compensation_set_aside_at is null")
                .param("at", Timestamp.from(at)).param("id", agreementId).update();
    }

    public void compensationPaid(UUID agreementId, String reference, Instant at) {
        jdbc.sql("""
                update complaint.agreement set compensation_paid_at = :at, payout_reference = :reference
                 where id = :id and compensation_paid_at is null
                """).param("at", Timestamp.from(at)).param("reference", reference).param("id", agreementId).update();
    }

    /** Cases with an accepted compensation not yet set aside (the merchant's payable was short), oldest first. */
    public List<UUID> compensationsWaiting(int limit) {
        return jdbc.sql("""
                select a.complaint_id from complaint.agreement a
                  join complaint.complaint_case c on c.id = a.complaint_id
                 where a.status = 'ACCEPTED' and a.remedy = 'COMPENSATION' and a.compensation_set_aside_at is null
                   and c.stage = 'PERFORMANCE' and c.card_id is not null
                 order by a.proposed_at limit :limit
                """).param("limit", limit).query(UUID.class).list();
    }

    private static AgreementView agreement(ResultSet rs, int n) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        long amount = rs.getLong("amount_minor");
        Money money = rs.wasNull() ? null : new Money(amount, currency);
        return new AgreementView(rs.getObject("id", UUID.class), rs.getObject("complaint_id", UUID.class),
                ComplaintStage.valueOf(rs.getString("stage")), Remedy.valueOf(rs.getString("remedy")), money,
                rs.getString("terms"), rs.getString("proposed_by"), rs.getString("proposed_party"),
                rs.getTimestamp("proposed_at").toInstant(), rs.getString("status"), rs.getString("consumer_decision"),
                instant(rs, "consumer_decided_at"), rs.getString("merchant_decision"), instant(rs, "merchant_decided_at"),
                rs.getString("reject_reason"), rs.getObject("refund_id", UUID.class), instant(rs, "merchant_reported_at"),
                rs.getString("merchant_report"), instant(rs, "consumer_confirmed_at"), instant(rs, "consumer_disputed_at"),
                rs.getString("consumer_dispute"), instant(rs, "compensation_set_aside_at"),
                instant(rs, "compensation_paid_at"), rs.getString("payout_reference"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
