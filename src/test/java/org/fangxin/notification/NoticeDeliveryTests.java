package org.fangxin.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.shared.Money;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Delivery channels follow the inbox by a cursor, with no outbox row per message (issue 15, session 13). */
class NoticeDeliveryTests extends IntegrationTest {

    @Autowired
    Notifications notifications;

    @Autowired
    NoticeDelivery delivery;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void handsAChannelEveryMessageOnceInBothLanguagesWithoutAnOutboxRow() {
        UserAccount mia = users.create(Role.CONSUMER);
        long outboxBefore = outboxRows();
        List<Notice> bulk = List.of(Notice.of(mia.id(), "refund.notice.paid", "test-delivery-bulk:" + mia.id(),
                clock.instant(), Money.fen(16_000)));
        notifications.sendAll(bulk);
        notifications.sendAll(bulk); // a redelivered event adds nothing
        notifications.send(Notice.of(mia.id(), "refund.notice.paid", "test-delivery-single:" + mia.id(),
                clock.instant(), Money.fen(100)));
        notifications.send(mia.id(), "门店通知", "周日闭店一天。");
        RecordingChannel channel = new RecordingChannel().catchUp(delivery);
        assertThat(delivery.deliverPending(channel)).as("nothing twice").isZero();

        assertThat(channel.toUser(mia.id())).hasSize(3);
        for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            for (NotificationView shown : notifications.inbox(mia.actor(), 10, locale)) {
                assertThat(channel.of(shown.id())).singleElement().satisfies(d -> {
                    NotificationView sent = locale.equals(Locale.ENGLISH) ? d.en() : d.zhCn();
                    assertThat(sent.subject()).isEqualTo(shown.subject());
                    assertThat(sent.body()).isEqualTo(shown.body());
                });
            }
        }
        assertThat(outboxRows()).as("the outbox is no longer written").isEqualTo(outboxBefore);
    }

    @Test
    void aChannelThatFailsIsHandedTheSameMessagesOnTheNextPass() {
        UserAccount ned = users.create(Role.CONSUMER);
        RecordingChannel channel = new RecordingChannel().catchUp(delivery).failing(1);
        notifications.send(Notice.of(ned.id(), "refund.notice.paid", "test-delivery-retry:" + ned.id(),
                clock.instant(), Money.fen(100)));

        assertThatThrownBy(() -> delivery.deliverPending(channel)).hasMessageContaining("the gateway is down");
        assertThat(channel.toUser(ned.id())).isEmpty();
        channel.catchUp(delivery);
        assertThat(channel.toUser(ned.id())).hasSize(1);
    }

    @Test
    void aMessageCommittedLateWithAnEarlierTransactionIsNotSkipped() throws Exception {
        UserAccount ola = users.create(Role.CONSUMER);
        UserAccount pia = users.create(Role.CONSUMER);
        RecordingChannel channel = new RecordingChannel().catchUp(delivery);
        try (Connection late = dataSource.getConnection()) {
            late.setAutoCommit(false);
            insertTyped(late, ola.id()); // its transaction id is taken here, before pia's message's
            notifications.send(pia.id(), "先提交", "晚开始，先提交。");
            channel.catchUp(delivery);
            assertThat(channel.toUser(pia.id())).as("held back below a running transaction").isEmpty();
            late.commit();
        }
        channel.catchUp(delivery);
        assertThat(channel.toUser(ola.id())).hasSize(1);
        assertThat(channel.toUser(pia.id())).hasSize(1);
    }

    @Test
    void aSecondInstanceDeliversNothingWhileTheFirstHoldsTheChannel() throws Exception {
        UserAccount quin = users.create(Role.CONSUMER);
        RecordingChannel channel = new RecordingChannel().catchUp(delivery);
        notifications.send(quin.id(), "两个实例", "只送一次。");
        try (Connection first = dataSource.getConnection()) {
            first.setAutoCommit(false);
            try (PreparedStatement lock = first.prepareStatement(
                    "select pg_advisory_xact_lock(" + 0x4E4F5444 + ", hashtext(?))")) {
                lock.setString(1, channel.name());
                lock.execute();
            }
            assertThat(delivery.deliverPending(channel)).isZero();
            first.rollback();
        }
        channel.catchUp(delivery);
        assertThat(channel.toUser(quin.id())).hasSize(1);
    }

    /**
     * The cursor row is made by a channel's first pass and only read by the later ones (session 14): a pass that
     * finds nothing new goes through while another transaction holds the row, where writing it would wait.
     */
    @Test
    void aChannelsCursorRowIsMadeByItsFirstPassAndOnlyReadAfterwards() throws Exception {
        RecordingChannel channel = new RecordingChannel();
        assertThat(cursorRows(channel)).isZero();
        delivery.deliverPending(channel);
        assertThat(cursorRows(channel)).as("made by the first pass").isEqualTo(1);
        // past every message, so the next pass has nothing to hand over whatever other tests write meanwhile
        jdbc.sql("update notification.delivery_cursor set after_xid = '9223372036854775807' where channel = :channel")
                .param("channel", channel.name()).update();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement hold = holder.prepareStatement(
                    "update notification.delivery_cursor set after_id = after_id where channel = ?")) {
                hold.setString(1, channel.name());
                assertThat(hold.executeUpdate()).isEqualTo(1);
            }
            var pass = java.util.concurrent.CompletableFuture.supplyAsync(() -> delivery.deliverPending(channel));
            try {
                assertThat(pass).as("a pass with nothing new does not write the held cursor row")
                        .succeedsWithin(java.time.Duration.ofSeconds(30)).isEqualTo(0);
            } finally {
                holder.rollback();
            }
        }
        assertThat(cursorRows(channel)).isEqualTo(1);
    }

    private long cursorRows(RecordingChannel channel) {
        return jdbc.sql("select count(*) from notification.delivery_cursor where channel = :channel")
                .param("channel", channel.name()).query(Long.class).single();
    }

    private static void insertTyped(Connection connection, UUID user) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into notification.message (id, user_id, subject, body, sent_at) values (?, ?, '后提交', '早开始，后提交。', now())
                """)) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, user);
            insert.executeUpdate();
        }
    }

    private long outboxRows() {
        return jdbc.sql("select count(*) from notification.outbox").query(Long.class).single();
    }
}
