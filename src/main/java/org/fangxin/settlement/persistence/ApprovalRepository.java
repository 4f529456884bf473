package org.fangxin.settlement.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.settlement.PayoutApprovalView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Dual control of payouts: who proposed a payout, the approval decisions, and the state changes they cause. */
@Repository
public class ApprovalRepository {

    private final JdbcClient jdbc;

    public ApprovalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void setProposedBy(UUID payoutId, String username) {
        jdbc.sql("update settlement.payout set proposed_by = :by where id = :id").param("id", payoutId).param("by", username).update();
    }

    public Optional<String> proposedBy(UUID payoutId) {
        return jdbc.sql("select proposed_by from settlement.payout where id = :id").param("id", payoutId)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(o -> o);
    }

    public boolean awaitingFor(UUID merchantId) {
        return jdbc.sql("select exists (select 1 from settlement.payout where merchant_id = :m and status = 'AWAITING_APPROVAL')")
                .param("m", merchantId).query(Boolean.class).single();
    }

    /** Ids of payouts awaiting approval, oldest first. */
    public List<UUID> awaiting(int offset, int limit) {
        return jdbc.sql("""
                select id from settlement.payout where status = 'AWAITING_APPROVAL'
                 order by created_at, id offset :offset limit :limit
                """).param("offset", offset).param("limit", limit).query(UUID.class).list();
    }

    /** Ids of payouts that were ever under dual control (awaiting, approved, rejected), newest first. */
    public List<UUID> decided(int offset, int limit) {
        return jdbc.sql("""
                select id from settlement.payout where proposed_by is not null and status <> 'AWAITING_APPROVAL'
                 order by created_at desc, id desc offset :offset limit :limit
                """).param("offset", offset).param("limit", limit).query(UUID.class).list();
    }

    public List<PayoutApprovalView.Decision> decisions(UUID payoutId) {
        return jdbc.sql("""
                select decided_by, username, role, decision, reason, decided_at from settlement.payout_approval
                 where payout_id = :id order by decided_at, decided_by
                """).param("id", payoutId)
                .query((rs, n) -> new PayoutApprovalView.Decision(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant())).list();
    }

    public void insertDecision(UUID payoutId, UUID userId, String username, String role, String decision, String reason,
                               Instant at) {
        jdbc.sql("""
                insert into settlement.payout_approval (payout_id, decided_by, username, role, decision, reason, decided_at)
                values (:p, :u, :name, :role, :decision, :reason, :at)
                """).param("p", payoutId).param("u", userId).param("name", username).param("role", role)
                .param("decision", decision).param("reason", reason).param("at", Timestamp.from(at)).update();
    }

    public void markInstructed(UUID payoutId, Instant instructedAt) {
        int updated = jdbc.sql("""
                update settlement.payout set status = 'INSTRUCTED', instructed_at = :at
                 where id = :id and status = 'AWAITING_APPROVAL'
                """).param("id", payoutId).param("at", Timestamp.from(instructedAt)).update();
        if (updated != 1) {
            throw new IllegalStateException("payout " + payoutId + " was not AWAITING_APPROVAL (changed concurrently?)");
        }
    }

    public void markRejected(UUID payoutId) {
        int updated = jdbc.sql("update settlement.payout set status = 'REJECTED' where id = :id and status = 'AWAITING_APPROVAL'")
                .param("id", payoutId).update();
        if (updated != 1) {
            throw new IllegalStateException("payout " + payoutId + " was not AWAITING_APPROVAL (changed concurrently?)");
        }
    }
}
