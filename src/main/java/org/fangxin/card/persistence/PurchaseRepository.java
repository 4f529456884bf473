package org.fangxin.card.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.PurchaseStatus;
import org.fangxin.card.PurchaseView;
import org.fangxin.shared.DeferredStatements;
import org.fangxin.shared.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Purchases in schema {@code card}: from checkout to paid (then a card is issued) or failed. The checkout URL is the
 * payment order's (payment keeps it): purchases read from here carry none.
 */
@Repository
public class PurchaseRepository {

    private static final String PURCHASE_COLUMNS = """
            p.id, p.consumer_id, p.merchant_id, p.store_id, p.product_id, p.product_name, p.contract_version_id,
            p.contract_sha256, p.supervision_ratio_bp, p.amount_minor, p.currency, p.status, p.payment_order_id,
            p.created_at, p.paid_at,
            (select c.id from card.card c where c.purchase_id = p.id and c.transferred_from is null) as card_id
            """;

    private final JdbcClient jdbc;
    private final DeferredStatements deferred;

    public PurchaseRepository(JdbcClient jdbc, DeferredStatements deferred) {
        this.jdbc = jdbc;
        this.deferred = deferred;
    }

    /**
     * A new purchase; a write that answers nothing, so inside {@link DeferredStatements#sendTogether} (the order's
     * command) it goes with the command's last statements (issue 15).
     */
    public void insertPurchase(PurchaseView p) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", p.id());
        params.put("consumer", p.consumerId());
        params.put("merchant", p.merchantId());
        params.put("store", p.storeId());
        params.put("product", p.productId());
        params.put("name", p.productName());
        params.put("version", p.contractVersionId());
        params.put("sha", p.contractSha256());
        params.put("ratio", p.supervisionRatioBp());
        params.put("amount", p.amount().amountMinor());
        params.put("currency", p.amount().currency().getCurrencyCode());
        params.put("status", p.status().name());
        params.put("order", p.paymentOrderId());
        params.put("at", Timestamp.from(p.createdAt()));
        deferred.defer("""
                insert into card.purchase (id, consumer_id, merchant_id, store_id, product_id, product_name,
                    contract_version_id, contract_sha256, supervision_ratio_bp, amount_minor, currency, status,
                    payment_order_id, created_at)
                values (:id, :consumer, :merchant, :store, :product, :name, :version, :sha, :ratio, :amount, :currency,
                    :status, :order, :at)
                """, params, 1, () -> new IllegalStateException("purchase " + p.id() + " not written"));
    }

    public Optional<PurchaseView> findPurchase(UUID id) {
        return jdbc.sql("select " + PURCHASE_COLUMNS + " from card.purchase p where p.id = :id")
                .param("id", id).query(PurchaseRepository::purchase).optional();
    }

    /** Locks the purchase row, so two deliveries of one confirmation issue one card. */
    public Optional<PurchaseView> lockPurchase(UUID id) {
        return jdbc.sql("select " + PURCHASE_COLUMNS + " from card.purchase p where p.id = :id for update")
                .param("id", id).query(PurchaseRepository::purchase).optional();
    }

    /** The purchase paid as its card is issued: as {@link #markPurchase}, sent with the command's last statements. */
    public void markPaidDeferred(UUID id, Instant paidAt) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("status", PurchaseStatus.PAID.name());
        params.put("paidAt", Timestamp.from(paidAt));
        deferred.defer("update card.purchase set status = :status, paid_at = :paidAt where id = :id", params, 1,
                () -> new IllegalStateException("purchase " + id + " vanished"));
    }

    public void markPurchase(UUID id, PurchaseStatus status, Instant paidAt) {
        jdbc.sql("update card.purchase set status = :status, paid_at = :paidAt where id = :id")
                .param("id", id).param("status", status.name())
                .param("paidAt", paidAt == null ? null : Timestamp.from(paidAt)).update();
    }

    public List<PurchaseView> purchases(UUID consumerId, int limit) {
        return jdbc.sql("select " + PURCHASE_COLUMNS + """
                  from card.purchase p
                 where (cast(:consumer as uuid) is null or p.consumer_id = :consumer)
                 order by p.created_at desc, p.id desc limit :limit
                """)
                .param("consumer", consumerId).param("limit", limit).query(PurchaseRepository::purchase).list();
    }

    static PurchaseView purchase(ResultSet rs, int n) throws SQLException {
        Timestamp paid = rs.getTimestamp("paid_at");
        return new PurchaseView(rs.getObject("id", UUID.class), rs.getObject("consumer_id", UUID.class),
                rs.getObject("merchant_id", UUID.class), rs.getObject("store_id", UUID.class),
                rs.getObject("product_id", UUID.class), rs.getString("product_name"),
                rs.getObject("contract_version_id", UUID.class), rs.getString("contract_sha256"),
                rs.getInt("supervision_ratio_bp"),
                new Money(rs.getLong("amount_minor"), Currency.getInstance(rs.getString("currency"))),
                PurchaseStatus.valueOf(rs.getString("status")), rs.getObject("payment_order_id", UUID.class),
                null, rs.getTimestamp("created_at").toInstant(),
                paid == null ? null : paid.toInstant(), rs.getObject("card_id", UUID.class));
    }
}
