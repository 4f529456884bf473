package org.fangxin.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs each channel's delivery pass every {@code fangxin.notification.delivery-interval} (1 s) on every instance, while
 * background jobs are on, as the redemption notices' pass runs (ADR 14 §2); with no channel plugged in it does nothing.
 */
@Component
@ConditionalOnProperty(name = "fangxin.jobs.enabled", havingValue = "true", matchIfMissing = true)
class NoticeDeliveryJob {

    private static final Logger log = LoggerFactory.getLogger(NoticeDeliveryJob.class);

    private final NoticeDelivery delivery;
    private final ObjectProvider<NoticeChannel> channels;

    NoticeDeliveryJob(NoticeDelivery delivery, ObjectProvider<NoticeChannel> channels) {
        this.delivery = delivery;
        this.channels = channels;
    }

    @Scheduled(fixedDelayString = "${fangxin.notification.delivery-interval:PT1S}",
            initialDelayString = "${fangxin.notification.delivery-interval:PT1S}")
    void run() {
        channels.orderedStream().forEach(channel -> {
            try {
                delivery.deliverPending(channel);
            } catch (RuntimeException e) {
                log.warn("delivery through {} failed; the next pass retries: {}", channel.name(), e.toString());
            }
        });
    }
}
