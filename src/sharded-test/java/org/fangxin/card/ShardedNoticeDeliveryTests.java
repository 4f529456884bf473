package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.UserAccount;
import org.fangxin.notification.Notice;
import org.fangxin.notification.NoticeDelivery;
import org.fangxin.notification.Notifications;
import org.fangxin.notification.RecordingChannel;
import org.fangxin.shared.Money;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Delivery channels on shards (issue 15, session 13): a notice is written on its merchant's shard, and the channel's
 * pass follows each shard's messages with that shard's own cursor, transaction ids and lock.
 */
class ShardedNoticeDeliveryTests extends ShardedCardTest {

    @Autowired Notifications notifications;
    @Autowired NoticeDelivery delivery;

    @Test
    void aChannelIsHandedTheNoticesWrittenOnTwoShardsOnceEach() {
        UserAccount consumer = f.consumer();
        RecordingChannel channel = new RecordingChannel().catchUp(delivery);
        List<UUID> messages = new ArrayList<>();
        for (int shard = 1; shard <= 2; shard++) {
            TestMerchants.Created gym = gymOn(shard);
            String key = "test-sharded-delivery:" + gym.id();
            ShardRouting.onMerchant(gym.id(), () -> {
                notifications.sendAll(List.of(Notice.of(consumer.id(), "refund.notice.paid", key, clock.instant(),
                        Money.fen(100))));
                return null;
            });
            UUID message = shards.get(shard).sql("select id from notification.message where dedup_key = :key")
                    .param("key", key).query(UUID.class).single();
            messages.add(message);
        }

        channel.catchUp(delivery);
        channel.catchUp(delivery);

        for (UUID message : messages) {
            assertThat(channel.of(message)).as("message " + message).hasSize(1);
        }
        assertThat(channel.toUser(consumer.id())).hasSize(2);
    }
}
