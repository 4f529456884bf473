package org.fangxin.catalog.persistence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.catalog.ContractContent;
import org.fangxin.catalog.ContractSummary;
import org.fangxin.catalog.ContractVersionView;
import org.fangxin.catalog.ProductOnSale;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductStatus;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Term;
import org.fangxin.rules.Audience;
import org.fangxin.shared.Money;
import org.springframework.dao.OptimisticLockingFailureException;
import org.fangxin.merchant.MerchantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** Products and their append-only contract versions. */
@Repository
public class ProductRepository {

    private static final String PRODUCT_COLUMNS = """
            id, merchant_id, name, description, kind, status, currency, price_minor, list_price_minor, face_value_minor,
            sessions, term_count, term_unit, store_ids::text[] as store_ids, current_version_id, version_count, created_at,
            audience""";
    private static final String VERSION_COLUMNS = """
            id, product_id, merchant_id, number, content::text as content, canonical_text, content_sha256, created_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ObjectReader contentReader;

    public ProductRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        // Money also serialises derived flags (zero, positive, negative); stored content must read back regardless.
        this.contentReader = json.readerFor(ContractContent.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Inserts a product with its first contract version (one transaction; the version check is deferred). */
    public void insert(ProductView product, ContractVersionView version, String createdBy) {
        jdbc.sql("""
                insert into catalog.product (id, merchant_id, name, description, kind, status, currency, price_minor,
                        list_price_minor, face_value_minor, sessions, term_count, term_unit, store_ids, current_version_id,
                        version_count, created_at, updated_at, audience)
                values (:id, :merchantId, :name, :description, :kind, :status, :currency, :price, :listPrice, :faceValue,
                        :sessions, :termCount, :termUnit, cast(:storeIds as uuid[]), :versionId, 1, :createdAt, :createdAt,
                        :audience)
                """)
                .param("id", product.id()).param("merchantId", product.merchantId()).param("name", product.name())
                .param("description", product.description()).param("kind", product.kind().name())
                .param("status", product.status().name()).param("currency", product.price().currency().getCurrencyCode())
                .param("price", product.price().amountMinor()).param("listPrice", product.listPrice().amountMinor())
                .param("faceValue", product.faceValue() == null ? null : product.faceValue().amountMinor())
                .param("sessions", product.sessions()).param("termCount", product.term().count())
                .param("termUnit", product.term().unit().name())
                .param("storeIds", product.storeIds().stream().map(UUID::toString).toArray(String[]::new))
                .param("versionId", version.id()).param("createdAt", Timestamp.from(product.createdAt()))
                .param("audience", product.audience().name())
                .update();
        insertVersion(version, createdBy);
    }

    public void insertVersion(ContractVersionView version, String createdBy) {
        jdbc.sql("""
                insert into catalog.contract_version (id, product_id, merchant_id, number, content, canonical_text,
                        content_sha256, created_at, created_by)
                values (:id, :productId, :merchantId, :number, cast(:content as jsonb), :text, :sha, :createdAt, :createdBy)
                """)
                .param("id", version.id()).param("productId", version.productId()).param("merchantId", version.merchantId())
                .param("number", version.number()).param("content", json.writeValueAsString(version.content()))
                .param("text", version.canonicalText()).param("sha", version.contentSha256())
                .param("createdAt", Timestamp.from(version.createdAt())).param("createdBy", createdBy)
                .update();
    }

    /** Points the product at a newly inserted version; the expected count guards against a concurrent revision. */
    public void makeCurrent(UUID productId, UUID versionId, int expectedVersionCount, Instant at) {
        int updated = jdbc.sql("""
                update catalog.product set current_version_id = :versionId, version_count = version_count + 1,
                       updated_at = :at, row_version = row_version + 1
                 where id = :id and version_count = :expected
                """)
                .param("versionId", versionId).param("at", Timestamp.from(at)).param("id", productId)
                .param("expected", expectedVersionCount).update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("product " + productId + " changed concurrently");
        }
    }

    public boolean withdraw(UUID productId, Instant at) {
        return jdbc.sql("""
                update catalog.product set status = 'WITHDRAWN', updated_at = :at, row_version = row_version + 1
                 where id = :id and status = 'ACTIVE'
                """)
                .param("at", Timestamp.from(at)).param("id", productId).update() == 1;
    }

    public Optional<ProductView> find(UUID id) {
        return jdbc.sql("select " + PRODUCT_COLUMNS + " from catalog.product where id = :id")
                .param("id", id).query(ProductRepository::toProduct).optional();
    }

    public List<ProductView> ofMerchant(UUID merchantId, int limit) {
        return jdbc.sql("select " + PRODUCT_COLUMNS + " from catalog.product where merchant_id = :merchantId order by created_at desc, id desc limit :limit")
                .param("merchantId", merchantId).param("limit", limit).query(ProductRepository::toProduct).list();
    }

    public List<ProductView> all(int limit) {
        return all(limit, MerchantScope.ALL);
    }

    /** The newest products of the merchants in {@code scope}. */
    public List<ProductView> all(int limit, MerchantScope scope) {
        return jdbc.sql("select " + PRODUCT_COLUMNS + " from catalog.product where true" + scope.and("merchant_id")
                        + " order by created_at desc, id desc limit :limit")
                .param("limit", limit).params(scope.params()).query(ProductRepository::toProduct).list();
    }

    public List<ProductView> active(int limit) {
        return jdbc.sql("select " + PRODUCT_COLUMNS + " from catalog.product where status = 'ACTIVE' order by created_at desc, id desc limit :limit")
                .param("limit", limit).query(ProductRepository::toProduct).list();
    }

    /** The product and the summary of its current contract version in one statement, without the contract's text. */
    public Optional<ProductOnSale> findOnSale(UUID id) {
        return jdbc.sql("select " + PRODUCT_COLUMNS + """
                        , v.contract_number, v.contract_sha256, v.contract_ratio_bp
                          from catalog.product p
                          join lateral (
                                select number as contract_number, content_sha256 as contract_sha256,
                                       cast(content ->> 'supervisionRatioBp' as integer) as contract_ratio_bp
                                  from catalog.contract_version where id = p.current_version_id) v on true
                         where p.id = :id
                        """)
                .param("id", id).query((rs, n) -> {
                    ProductView product = toProduct(rs, n);
                    return new ProductOnSale(product, new ContractSummary(product.currentVersionId(),
                            rs.getInt("contract_number"), rs.getString("contract_sha256"), rs.getInt("contract_ratio_bp")));
                }).optional();
    }

    public Optional<ContractVersionView> findVersion(UUID versionId) {
        return jdbc.sql("select " + VERSION_COLUMNS + " from catalog.contract_version where id = :id")
                .param("id", versionId).query(this::toVersion).optional();
    }

    public List<ContractVersionView> versions(UUID productId) {
        return jdbc.sql("select " + VERSION_COLUMNS + " from catalog.contract_version where product_id = :id order by number")
                .param("id", productId).query(this::toVersion).list();
    }

    private static ProductView toProduct(ResultSet rs, int n) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency").trim());
        long faceValue = rs.getLong("face_value_minor");
        Money face = rs.wasNull() ? null : new Money(faceValue, currency);
        int sessions = rs.getInt("sessions");
        Integer sessionCount = rs.wasNull() ? null : sessions;
        return new ProductView(rs.getObject("id", UUID.class), rs.getObject("merchant_id", UUID.class), rs.getString("name"),
                rs.getString("description"), ProductKind.valueOf(rs.getString("kind")), ProductStatus.valueOf(rs.getString("status")),
                new Money(rs.getLong("price_minor"), currency), new Money(rs.getLong("list_price_minor"), currency), face,
                sessionCount, new Term(rs.getInt("term_count"), Term.Unit.valueOf(rs.getString("term_unit"))),
                uuids(rs.getArray("store_ids")), rs.getObject("current_version_id", UUID.class), rs.getInt("version_count"),
                rs.getTimestamp("created_at").toInstant(), Audience.valueOf(rs.getString("audience")));
    }

    private ContractVersionView toVersion(ResultSet rs, int n) throws SQLException {
        return new ContractVersionView(rs.getObject("id", UUID.class), rs.getObject("product_id", UUID.class),
                rs.getObject("merchant_id", UUID.class), rs.getInt("number"),
                contentReader.readValue(rs.getString("content")), rs.getString("canonical_text"),
                rs.getString("content_sha256"), rs.getTimestamp("created_at").toInstant());
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray()).map(UUID::fromString).toList();
    }
}
