package org.fangxin.testing;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;

/** Creates uniquely named users with a known password, so tests can log in as any role. */
public class TestUsers {

    public static final String PASSWORD = "test-password-1";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final Users users;

    TestUsers(Users users) {
        this.users = users;
    }

    public UserAccount create(Role role) {
        return create(role, null, null);
    }

    public UserAccount create(Role role, UUID merchantId, String sector) {
        String username = role.name().toLowerCase().replace('_', '-') + "-" + SEQUENCE.incrementAndGet();
        return users.create(username, PASSWORD, username, role, merchantId, sector);
    }

    /** A regulator (or consumer association) limited to a region (GB/T 2260 code) and optionally a sector. */
    public UserAccount create(Role role, UUID merchantId, String sector, String regionCode) {
        String username = role.name().toLowerCase().replace('_', '-') + "-" + SEQUENCE.incrementAndGet();
        return users.create(username, PASSWORD, username, role, merchantId, sector, regionCode);
    }

    public UserAccount merchantOwner(UUID merchantId) {
        return create(Role.MERCHANT_OWNER, merchantId, null);
    }
}
