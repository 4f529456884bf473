package org.fangxin.notification;

import java.util.List;
import java.util.UUID;

/**
 * A way out of the platform for the messages of users' inboxes (SMS, e-mail), a bean that {@link NoticeDelivery} hands
 * every new message to, in the order the messages were committed. None is plugged in yet: the inbox is the working
 * channel. A crash after {@link #deliver} returned but before the pass committed hands the same messages again, so a
 * channel passes {@link Delivery#messageId()} on as its gateway's idempotency key.
 */
public interface NoticeChannel {

    /** A stable name: the channel's cursor is kept under it. */
    String name();

    /** Sends the messages; throwing leaves them for the next pass (a message the channel cannot send, it must park). */
    void deliver(List<Delivery> messages);

    /** One message in the platform's two languages; the channel picks the one its recipient reads. */
    record Delivery(NotificationView zhCn, NotificationView en) {

        public UUID messageId() {
            return zhCn.id();
        }

        public UUID userId() {
            return zhCn.userId();
        }
    }
}
