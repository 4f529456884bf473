package org.fangxin.identity;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.shared.RegionCode;

/**
 * The authenticated caller of a command. {@code merchantId} is set for merchant owners and staff; {@code sector} for
 * a sector regulator (null means market supervision over all sectors); {@code regionCode} (GB/T 2260) for a regulator
 * or consumer association of one province, city or district (null means nationwide). Modules check ownership against
 * it, and filter every read of a regulator or association by {@link #withinScope}.
 */
public record Actor(UUID userId, String username, Role role, UUID merchantId, String sector, String regionCode) {

    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        if (role.isMerchantSide() && merchantId == null) {
            throw new IllegalArgumentException("merchant staff must belong to a merchant");
        }
        if (regionCode != null && !RegionCode.isValid(regionCode)) {
            throw new IllegalArgumentException("not a region code: " + regionCode);
        }
    }

    /** A nationwide caller (no region scope). */
    public Actor(UUID userId, String username, Role role, UUID merchantId, String sector) {
        this(userId, username, role, merchantId, sector, null);
    }

    /** True for a regulator or consumer association limited to a region or a sector. */
    public boolean scoped() {
        return is(Role.REGULATOR, Role.ASSOCIATION) && (regionCode != null || sector != null);
    }

    /**
     * Whether a merchant of this region and sector (a {@code Sector} name) lies within the caller's scope: always for
     * an unscoped caller; for a scoped regulator or association, when the region lies within its region and the
     * sector is its sector (if it has one).
     */
    public boolean withinScope(String merchantRegionCode, String merchantSector) {
        if (!scoped()) {
            return true;
        }
        return RegionCode.within(merchantRegionCode, regionCode) && (sector == null || sector.equals(merchantSector));
    }

    public boolean is(Role... roles) {
        for (Role candidate : roles) {
            if (role == candidate) {
                return true;
            }
        }
        return false;
    }

    /** True when the actor works for this merchant (owner or staff). */
    public boolean worksFor(UUID merchant) {
        return role.isMerchantSide() && merchantId.equals(merchant);
    }

    public Optional<UUID> merchant() {
        return Optional.ofNullable(merchantId);
    }

    /** The idempotency-key scope of this caller. */
    public String scope() {
        return "user:" + userId;
    }
}
