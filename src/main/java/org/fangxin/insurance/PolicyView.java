package org.fangxin.insurance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A policy: a product bound to a scope for a period, with who pays the premium in what shares. */
public record PolicyView(UUID id, String policyNumber, UUID productId, String productName, UUID insurerId,
                         String insurerName, PolicyScope scope, List<UUID> merchantIds, String regionCode,
                         String policyholder, LocalDate startsOn, LocalDate endsOn, CostSharing costSharing,
                         Instant createdAt) {

    public PolicyView {
        merchantIds = List.copyOf(merchantIds);
    }

    public boolean activeOn(LocalDate date) {
        return !date.isBefore(startsOn) && !date.isAfter(endsOn);
    }
}
