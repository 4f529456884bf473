package org.fangxin.identity;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and finds user accounts. Passwords are stored only as adaptive hashes. */
@Service
public class Users {

    public static final ProblemType USERNAME_TAKEN = new ProblemType("username-taken", 409);
    static final int PASSWORD_LENGTH_MIN = 8;
    static final int PASSWORD_LENGTH_MAX = 128;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

    private final UserRepository repository;
    private final PasswordEncoder passwords;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditTrail audit;

    Users(UserRepository repository, PasswordEncoder passwords, IdGenerator ids, Clock clock, AuditTrail audit) {
        this.repository = repository;
        this.passwords = passwords;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    /** A new account with a password; merchant roles need the merchant, regulators may name a sector. */
    @Transactional
    public UserAccount create(String username, String password, String displayName, Role role, UUID merchantId, String sector) {
        String name = username == null ? "" : username.trim().toLowerCase();
        if (!USERNAME.matcher(name).matches()) {
            throw Rejection.invalid("username", "username must be 3 to 64 characters: lowercase letters, digits, '.', '_' or '-'");
        }
        checkPassword(password);
        if (role.isMerchantSide() && merchantId == null) {
            throw Rejection.invalid("merchantId", "merchant staff must belong to a merchant");
        }
        if (repository.findByUsername(name).isPresent()) {
            throw new Rejection(USERNAME_TAKEN, "username '" + name + "' is taken", Map.of("field", "username"));
        }
        UserAccount account = new UserAccount(ids.next(), name, displayName == null || displayName.isBlank() ? name : displayName.trim(),
                role, role.isMerchantSide() ? merchantId : null, sector, null, true, clock.instant());
        repository.insert(account, passwords.encode(password));
        audit.record("user.created", "user", account.id(), null, Map.of("username", name, "role", role.name()));
        return account;
    }

    public Optional<UserAccount> find(UUID id) {
        return repository.find(id);
    }

    public Optional<UserAccount> findByUsername(String username) {
        return username == null ? Optional.empty() : repository.findByUsername(username.trim().toLowerCase());
    }

    /** The accounts of one merchant: its owner and staff. */
    public List<UserAccount> ofMerchant(UUID merchantId) {
        return repository.ofMerchant(merchantId);
    }

    /** Checks a password login; empty when the user is unknown, disabled or the password is wrong. */
    public Optional<UserAccount> authenticate(String username, String password) {
        if (username == null || password == null || password.length() > PASSWORD_LENGTH_MAX) {
            return Optional.empty();
        }
        return repository.findCredentials(username.trim().toLowerCase())
                .filter(credentials -> credentials.account().enabled())
                .filter(credentials -> credentials.passwordHash() != null && passwords.matches(password, credentials.passwordHash()))
                .map(UserRepository.Credentials::account);
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < PASSWORD_LENGTH_MIN || password.length() > PASSWORD_LENGTH_MAX) {
            throw Rejection.invalid("password", "password must be " + PASSWORD_LENGTH_MIN + " to " + PASSWORD_LENGTH_MAX + " characters");
        }
    }
}
