package org.fangxin.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Rejection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sends messages to users (inbox + delivery outbox) and lets each user read only their own inbox. */
@Service
public class Notifications {

    public static final int SUBJECT_LENGTH_MAX = 200;
    public static final int BODY_LENGTH_MAX = 4000;
    public static final int PAGE_SIZE_MAX = 100;

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;

    Notifications(JdbcClient jdbc, IdGenerator ids, Clock clock) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Puts a message in the user's inbox and queues it for delivery. Joins the caller's transaction. A
     * {@code dedupKey} (e.g. "expiry-warning:<cardId>") makes a repeated send a no-op; null sends unconditionally.
     */
    @Transactional
    public void send(UUID userId, String subject, String body, String dedupKey) {
        if (userId == null || subject == null || subject.isBlank() || body == null) {
            throw new IllegalArgumentException("a notification needs a user, a subject and a body");
        }
        UUID id = ids.next();
        // Message and outbox row in one statement (one round trip); no outbox row when the dedup key already exists.
        jdbc.sql("""
                with message as (
                    insert into notification.message (id, user_id, subject, body, dedup_key, sent_at)
                    values (:id, :user, :subject, :body, :dedup, :now)
                    on conflict (dedup_key) do nothing
                    returning id)
                insert into notification.outbox (message_id, channel, status) select id, 'SMS', 'QUEUED' from message
                """)
                .param("id", id).param("user", userId)
                .param("subject", truncate(subject, SUBJECT_LENGTH_MAX)).param("body", truncate(body, BODY_LENGTH_MAX))
                .param("dedup", dedupKey).param("now", Timestamp.from(clock.instant()))
                .update();
    }

    @Transactional
    public void send(UUID userId, String subject, String body) {
        send(userId, subject, body, null);
    }

    /** The actor's own messages, newest first. */
    public List<NotificationView> inbox(Actor actor, int limit) {
        return jdbc.sql("""
                select id, user_id, subject, body, sent_at, read_at from notification.message
                 where user_id = :user order by sent_at desc, id desc limit :limit
                """)
                .param("user", actor.userId()).param("limit", Math.min(Math.max(limit, 1), PAGE_SIZE_MAX))
                .query((rs, n) -> new NotificationView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
                .list();
    }

    public int unreadCount(Actor actor) {
        return jdbc.sql("select count(*) from notification.message where user_id = :user and read_at is null")
                .param("user", actor.userId()).query(Integer.class).single();
    }

    /** Marks one of the actor's messages read; another user's message is "not found". */
    @Transactional
    public void markRead(Actor actor, UUID messageId) {
        int updated = jdbc.sql("""
                update notification.message set read_at = coalesce(read_at, :now) where id = :id and user_id = :user
                """)
                .param("now", Timestamp.from(clock.instant())).param("id", messageId).param("user", actor.userId())
                .update();
        if (updated == 0) {
            throw Rejection.notFound("notification " + messageId);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
