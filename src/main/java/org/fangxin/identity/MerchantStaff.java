package org.fangxin.identity;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A merchant owner's staff accounts: the owner creates, lists, disables and re-enables MERCHANT_STAFF logins of its
 * own merchant. Staff may not manage staff (403); another merchant's staff is "not found" (404).
 */
@Service
public class MerchantStaff {

    private final Users users;
    private final UserRepository repository;
    private final AccessTokens tokens;
    private final AuditTrail audit;

    MerchantStaff(Users users, UserRepository repository, AccessTokens tokens, AuditTrail audit) {
        this.users = users;
        this.repository = repository;
        this.tokens = tokens;
        this.audit = audit;
    }

    @Transactional
    public UserAccount create(Actor actor, String username, String password, String displayName) {
        requireOwner(actor);
        return users.create(username, password, displayName, Role.MERCHANT_STAFF, actor.merchantId(), null);
    }

    public List<UserAccount> list(Actor actor) {
        requireOwner(actor);
        return repository.ofMerchant(actor.merchantId()).stream().filter(account -> account.is(Role.MERCHANT_STAFF)).toList();
    }

    /** Disables the login at once: its bearer tokens are revoked too. Disabling twice changes nothing. */
    @Transactional
    public UserAccount disable(Actor actor, UUID staffId) {
        return setEnabled(actor, staffId, false);
    }

    @Transactional
    public UserAccount enable(Actor actor, UUID staffId) {
        return setEnabled(actor, staffId, true);
    }

    private UserAccount setEnabled(Actor actor, UUID staffId, boolean enabled) {
        requireOwner(actor);
        UserAccount staff = repository.find(staffId)
                .filter(account -> account.is(Role.MERCHANT_STAFF) && actor.worksFor(account.merchantId()))
                .orElseThrow(() -> Rejection.notFound("staff account"));
        if (staff.enabled() == enabled) {
            return staff;
        }
        repository.setEnabled(staffId, enabled);
        if (!enabled) {
            tokens.revokeAll(staffId);
        }
        audit.record(enabled ? "user.enabled" : "user.disabled", "user", staffId,
                Map.of("enabled", staff.enabled()), Map.of("enabled", enabled));
        return repository.find(staffId).orElseThrow();
    }

    private static void requireOwner(Actor actor) {
        if (!actor.is(Role.MERCHANT_OWNER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only the merchant owner manages staff accounts");
        }
    }
}
