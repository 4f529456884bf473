package org.fangxin.notification;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fangxin.notification.NoticeChannel.Delivery;
import org.fangxin.shared.Shards;
import org.fangxin.shared.database.CommitHorizon;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands the messages of users' inboxes to a {@link NoticeChannel} by a cursor over the message table instead of an
 * outbox row per message (issue 15, session 13): on each shard, a batch of the messages after the channel's cursor,
 * written by transactions that have ended ({@link CommitHorizon}, ADR 14), goes to the channel and the cursor moves
 * past it in one transaction, so each message goes out once (again only if the pass dies after the channel took it:
 * see {@link NoticeChannel}). Two instances are safe: an advisory lock per channel lets one pass run per database.
 */
@Component
public class NoticeDelivery {

    static final int BATCH_SIZE_MAX = 500;
    static final int BATCHES_PER_PASS_MAX = 20;
    /** "NOTD" in ASCII: the advisory-lock class of the delivery passes, one lock per channel name. */
    private static final int PASS_LOCK = 0x4E4F5444;
    private static final UUID NIL = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final CommitHorizon horizon;
    private final TransactionTemplate transactions;
    private final Shards shards;

    NoticeDelivery(JdbcClient jdbc, Notifications notifications, CommitHorizon horizon, TransactionTemplate transactions,
                   Shards shards) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.horizon = horizon;
        this.transactions = transactions;
        this.shards = shards;
    }

    /**
     * The job's pass (tests call it too): hands the channel the messages committed since its cursor on each shard, and
     * answers how many; 0 also when another instance's pass for this channel holds the lock.
     */
    public int deliverPending(NoticeChannel channel) {
        return shards.each(() -> {
            int delivered = 0;
            for (int batch = 0; batch < BATCHES_PER_PASS_MAX; batch++) {
                Integer size = transactions.execute(status -> deliverBatch(channel));
                delivered += size;
                if (size < BATCH_SIZE_MAX) {
                    break;
                }
            }
            return delivered;
        }).stream().mapToInt(Integer::intValue).sum();
    }

    /** One batch in one transaction: lock, horizon, cursor, read, deliver, cursor moved. */
    private int deliverBatch(NoticeChannel channel) {
        boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:lock, hashtext(:channel))")
                .param("lock", PASS_LOCK).param("channel", channel.name()).query(Boolean.class).single();
        if (!locked) {
            return 0;
        }
        String below = horizon.horizon();
        List<Pending> due = next(cursor(channel.name()), below);
        if (due.isEmpty()) {
            return 0;
        }
        channel.deliver(due.stream().map(Pending::delivery).toList());
        Pending last = due.get(due.size() - 1);
        jdbc.sql("update notification.delivery_cursor set after_xid = cast(:xid as xid8), after_id = :id where channel = :channel")
                .param("xid", last.xid()).param("id", last.delivery().messageId()).param("channel", channel.name())
                .update();
        return due.size();
    }

    private record Pending(String xid, Delivery delivery) { }

    /**
     * The channel's cursor on this database: read, and made (at the start) only by the channel's first pass here. It
     * used to be upserted by every batch (issue 15, session 14): a statement per batch that changed nothing after the
     * first, and that waited on any open transaction holding the row.
     */
    private String[] cursor(String channel) {
        var read = jdbc.sql("select cast(after_xid as text), after_id from notification.delivery_cursor where channel = :channel")
                .param("channel", channel).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
        if (read.isPresent()) {
            return read.get();
        }
        // the pass lock is held, so no other pass of this channel makes the row meanwhile; the conflict clause is a belt
        jdbc.sql("""
                insert into notification.delivery_cursor (channel, after_xid, after_id) values (:channel, '0', :nil)
                on conflict (channel) do nothing
                """).param("channel", channel).param("nil", NIL).update();
        return new String[] {"0", NIL.toString()};
    }

    /**
     * The next messages after the channel's cursor written by transactions below {@code below}. The cursor is read
     * first and passed as parameters, so the row comparison is the index scan's start (ADR 14's lesson).
     */
    private List<Pending> next(String[] cursor, String below) {
        return jdbc.sql("""
                select cast(written_by_xid as text) as xid, id, user_id, subject, body, message_key, arguments, sent_at,
                       read_at
                  from notification.message
                 where (written_by_xid, id) > (cast(:afterXid as xid8), cast(:afterId as uuid))
                   and written_by_xid < cast(:below as xid8)
                 order by written_by_xid, id
                 limit :limit
                """)
                .param("afterXid", cursor[0]).param("afterId", cursor[1]).param("below", below)
                .param("limit", BATCH_SIZE_MAX)
                .query((rs, n) -> new Pending(rs.getString("xid"), new Delivery(
                        notifications.view(rs, Notifications.DEFAULT_LOCALE), notifications.view(rs, Locale.ENGLISH))))
                .list();
    }
}
