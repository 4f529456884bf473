package org.fangxin.identity;

import java.time.Instant;
import java.util.UUID;

/** A login of the platform as other modules may see it (never with its password hash). */
public record UserAccount(UUID id, String username, String displayName, Role role, UUID merchantId, String sector,
                          String mobile, boolean enabled, Instant createdAt) {

    public boolean is(Role... roles) {
        for (Role candidate : roles) {
            if (role == candidate) {
                return true;
            }
        }
        return false;
    }

    public Actor actor() {
        return new Actor(id, username, role, merchantId, sector);
    }
}
