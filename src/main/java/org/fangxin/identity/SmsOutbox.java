package org.fangxin.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo SMS adapter: stores each message in {@code identity.sms_outbox} instead of handing it to a carrier, so the
 * demo works offline. Only operators may read the outbox (it holds live login codes).
 */
@Service
public class SmsOutbox implements SmsSender {

    public static final int PAGE_SIZE_MAX = 200;

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;

    SmsOutbox(JdbcClient jdbc, IdGenerator ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    public record SmsMessage(UUID id, String mobile, String body, Instant createdAt) { }

    @Override
    @Transactional
    public void send(String mobile, String text) {
        jdbc.sql("insert into identity.sms_outbox (id, mobile, body, created_at) values (:id, :mobile, :body, :at)")
                .param("id", ids.next()).param("mobile", mobile).param("body", text)
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    /** The newest messages, optionally to one number; operators only, who see the numbers masked. */
    public List<SmsMessage> recent(Actor actor, String mobile, int limit) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators may read the SMS outbox");
        }
        return recent(mobile, limit).stream()
                .map(m -> new SmsMessage(m.id(), Mobiles.mask(m.mobile()), m.body(), m.createdAt())).toList();
    }

    List<SmsMessage> recent(String mobile, int limit) {
        return jdbc.sql("""
                select id, mobile, body, created_at from identity.sms_outbox
                 where (cast(:mobile as text) is null or mobile = :mobile)
                 order by created_at desc, id desc
                 limit :size
                """)
                .param("mobile", mobile == null || mobile.isBlank() ? null : mobile.trim())
                .param("size", Math.min(Math.max(limit, 1), PAGE_SIZE_MAX))
                .query((rs, n) -> new SmsMessage(rs.getObject("id", UUID.class), rs.getString("mobile"), rs.getString("body"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
