package org.fangxin.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.RegionCode;
import org.fangxin.shared.Rejection;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and finds user accounts. Passwords are stored only as adaptive hashes. */
@Service
public class Users {

    public static final ProblemType USERNAME_TAKEN = new ProblemType("username-taken", 409);
    public static final ProblemType LOGIN_LOCKED = new ProblemType("login-locked", 429);
    public static final ProblemType REAL_NAME_ALREADY_VERIFIED = new ProblemType("real-name-already-verified", 409);
    public static final ProblemType REAL_NAME_TAKEN = new ProblemType("real-name-taken", 409);
    private static final Pattern FULL_NAME = Pattern.compile("[\\p{L}\\p{M}·・. '-]{2,40}");
    /** Roles an operator may create directly (merchant roles come with merchant onboarding, consumers sign up). */
    static final Set<Role> PLATFORM_ROLES = EnumSet.of(Role.OPERATOR, Role.BANK, Role.INSURER, Role.REGULATOR, Role.ASSOCIATION,
            Role.DATA_PROVIDER);
    /** Sectors a regulator may be limited to (as in merchant's Sector); none means market supervision of all sectors. */
    static final Set<String> SECTORS = Set.of("EDUCATION", "SPORTS_FITNESS", "BEAUTY", "CATERING", "RETAIL", "OTHER_SERVICES");
    private static final String ID_NUMBER_PURPOSE = "identity.resident-id";
    static final int PASSWORD_LENGTH_MIN = 8;
    static final int PASSWORD_LENGTH_MAX = 128;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

    private final UserRepository repository;
    private final PasswordEncoder passwords;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditTrail audit;
    private final LoginThrottle throttle;
    private final Secrets secrets;
    private final Consents consents;
    private final SecureRandom random = new SecureRandom();

    Users(UserRepository repository, PasswordEncoder passwords, IdGenerator ids, Clock clock, AuditTrail audit,
          LoginThrottle throttle, Secrets secrets, Consents consents) {
        this.secrets = secrets;
        this.consents = consents;
        this.repository = repository;
        this.passwords = passwords;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.throttle = throttle;
    }

    /** A new account with a password; merchant roles need the merchant, regulators may name a sector. */
    @Transactional
    public UserAccount create(String username, String password, String displayName, Role role, UUID merchantId, String sector) {
        return create(username, password, displayName, role, merchantId, sector, null);
    }

    /**
     * A new account with a password; a regulator or consumer association may be limited to a region (a GB/T 2260
     * code: a province, city or district, with everything below it).
     */
    @Transactional
    public UserAccount create(String username, String password, String displayName, Role role, UUID merchantId, String sector,
                              String regionCode) {
        String name = username == null ? "" : username.trim().toLowerCase();
        if (!USERNAME.matcher(name).matches()) {
            throw Rejection.invalid("username", "username must be 3 to 64 characters: lowercase letters, digits, '.', '_' or '-'");
        }
        checkPassword(password);
        if (role.isMerchantSide() && merchantId == null) {
            throw Rejection.invalid("merchantId", "merchant staff must belong to a merchant");
        }
        if (regionCode != null && (role != Role.REGULATOR && role != Role.ASSOCIATION || !RegionCode.isValid(regionCode))) {
            throw Rejection.invalid("regionCode", "only a regulator or consumer association has a region: a 6-digit GB/T 2260 code");
        }
        if (repository.findByUsername(name).isPresent()) {
            throw new Rejection(USERNAME_TAKEN, "username '" + name + "' is taken", Map.of("field", "username"));
        }
        UserAccount account = new UserAccount(ids.next(), name, displayName == null || displayName.isBlank() ? name : displayName.trim(),
                role, role.isMerchantSide() ? merchantId : null, sector, null, true, clock.instant(), regionCode);
        repository.insert(account, passwords.encode(password));
        audit.record("user.created", "user", account.id(), null, regionCode == null
                ? Map.of("username", name, "role", role.name())
                : Map.of("username", name, "role", role.name(), "regionCode", regionCode));
        return account;
    }

    /** An operator creates a platform account: operator, bank, insurer, regulator (optionally of one sector) or association. */
    @Transactional
    public UserAccount createPlatformUser(Actor actor, String username, String password, String displayName, Role role,
                                          String sector) {
        return createPlatformUser(actor, username, password, displayName, role, sector, null);
    }

    /** As above, with the region a regulator or consumer association is limited to (null: nationwide). */
    @Transactional
    public UserAccount createPlatformUser(Actor actor, String username, String password, String displayName, Role role,
                                          String sector, String regionCode) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators create platform accounts");
        }
        if (role == null || !PLATFORM_ROLES.contains(role)) {
            throw Rejection.invalid("role", "the role must be one of " + PLATFORM_ROLES);
        }
        String sectorName = sector == null || sector.isBlank() ? null : sector.trim();
        if (sectorName != null && (role != Role.REGULATOR || !SECTORS.contains(sectorName))) {
            throw Rejection.invalid("sector", "only a regulator has a sector, one of " + new TreeSet<>(SECTORS));
        }
        String region = regionCode == null || regionCode.isBlank() ? null : regionCode.trim();
        return create(username, password, displayName, role, null, sectorName, region);
    }

    public Optional<UserAccount> find(UUID id) {
        return repository.find(id);
    }

    /** For {@link AccessTokens}: the account behind a live token, read with the token in one statement. */
    Optional<UserAccount> findByLiveToken(String tokenSha256, java.time.Instant now) {
        return repository.findByLiveToken(tokenSha256, now);
    }

    public Optional<UserAccount> findByUsername(String username) {
        return username == null ? Optional.empty() : repository.findByUsername(username.trim().toLowerCase());
    }

    /** The accounts of one merchant: its owner and staff. */
    public List<UserAccount> ofMerchant(UUID merchantId) {
        return repository.ofMerchant(merchantId);
    }

    /** The enabled accounts of one role (at most 500), e.g. for a module telling a role's people that work is waiting. */
    public List<UserAccount> withRole(Role role) {
        return repository.withRole(role, 500).stream().filter(UserAccount::enabled).toList();
    }

    /**
     * Checks a password login; empty when the user is unknown, disabled or the password is wrong.
     *
     * @throws Rejection {@link #LOGIN_LOCKED} while the username is locked after too many failures
     */
    public Optional<UserAccount> authenticate(String username, String password) {
        if (username == null || password == null || username.isBlank() || username.length() > 64
                || password.length() > PASSWORD_LENGTH_MAX) {
            return Optional.empty();
        }
        String name = username.trim().toLowerCase();
        throttle.lockedUntil(name).ifPresent(until -> {
            throw new Rejection(LOGIN_LOCKED, "too many failed logins: this username is locked until " + until,
                    Map.of("lockedUntil", until.toString()));
        });
        Optional<UserAccount> account = repository.findCredentials(name)
                .filter(credentials -> credentials.account().enabled())
                .filter(credentials -> credentials.passwordHash() != null && passwords.matches(password, credentials.passwordHash()))
                .map(UserRepository.Credentials::account);
        if (account.isPresent()) {
            throttle.succeeded(name);
        } else {
            throttle.failed(name);
        }
        return account;
    }

    /** The accounts of one role, newest first (at most 500); operators only. */
    public List<UserAccount> list(Actor actor, Role role) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators list accounts");
        }
        return repository.withRole(role, 500);
    }

    public Optional<UserAccount> findByMobile(String mobile) {
        return mobile == null ? Optional.empty() : repository.findByMobile(mobile);
    }

    /**
     * A consumer account for a mobile number proven by a one-time code, with the person's consent to the rules; it has
     * no password. The username does not contain the number (it ends up in lists and the audit trail): {@code u} and
     * ten random characters; the display name shows only the last four digits.
     */
    UserAccount signUpConsumer(String mobile) {
        String name;
        do {
            name = "u" + randomName(10);
        } while (repository.findByUsername(name).isPresent());
        Instant now = clock.instant();
        UserAccount account = new UserAccount(ids.next(), name, "用户" + mobile.substring(mobile.length() - 4), Role.CONSUMER,
                null, null, mobile, true, now);
        repository.insert(account, null);
        consents.give(account.id(), Consents.Purpose.ACCOUNT, now);
        audit.record("user.signed-up", "user", account.id(), null,
                Map.of("username", name, "role", Role.CONSUMER.name(), "mobile", Mobiles.mask(mobile),
                        "consent", "ACCOUNT " + consents.policyVersion()));
        return account;
    }

    private String randomName(int length) {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return name.toString();
    }

    /**
     * Records the consumer's real name after checking the resident ID number (format, birth date, check character).
     * The number is kept only masked and as an HMAC; one number verifies one account. Only with the separate consent
     * the law asks for sensitive personal data (PIPL art. 29): without it nothing is checked or stored.
     */
    @Transactional
    public RealNameView verifyRealName(Actor actor, String fullName, String idNumber, boolean consent) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only consumers verify a real name");
        }
        if (!consent) {
            throw new Rejection(OneTimeCodes.CONSENT_REQUIRED, "real-name verification processes your ID number: accept the rules first",
                    Map.of("field", "consent", "policyVersion", consents.policyVersion()));
        }
        String name = fullName == null ? "" : fullName.trim();
        if (!FULL_NAME.matcher(name).matches()) {
            throw Rejection.invalid("fullName", "the name must be 2 to 40 letters");
        }
        String number = ResidentIdNumbers.normalise(idNumber);
        ResidentIdNumbers.problem(number, LocalDate.now(clock)).ifPresent(problem -> {
            throw Rejection.invalid("idNumber", problem);
        });
        if (repository.findRealName(actor.userId()).isPresent()) {
            throw new Rejection(REAL_NAME_ALREADY_VERIFIED, "your real name is already verified");
        }
        String hmac = secrets.hmac(ID_NUMBER_PURPOSE, number);
        if (repository.realNameHmacTaken(hmac)) {
            throw new Rejection(REAL_NAME_TAKEN, "this resident ID number already verifies another account",
                    Map.of("field", "idNumber"));
        }
        RealNameView view = new RealNameView(name, ResidentIdNumbers.mask(number), clock.instant());
        repository.insertRealName(actor.userId(), view, hmac);
        consents.give(actor.userId(), Consents.Purpose.REAL_NAME, view.verifiedAt());
        audit.record("user.real-name-verified", "user", actor.userId(), null,
                Map.of("idNumberMasked", view.idNumberMasked()));
        return view;
    }

    public Optional<RealNameView> realName(UUID userId) {
        return repository.findRealName(userId);
    }

    /** True when the user has verified a real name (required, for example, for a single purchase of 10,000 yuan or more). */
    public boolean isRealNameVerified(UUID userId) {
        return repository.findRealName(userId).isPresent();
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < PASSWORD_LENGTH_MIN || password.length() > PASSWORD_LENGTH_MAX) {
            throw Rejection.invalid("password", "password must be " + PASSWORD_LENGTH_MIN + " to " + PASSWORD_LENGTH_MAX + " characters");
        }
    }
}
