package org.fangxin.insurance.persistence;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fangxin.insurance.CapReason;
import org.fangxin.insurance.ClaimOutcome;
import org.fangxin.insurance.ClaimStatus;
import org.fangxin.insurance.ClaimView;
import org.fangxin.insurance.ClosureTrigger;
import org.fangxin.insurance.LineDecision;
import org.fangxin.insurance.UninsuredReason;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes insurance claims and their lines; callers hold the transaction. */
@Repository
public class ClaimRepository {

    public static final int ROWS_MAX = 500;
    private static final String CLAIM_COLUMNS = """
            c.id, c.claim_number, c.case_id, c.merchant_id, c.policy_id, p.policy_number, c.insurer_id, c.trigger,
            c.closed_on, c.status, c.outcome, c.uninsured_reason, c.reject_reason, c.currency, c.claimed_minor,
            c.covered_minor, c.approved_minor, c.filed_at, c.decided_at, c.decided_by, c.paid_at, c.paid_by,
            c.payment_reference
            from insurance.claim c left join insurance.policy p on p.id = c.policy_id""";

    private final JdbcClient jdbc;

    public ClaimRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the claim and its lines unless the case has a claim already; true when this call inserted it. */
    public boolean insert(ClaimView claim, LocalDate policyYearStart) {
        int inserted = jdbc.sql("""
                insert into insurance.claim (id, claim_number, case_id, merchant_id, policy_id, insurer_id, trigger,
                    closed_on, policy_year_start, currency, claimed_minor, covered_minor, status, uninsured_reason, filed_at)
                values (:id, :number, :case, :merchant, :policy, :insurer, :trigger, :closedOn, :yearStart, :currency,
                    :claimed, :covered, :status, :uninsured, :at)
                on conflict (case_id) do nothing
                """)
                .param("id", claim.id()).param("number", claim.claimNumber()).param("case", claim.caseId())
                .param("merchant", claim.merchantId()).param("policy", claim.policyId())
                .param("insurer", claim.insurerId()).param("trigger", claim.trigger().name())
                .param("closedOn", Date.valueOf(claim.closedOn()))
                .param("yearStart", policyYearStart == null ? null : Date.valueOf(policyYearStart))
                .param("currency", claim.claimed().currency().getCurrencyCode())
                .param("claimed", claim.claimed().amountMinor()).param("covered", claim.covered().amountMinor())
                .param("status", claim.status().name())
                .param("uninsured", claim.uninsuredReason() == null ? null : claim.uninsuredReason().name())
                .param("at", Timestamp.from(claim.filedAt())).update();
        if (inserted == 0) {
            return false;
        }
        insertLines(claim.id(), claim.lines());
        return true;
    }

    /**
     * The claim's lines, one statement per 10,000 (arrays unnested by PostgreSQL): a closure's claim has a line per
     * card, and one insert each ran through the whole compensation of 100,000 cards (issue 15).
     */
    private void insertLines(UUID claimId, List<ClaimView.Line> lines) {
        for (int from = 0; from < lines.size(); from += 10_000) {
            List<ClaimView.Line> part = lines.subList(from, Math.min(lines.size(), from + 10_000));
            jdbc.sql("""
                    insert into insurance.claim_line (claim_id, line_no, card_id, consumer_id, claimed_minor, covered_minor,
                        cap_reason)
                    select :claim, l.no, l.card, l.consumer, l.claimed, l.covered, l.cap
                      from unnest(:nos, :cards, :consumers, :claimed, :covered, :caps)
                           as l(no, card, consumer, claimed, covered, cap)
                    """)
                    .param("claim", claimId)
                    .param("nos", part.stream().mapToInt(ClaimView.Line::lineNo).toArray())
                    .param("cards", part.stream().map(ClaimView.Line::cardId).toArray(UUID[]::new))
                    .param("consumers", part.stream().map(ClaimView.Line::consumerId).toArray(UUID[]::new))
                    .param("claimed", part.stream().mapToLong(line -> line.claimed().amountMinor()).toArray())
                    .param("covered", part.stream().mapToLong(line -> line.covered().amountMinor()).toArray())
                    .param("caps", part.stream().map(line -> line.capReason() == null ? null : line.capReason().name())
                            .toArray(String[]::new))
                    .update();
        }
    }

    public Optional<ClaimView> find(UUID id) {
        return jdbc.sql("select " + CLAIM_COLUMNS + " where c.id = :id").param("id", id)
                .query(ClaimRepository::claim).optional().map(this::withLines);
    }

    public Optional<ClaimView> ofCase(UUID caseId) {
        return jdbc.sql("select " + CLAIM_COLUMNS + " where c.case_id = :case").param("case", caseId)
                .query(ClaimRepository::claim).optional().map(this::withLines);
    }

    /** Locks the claim row so decisions and payments of one claim run one after the other. */
    public Optional<ClaimView> lock(UUID id) {
        Optional<UUID> locked = jdbc.sql("select id from insurance.claim where id = :id for update").param("id", id)
                .query(UUID.class).optional();
        return locked.flatMap(this::find);
    }

    /** Claims (without lines) of an insurer (null: all), optionally of one policy and one status, newest first. */
    public List<ClaimView> list(UUID insurerId, UUID policyId, ClaimStatus status, int limit) {
        return jdbc.sql("select " + CLAIM_COLUMNS + """
                 where (cast(:i as uuid) is null or c.insurer_id = :i) and (cast(:s as text) is null or c.status = :s)
                   and (cast(:p as uuid) is null or c.policy_id = :p)
                 order by c.filed_at desc, c.id limit :limit
                """).param("i", insurerId).param("p", policyId).param("s", status == null ? null : status.name())
                .param("limit", Math.min(Math.max(limit, 1), ROWS_MAX)).query(ClaimRepository::claim).list();
    }

    /**
     * What a policy's claims already take of its limits in a policy year (optionally of one merchant): the approved
     * amount of decided and paid claims, the covered amount of claims still under review; rejected amounts free it.
     */
    public long used(UUID policyId, LocalDate policyYearStart, UUID merchantId) {
        return jdbc.sql("""
                select coalesce(sum(case when status in ('DECIDED','PAID') then approved_minor else covered_minor end), 0)
                  from insurance.claim
                 where policy_id = :p and policy_year_start = :y and (cast(:m as uuid) is null or merchant_id = :m)
                """).param("p", policyId).param("y", Date.valueOf(policyYearStart)).param("m", merchantId)
                .query(Long.class).single();
    }

    /** Claims approved or paid per policy (for loss ratios), of one insurer or all. */
    public Map<UUID, Long> approvedByPolicy(UUID insurerId) {
        return jdbc.sql("""
                select policy_id, sum(approved_minor) from insurance.claim
                 where status in ('DECIDED','PAID') and policy_id is not null
                   and (cast(:i as uuid) is null or insurer_id = :i)
                 group by policy_id
                """).param("i", insurerId)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public void decideLine(UUID claimId, int lineNo, LineDecision decision, Money approved, String reason, String by,
                           Instant at) {
        int updated = jdbc.sql("""
                update insurance.claim_line set decision = :d, approved_minor = :a, decision_reason = :r,
                       decided_by = :by, decided_at = :at
                 where claim_id = :c and line_no = :n
                """).param("d", decision.name()).param("a", approved.amountMinor()).param("r", reason)
                .param("by", by).param("at", Timestamp.from(at)).param("c", claimId).param("n", lineNo).update();
        requireOne(updated, claimId);
    }

    public void markUnderReview(UUID claimId) {
        jdbc.sql("update insurance.claim set status = 'UNDER_REVIEW' where id = :id and status = 'FILED'")
                .param("id", claimId).update();
    }

    public void decide(UUID claimId, ClaimOutcome outcome, Money approved, String rejectReason, String by, Instant at) {
        int updated = jdbc.sql("""
                update insurance.claim set status = 'DECIDED', outcome = :o, approved_minor = :a, reject_reason = :r,
                       decided_by = :by, decided_at = :at
                 where id = :id and status in ('FILED','UNDER_REVIEW')
                """).param("o", outcome.name()).param("a", approved.amountMinor()).param("r", rejectReason)
                .param("by", by).param("at", Timestamp.from(at)).param("id", claimId).update();
        requireOne(updated, claimId);
    }

    public void markPaid(UUID claimId, String reference, String by, Instant at) {
        int updated = jdbc.sql("""
                update insurance.claim set status = 'PAID', payment_reference = :ref, paid_by = :by, paid_at = :at
                 where id = :id and status = 'DECIDED'
                """).param("ref", reference).param("by", by).param("at", Timestamp.from(at)).param("id", claimId).update();
        requireOne(updated, claimId);
    }

    private static void requireOne(int updated, UUID claimId) {
        if (updated != 1) {
            throw new IllegalStateException("claim " + claimId + " changed under its lock");
        }
    }

    private ClaimView withLines(ClaimView claim) {
        Currency currency = claim.claimed().currency();
        List<ClaimView.Line> lines = jdbc.sql("""
                select line_no, card_id, consumer_id, claimed_minor, covered_minor, cap_reason, decision, approved_minor,
                       decision_reason, decided_by, decided_at
                  from insurance.claim_line where claim_id = :c order by line_no
                """).param("c", claim.id())
                .query((rs, n) -> new ClaimView.Line(rs.getInt(1), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), new Money(rs.getLong(4), currency), new Money(rs.getLong(5), currency),
                        rs.getString(6) == null ? null : CapReason.valueOf(rs.getString(6)),
                        rs.getString(7) == null ? null : LineDecision.valueOf(rs.getString(7)),
                        rs.getObject(8) == null ? null : new Money(rs.getLong(8), currency), rs.getString(9),
                        rs.getString(10), instant(rs, 11)))
                .list();
        return new ClaimView(claim.id(), claim.claimNumber(), claim.caseId(), claim.merchantId(), claim.policyId(),
                claim.policyNumber(), claim.insurerId(), claim.trigger(), claim.closedOn(), claim.status(), claim.outcome(),
                claim.uninsuredReason(), claim.rejectReason(), claim.claimed(), claim.covered(), claim.approved(),
                claim.filedAt(), claim.decidedAt(), claim.decidedBy(), claim.paidAt(), claim.paidBy(),
                claim.paymentReference(), lines);
    }

    private static ClaimView claim(ResultSet rs, int n) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        return new ClaimView(rs.getObject("id", UUID.class), rs.getString("claim_number"),
                rs.getObject("case_id", UUID.class), rs.getObject("merchant_id", UUID.class),
                rs.getObject("policy_id", UUID.class), rs.getString("policy_number"),
                rs.getObject("insurer_id", UUID.class), ClosureTrigger.valueOf(rs.getString("trigger")),
                rs.getDate("closed_on").toLocalDate(), ClaimStatus.valueOf(rs.getString("status")),
                rs.getString("outcome") == null ? null : ClaimOutcome.valueOf(rs.getString("outcome")),
                rs.getString("uninsured_reason") == null ? null : UninsuredReason.valueOf(rs.getString("uninsured_reason")),
                rs.getString("reject_reason"), new Money(rs.getLong("claimed_minor"), currency),
                new Money(rs.getLong("covered_minor"), currency), new Money(rs.getLong("approved_minor"), currency),
                rs.getTimestamp("filed_at").toInstant(), instant(rs, "decided_at"), rs.getString("decided_by"),
                instant(rs, "paid_at"), rs.getString("paid_by"), rs.getString("payment_reference"), List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
