package org.fangxin.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A delivery channel for tests: records what it was handed, under a name of its own (so its cursor starts at 0). */
public class RecordingChannel implements NoticeChannel {

    private final String name = "test-" + UUID.randomUUID();
    private final List<Delivery> delivered = new ArrayList<>();
    private int failuresLeft;

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void deliver(List<Delivery> messages) {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new IllegalStateException("the gateway is down");
        }
        delivered.addAll(messages);
    }

    /** The next {@code passes} calls of {@link #deliver} fail, as a gateway that is down. */
    public synchronized RecordingChannel failing(int passes) {
        failuresLeft = passes;
        return this;
    }

    /** Runs the passes until this channel has caught up with every committed message. */
    public RecordingChannel catchUp(NoticeDelivery delivery) {
        while (delivery.deliverPending(this) > 0) {
            // one pass reads a bounded number of batches
        }
        return this;
    }

    /** What the channel was handed for {@code message}, each time it was. */
    public synchronized List<Delivery> of(UUID message) {
        return delivered.stream().filter(d -> d.messageId().equals(message)).toList();
    }

    public synchronized List<Delivery> toUser(UUID user) {
        return delivered.stream().filter(d -> d.userId().equals(user)).toList();
    }
}
