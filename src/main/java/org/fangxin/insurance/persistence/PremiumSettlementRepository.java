package org.fangxin.insurance.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;
import org.fangxin.insurance.PremiumBillView;
import org.fangxin.insurance.PremiumSettlementView;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Subsidy receipts, remittances and late collection of due merchant shares of premium bills; callers hold the transaction. */
@Repository
public class PremiumSettlementRepository {

    private final JdbcClient jdbc;

    public PremiumSettlementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The bill's settlement, locking its row (created empty on first use) so settlement steps run one at a time. */
    public PremiumSettlementView lock(PremiumBillView bill) {
        jdbc.sql("insert into insurance.premium_settlement (bill_id) values (:b) on conflict (bill_id) do nothing")
                .param("b", bill.id()).update();
        jdbc.sql("select bill_id from insurance.premium_settlement where bill_id = :b for update").param("b", bill.id())
                .query(UUID.class).single();
        return find(bill);
    }

    public PremiumSettlementView find(PremiumBillView bill) {
        Currency currency = bill.premium().currency();
        return jdbc.sql("""
                select subsidy_received_at, subsidy_reference, remitted_at, remittance_reference, remitted_minor
                  from insurance.premium_settlement where bill_id = :b
                """).param("b", bill.id())
                .query((rs, n) -> new PremiumSettlementView(bill.id(), bill.governmentShare(), bill.merchantDue(),
                        instant(rs, 1), rs.getString(2), instant(rs, 3), rs.getString(4),
                        rs.getObject(5) == null ? null : new Money(rs.getLong(5), currency)))
                .optional()
                .orElse(new PremiumSettlementView(bill.id(), bill.governmentShare(), bill.merchantDue(), null, null, null,
                        null, null));
    }

    public void subsidyReceived(UUID billId, String reference, String by, Instant at) {
        jdbc.sql("""
                update insurance.premium_settlement set subsidy_received_at = :at, subsidy_received_by = :by,
                       subsidy_reference = :ref where bill_id = :b and subsidy_received_at is null
                """).param("at", Timestamp.from(at)).param("by", by).param("ref", reference).param("b", billId).update();
    }

    public void remitted(UUID billId, Money amount, String reference, String by, Instant at) {
        jdbc.sql("""
                update insurance.premium_settlement set remitted_at = :at, remitted_by = :by, remittance_reference = :ref,
                       remitted_minor = :amount where bill_id = :b and remitted_at is null
                """).param("at", Timestamp.from(at)).param("by", by).param("ref", reference)
                .param("amount", amount.amountMinor()).param("b", billId).update();
    }

    /** A DUE merchant share was taken from the payable: the line is POSTED and the bill's due falls by the share. */
    public void collected(UUID billId, UUID merchantId, Money share, Instant at) {
        int updated = jdbc.sql("""
                update insurance.premium_bill_line set merchant_status = 'POSTED', collected_at = :at
                 where bill_id = :b and merchant_id = :m and merchant_status = 'DUE'
                """).param("at", Timestamp.from(at)).param("b", billId).param("m", merchantId).update();
        if (updated != 1) {
            throw new IllegalStateException("line of merchant " + merchantId + " on bill " + billId + " is not due");
        }
        jdbc.sql("update insurance.premium_bill set merchant_due_minor = merchant_due_minor - :s where id = :b")
                .param("s", share.amountMinor()).param("b", billId).update();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
