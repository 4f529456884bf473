package org.fangxin.card.lifecycle;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells people what happened to a card (redemption, request to confirm, transfer). Until the notification module is
 * merged this only logs; the card's own history records every event either way.
 */
@Component
public class CardNotices {

    private static final Logger LOG = LoggerFactory.getLogger(CardNotices.class);

    public void send(UUID userId, String subject, String body) {
        LOG.info("notice to {}: {} — {}", userId, subject, body);
    }
}
