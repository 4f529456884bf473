package org.fangxin.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fangxin.rules.Audience;
import org.fangxin.shared.Money;

/** A listed product as callers may see it, pointing at its current contract version. */
public record ProductView(UUID id, UUID merchantId, String name, String description, ProductKind kind, ProductStatus status,
                          Money price, Money listPrice, Money faceValue, Integer sessions, Term term, List<UUID> storeIds,
                          UUID currentVersionId, int versionCount, Instant createdAt, Audience audience) {

    public ProductView {
        audience = Audience.orDefault(audience);
        storeIds = List.copyOf(storeIds);
    }
}
