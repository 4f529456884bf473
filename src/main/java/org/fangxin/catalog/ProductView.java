package org.fangxin.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fangxin.rules.Audience;
import org.fangxin.shared.Money;

/**
 * A listed product as callers may see it, pointing at its current contract version; {@code merchantStanding} (the
 * merchant's risk tier and badge) is filled where consumers choose products, null elsewhere or when not rated.
 */
public record ProductView(UUID id, UUID merchantId, String name, String description, ProductKind kind, ProductStatus status,
                          Money price, Money listPrice, Money faceValue, Integer sessions, Term term, List<UUID> storeIds,
                          UUID currentVersionId, int versionCount, Instant createdAt, Audience audience,
                          MerchantStanding merchantStanding) {

    public ProductView {
        audience = Audience.orDefault(audience);
        storeIds = List.copyOf(storeIds);
    }

    /** A product without its merchant's standing (kept for callers written before standings existed). */
    public ProductView(UUID id, UUID merchantId, String name, String description, ProductKind kind, ProductStatus status,
                       Money price, Money listPrice, Money faceValue, Integer sessions, Term term, List<UUID> storeIds,
                       UUID currentVersionId, int versionCount, Instant createdAt, Audience audience) {
        this(id, merchantId, name, description, kind, status, price, listPrice, faceValue, sessions, term, storeIds,
                currentVersionId, versionCount, createdAt, audience, null);
    }

    /** The same product showing its merchant's standing. */
    public ProductView withStanding(MerchantStanding standing) {
        return new ProductView(id, merchantId, name, description, kind, status, price, listPrice, faceValue, sessions, term,
                storeIds, currentVersionId, versionCount, createdAt, audience, standing);
    }
}
