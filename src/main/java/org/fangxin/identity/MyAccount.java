package org.fangxin.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangxin.shared.AuditQuery;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A consumer's rights over their personal data: a copy of everything the platform keeps about them (account,
 * consents, real name as stored, every module's section, the audit entries about them), and closing the account:
 * the identity is anonymised (no username, name, mobile number, ID number or password remain) while the ledger and
 * the audit trail keep their entries under the account's id, as accounting and supervision require.
 */
@Service
public class MyAccount {

    public static final ProblemType HAS_OPEN_CARDS = new ProblemType("account-has-open-cards", 409);
    static final int AUDIT_ENTRIES_MAX = 1_000;

    private final UserRepository users;
    private final Consents consents;
    private final ObjectProvider<PersonalDataSection> sections;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    MyAccount(UserRepository users, Consents consents, ObjectProvider<PersonalDataSection> sections, AuditTrail audit,
              JdbcClient jdbc, Clock clock) {
        this.users = users;
        this.consents = consents;
        this.sections = sections;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Everything kept about the calling consumer, as one document. */
    @Transactional(readOnly = true)
    public Map<String, Object> export(Actor actor) {
        UserAccount account = consumer(actor);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("exportedAt", clock.instant());
        data.put("account", Map.of("id", account.id(), "username", account.username(), "displayName", account.displayName(),
                "mobile", account.mobile() == null ? "" : account.mobile(), "createdAt", account.createdAt()));
        data.put("realName", users.findRealName(account.id()).orElse(null));
        data.put("consents", consents.of(account.id()));
        sections.orderedStream().forEach(section -> data.put(section.name(), section.export(actor)));
        List<AuditTrail.Entry> about = new ArrayList<>(audit.search(
                new AuditQuery(null, null, "user", account.id().toString(), null, null, null), 0, AuditTrail.PAGE_SIZE_MAX));
        about.addAll(audit.search(new AuditQuery(account.username(), null, null, null, null, null, null), 0, AuditTrail.PAGE_SIZE_MAX));
        data.put("auditTrail", about.stream().limit(AUDIT_ENTRIES_MAX).toList());
        return data;
    }

    /**
     * Closes the calling consumer's account: refused while a card has value left or a refund is under way (the
     * money would have no one to go to); otherwise the identity is anonymised in one transaction.
     */
    @Transactional
    public void close(Actor actor) {
        UserAccount account = consumer(actor);
        List<String> blockers = sections.orderedStream().flatMap(section -> section.closureBlocker(actor).stream()).toList();
        if (!blockers.isEmpty()) {
            throw new Rejection(HAS_OPEN_CARDS, "the account still has " + String.join(", ", blockers)
                    + ": refund or transfer the cards and let refunds finish first", Map.of("blockers", blockers));
        }
        Instant now = clock.instant();
        String anonymous = "closed-" + account.id().toString().substring(0, 8) + "-" + account.id().toString().substring(24);
        jdbc.sql("""
                update identity.user_account
                   set username = :name, display_name = '已注销用户', mobile = null, password_hash = null,
                       enabled = false, closed_at = :now
                 where id = :id
                """).param("name", anonymous).param("now", Timestamp.from(now)).param("id", account.id()).update();
        jdbc.sql("delete from identity.real_name where user_id = :id").param("id", account.id()).update();
        jdbc.sql("update identity.access_token set revoked_at = :now where user_id = :id and revoked_at is null")
                .param("now", Timestamp.from(now)).param("id", account.id()).update();
        if (account.mobile() != null) {
            jdbc.sql("delete from identity.otp_challenge where mobile = :m").param("m", account.mobile()).update();
            jdbc.sql("delete from identity.sms_outbox where mobile = :m").param("m", account.mobile()).update();
        }
        consents.withdrawAll(account.id(), now);
        audit.record("user.closed", "user", account.id(), null, Map.of("username", anonymous));
    }

    private UserAccount consumer(Actor actor) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only consumers download their data or close their account here");
        }
        return users.find(actor.userId()).filter(UserAccount::enabled).orElseThrow(() -> Rejection.notFound("account"));
    }
}
