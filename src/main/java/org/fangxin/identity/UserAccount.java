package org.fangxin.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * A login of the platform as other modules may see it (never with its password hash). {@code sector} and
 * {@code regionCode} limit a regulator (and the region a consumer association); null means all.
 */
public record UserAccount(UUID id, String username, String displayName, Role role, UUID merchantId, String sector,
                          String mobile, boolean enabled, Instant createdAt, String regionCode) {

    /** An account without a region scope. */
    public UserAccount(UUID id, String username, String displayName, Role role, UUID merchantId, String sector,
                       String mobile, boolean enabled, Instant createdAt) {
        this(id, username, displayName, role, merchantId, sector, mobile, enabled, createdAt, null);
    }

    public boolean is(Role... roles) {
        for (Role candidate : roles) {
            if (role == candidate) {
                return true;
            }
        }
        return false;
    }

    public Actor actor() {
        return new Actor(id, username, role, merchantId, sector, regionCode);
    }
}
