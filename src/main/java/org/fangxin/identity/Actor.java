package org.fangxin.identity;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The authenticated caller of a command. {@code merchantId} is set for merchant owners and staff; {@code sector} for
 * a sector regulator (null means market supervision over all sectors). Modules check ownership against it.
 */
public record Actor(UUID userId, String username, Role role, UUID merchantId, String sector) {

    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        if (role.isMerchantSide() && merchantId == null) {
            throw new IllegalArgumentException("merchant staff must belong to a merchant");
        }
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
