package org.fangxin.identity;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumer sign-up and login by mobile number and a 6-digit code sent by SMS. Only an HMAC of each code is stored;
 * a code lives {@code ttl}, allows {@code attempts-max} guesses and dies when used or when a newer code is sent.
 * Sending is throttled per number ({@code resend-interval}, {@code per-hour-max}) to limit cost and guessing.
 */
@Service
public class OneTimeCodes {

    public static final ProblemType THROTTLED = new ProblemType("otp-throttled", 429);
    public static final ProblemType CODE_WRONG = new ProblemType("otp-invalid", 401);
    public static final ProblemType CODE_DEAD = new ProblemType("otp-expired", 401);
    public static final ProblemType ACCOUNT_DISABLED = new ProblemType("account-disabled", 403);
    /** A first login creates an account: only with the person's consent to the personal-information rules. */
    public static final ProblemType CONSENT_REQUIRED = new ProblemType("consent-required", 400);
    private static final Pattern CODE = Pattern.compile("\\d{6}");
    private static final String PURPOSE = "identity.otp";

    private final JdbcClient jdbc;
    private final Users users;
    private final SmsSender sms;
    private final Secrets secrets;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Consents consents;
    private final Duration ttl;
    private final int attemptsMax;
    private final Duration resendInterval;
    private final int perHourMax;
    private final SecureRandom random = new SecureRandom();

    OneTimeCodes(JdbcClient jdbc, Users users, SmsSender sms, Secrets secrets, IdGenerator ids, Clock clock,
                 AuditTrail audit, TransactionTemplate transactions, Consents consents,
                 @Value("${fangxin.identity.otp.ttl:PT5M}") Duration ttl,
                 @Value("${fangxin.identity.otp.attempts-max:5}") int attemptsMax,
                 @Value("${fangxin.identity.otp.resend-interval:PT60S}") Duration resendInterval,
                 @Value("${fangxin.identity.otp.per-hour-max:5}") int perHourMax) {
        this.jdbc = jdbc;
        this.users = users;
        this.sms = sms;
        this.secrets = secrets;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.transactions = transactions;
        this.consents = consents;
        this.ttl = ttl;
        this.attemptsMax = attemptsMax;
        this.resendInterval = resendInterval;
        this.perHourMax = perHourMax;
    }

    /** What the caller learns after a code was sent (never the code). */
    public record CodeSent(String mobileMasked, long expiresInSeconds, long resendAfterSeconds) { }

    /** A successful verification: the consumer's account, {@code created} on first login. */
    public record Verified(UserAccount account, boolean created) { }

    /** Sends a fresh code to {@code mobile}; earlier codes of that number die. */
    @Transactional
    public CodeSent send(String mobile) {
        String number = checkMobile(mobile);
        Instant now = clock.instant();
        lock(number);
        Optional<Instant> last = jdbc.sql("select max(created_at) from identity.otp_challenge where mobile = :mobile")
                .param("mobile", number).query(Timestamp.class).optional().map(Timestamp::toInstant);
        if (last.isPresent() && last.get().plus(resendInterval).isAfter(now)) {
            long wait = Duration.between(now, last.get().plus(resendInterval)).toSeconds() + 1;
            throw new Rejection(THROTTLED, "a code was sent moments ago: wait " + wait + " s before asking again",
                    Map.of("retryAfterSeconds", wait));
        }
        long lastHour = jdbc.sql("select count(*) from identity.otp_challenge where mobile = :mobile and created_at > :since")
                .param("mobile", number).param("since", Timestamp.from(now.minus(Duration.ofHours(1))))
                .query(Long.class).single();
        if (lastHour >= perHourMax) {
            throw new Rejection(THROTTLED, "at most " + perHourMax + " codes per hour may be sent to one number",
                    Map.of("retryAfterSeconds", Duration.ofHours(1).toSeconds()));
        }
        jdbc.sql("""
                update identity.otp_challenge set closed_at = :now, closed_why = 'SUPERSEDED'
                 where mobile = :mobile and closed_at is null
                """)
                .param("now", Timestamp.from(now)).param("mobile", number).update();
        UUID id = ids.next();
        String code = String.format("%06d", random.nextInt(1_000_000));
        jdbc.sql("""
                insert into identity.otp_challenge (id, mobile, code_hmac, created_at, expires_at)
                values (:id, :mobile, :hmac, :now, :expires)
                """)
                .param("id", id).param("mobile", number).param("hmac", secrets.hmac(PURPOSE, id + ":" + code))
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(now.plus(ttl)))
                .update();
        sms.send(number, "【放心 Fangxin】验证码 " + code + "，" + ttl.toMinutes() + " 分钟内有效，请勿告诉他人。"
                + " Your login code is " + code + ", valid for " + ttl.toMinutes() + " minutes.");
        audit.record("otp.sent", "otp", id, null, Map.of("mobile", Mobiles.mask(number), "expiresAt", now.plus(ttl).toString()));
        return new CodeSent(Mobiles.mask(number), ttl.toSeconds(), resendInterval.toSeconds());
    }

    /**
     * Checks a code; on success the code dies and the consumer's account is returned (created on first login).
     * A wrong guess is counted even though the call is refused, so the count commits separately.
     */
    public Verified verify(String mobile, String code) {
        return verify(mobile, code, false);
    }

    /**
     * As {@link #verify(String, String)}; a number without an account gets one only when {@code consent} is true
     * (else {@link #CONSENT_REQUIRED}, and the code stays valid for the retry with consent).
     */
    public Verified verify(String mobile, String code, boolean consent) {
        String number = checkMobile(mobile);
        if (code == null || !CODE.matcher(code.trim()).matches()) {
            throw Rejection.invalid("code", "the code is 6 digits");
        }
        Outcome outcome = transactions.execute(status -> check(number, code.trim(), consent));
        if (outcome instanceof Outcome.Passed passed) {
            return passed.verified();
        }
        if (outcome instanceof Outcome.Wrong wrong) {
            throw new Rejection(CODE_WRONG, wrong.attemptsLeft() > 0
                    ? "wrong code; " + wrong.attemptsLeft() + " attempts left"
                    : "wrong code; this code is now invalid, ask for a new one", Map.of("attemptsLeft", wrong.attemptsLeft()));
        }
        if (outcome instanceof Outcome.Disabled) {
            throw new Rejection(ACCOUNT_DISABLED, "this account may not log in by code");
        }
        if (outcome instanceof Outcome.NoConsent) {
            throw new Rejection(CONSENT_REQUIRED, "a first login creates an account: accept the personal-information rules",
                    Map.of("field", "consent", "policyVersion", consents.policyVersion()));
        }
        throw new Rejection(CODE_DEAD, "no valid code for this number: ask for a new one");
    }

    private sealed interface Outcome {
        record Passed(Verified verified) implements Outcome { }
        record Wrong(int attemptsLeft) implements Outcome { }
        record Dead() implements Outcome { }
        record Disabled() implements Outcome { }
        record NoConsent() implements Outcome { }
    }

    private record Challenge(UUID id, String codeHmac, Instant expiresAt, int attempts) { }

    private Outcome check(String number, String code, boolean consent) {
        Instant now = clock.instant();
        lock(number);
        Optional<Challenge> live = jdbc.sql("""
                select id, code_hmac, expires_at, attempts from identity.otp_challenge
                 where mobile = :mobile and closed_at is null
                 order by created_at desc limit 1
                """)
                .param("mobile", number)
                .query((rs, n) -> new Challenge(rs.getObject("id", UUID.class), rs.getString("code_hmac"),
                        rs.getTimestamp("expires_at").toInstant(), rs.getInt("attempts")))
                .optional();
        if (live.isEmpty() || !live.get().expiresAt().isAfter(now) || live.get().attempts() >= attemptsMax) {
            return new Outcome.Dead();
        }
        Challenge challenge = live.get();
        if (!Secrets.same(challenge.codeHmac(), secrets.hmac(PURPOSE, challenge.id() + ":" + code))) {
            int attempts = challenge.attempts() + 1;
            boolean spent = attempts >= attemptsMax;
            jdbc.sql("""
                    update identity.otp_challenge set attempts = :attempts,
                           closed_at = case when :spent then cast(:now as timestamptz) end,
                           closed_why = case when :spent then 'ATTEMPTS' end
                     where id = :id
                    """)
                    .param("attempts", attempts).param("spent", spent).param("now", Timestamp.from(now))
                    .param("id", challenge.id()).update();
            if (spent) {
                audit.record("otp.exhausted", "otp", challenge.id(), null, Map.of("attempts", attempts));
            }
            return new Outcome.Wrong(attemptsMax - attempts);
        }
        Optional<UserAccount> existing = users.findByMobile(number);
        if (existing.isPresent() && (!existing.get().enabled() || existing.get().role() != Role.CONSUMER)) {
            // Only consumers log in by code; other accounts keep their password (and API keys).
            return new Outcome.Disabled();
        }
        if (existing.isEmpty() && !consent) {
            return new Outcome.NoConsent();  // nothing written: the same code works for the retry with consent
        }
        jdbc.sql("update identity.otp_challenge set closed_at = :now, closed_why = 'USED' where id = :id")
                .param("now", Timestamp.from(now)).param("id", challenge.id()).update();
        audit.record("otp.used", "otp", challenge.id(), null, Map.of("mobile", Mobiles.mask(number)));
        return existing.<Outcome>map(account -> new Outcome.Passed(new Verified(account, false)))
                .orElseGet(() -> new Outcome.Passed(new Verified(users.signUpConsumer(number), true)));
    }

    /** Serialises sends and checks for one number, so parallel requests cannot slip past the limits. */
    private void lock(String number) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('identity.otp:' || :mobile))").param("mobile", number)
                .query((rs, n) -> 1).single();
    }

    private static String checkMobile(String mobile) {
        String number = mobile == null ? "" : mobile.trim();
        if (!Mobiles.valid(number)) {
            throw Rejection.invalid("mobile", "a mainland mobile number has 11 digits and starts with 13 to 19");
        }
        return number;
    }
}
