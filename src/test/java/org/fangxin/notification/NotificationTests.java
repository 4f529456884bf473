package org.fangxin.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class NotificationTests extends IntegrationTest {

    @Autowired
    Notifications notifications;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    NoticeDelivery delivery;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void showsAUserOnlyTheirOwnMessages() {
        UserAccount alice = users.create(Role.CONSUMER);
        UserAccount bob = users.create(Role.CONSUMER);
        notifications.send(alice.id(), "已核销 1 次", "您的健身卡已核销 1 次，剩余 47 次。");
        var inbox = api().as(alice).get("/api/v1/notifications");
        assertThat(inbox.status()).isEqualTo(200);
        assertThat(inbox.json().size()).isEqualTo(1);
        assertThat(inbox.json().get(0).get("subject").asString()).isEqualTo("已核销 1 次");
        assertThat(api().as(bob).get("/api/v1/notifications").json().size()).isZero();
        String id = inbox.json().get(0).get("id").asString();
        assertThat(api().as(bob).post("/api/v1/notifications/" + id + "/read", null).status()).isEqualTo(404);
        assertThat(api().as(alice).post("/api/v1/notifications/" + id + "/read", null).status()).isEqualTo(204);
        assertThat(api().as(alice).get("/api/v1/notifications").json().get(0).get("readAt").isNull()).isFalse();
    }

    @Test
    void sendsAMessageWithADedupKeyOnlyOnce() {
        UserAccount carol = users.create(Role.CONSUMER);
        notifications.send(carol.id(), "即将到期", "您的卡 7 天后到期。", "expiry-warning:test-" + carol.id());
        notifications.send(carol.id(), "即将到期", "您的卡 7 天后到期。", "expiry-warning:test-" + carol.id());
        assertThat(notifications.inbox(carol.actor(), 10)).hasSize(1);
    }

    @Test
    void sendsNothingWhenTheSendersTransactionRollsBack() {
        UserAccount dave = users.create(Role.CONSUMER);
        transactions.executeWithoutResult(status -> {
            notifications.send(dave.id(), "x", "y");
            status.setRollbackOnly();
        });
        assertThat(notifications.inbox(dave.actor(), 10)).isEmpty();
    }

    @Test
    @Tag("browser")
    void listsMessagesOnTheInboxPage() {
        UserAccount erin = users.create(Role.CONSUMER);
        notifications.send(erin.id(), "退款已到账", "¥160.00 已退回原支付账户。");
        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(erin.username(), TestUsers.PASSWORD);
            page.navigate("/notifications");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("main")).containsText("退款已到账");
            page.locator("main form button").first().click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("main .badge")).hasCount(0);
        }
    }

    @Test
    void showsANoticeInTheReadersLanguageChineseByDefault() {
        UserAccount fay = users.create(Role.CONSUMER);
        notifications.send(Notice.of(fay.id(), "refund.notice.paid", "test-paid:" + fay.id(), clock.instant(),
                Money.fen(16_000)));
        Api api = api().as(fay);
        var zh = api.get("/api/v1/notifications").json().get(0);
        assertThat(zh.get("subject").asString()).isEqualTo("退款已到账");
        assertThat(zh.get("body").asString()).isEqualTo("退款 ¥160.00 已退回原支付账户。");
        var en = api.get("/api/v1/notifications?lang=en").json().get(0);
        assertThat(en.get("subject").asString()).isEqualTo("Refund paid");
        assertThat(en.get("body").asString()).isEqualTo("The refund of ¥160.00 was paid back to your payment account.");
        assertThat(notifications.inbox(fay.actor(), 10, java.util.Locale.ENGLISH)).singleElement()
                .satisfies(n -> assertThat(n.subject()).isEqualTo("Refund paid"));
    }

    @Test
    void showsTheStoredChineseTextWhenAKeyLeftTheBundle() {
        UserAccount gus = users.create(Role.CONSUMER);
        notifications.send(Notice.of(gus.id(), "refund.notice.paid", null, clock.instant(), Money.fen(100)));
        jdbc.sql("update notification.message set message_key = 'gone.notice' where user_id = :user")
                .param("user", gus.id()).update();
        assertThat(notifications.inbox(gus.actor(), 10, java.util.Locale.ENGLISH)).singleElement()
                .satisfies(n -> assertThat(n.body()).isEqualTo("退款 ¥1.00 已退回原支付账户。"));
    }

    @Test
    void aBulkNoticeIsStoredAsItsKeyAndReadAsASingleSendInEachLanguageAndDeliveredOnce() {
        UserAccount ida = users.create(Role.CONSUMER);
        UserAccount jon = users.create(Role.CONSUMER);
        notifications.send(Notice.of(ida.id(), "refund.notice.paid", "test-single:" + ida.id(), clock.instant(),
                Money.fen(16_000)));
        var bulk = java.util.List.of(Notice.of(jon.id(), "refund.notice.paid", "test-bulk:" + jon.id(), clock.instant(),
                Money.fen(16_000)));
        notifications.sendAll(bulk);
        notifications.sendAll(bulk); // a redelivered bulk sends nothing more
        for (var locale : java.util.List.of(java.util.Locale.SIMPLIFIED_CHINESE, java.util.Locale.ENGLISH)) {
            var single = notifications.inbox(ida.actor(), 10, locale).get(0);
            assertThat(notifications.inbox(jon.actor(), 10, locale)).singleElement().satisfies(n -> {
                assertThat(n.subject()).isEqualTo(single.subject());
                assertThat(n.body()).isEqualTo(single.body());
            });
        }
        assertThat(jdbc.sql("select body from notification.message where user_id = :user").param("user", jon.id())
                .query(String.class).list()).as("stored compact").containsExactly("");
        var channel = new RecordingChannel().catchUp(delivery);
        var single = notifications.inbox(ida.actor(), 10, java.util.Locale.ENGLISH).get(0);
        assertThat(channel.toUser(jon.id())).singleElement().satisfies(d -> {
            assertThat(d.en().body()).isEqualTo(single.body());
            assertThat(d.zhCn().body()).isEqualTo(notifications.inbox(ida.actor(), 10).get(0).body());
        });
    }

    @Test
    void showsABulkNoticeWhoseKeyLeftTheBundleAsItsKeyAndArguments() {
        UserAccount kim = users.create(Role.CONSUMER);
        notifications.sendAll(java.util.List.of(Notice.of(kim.id(), "refund.notice.paid", "test-gone:" + kim.id(),
                clock.instant(), Money.fen(100))));
        jdbc.sql("update notification.message set message_key = 'gone.notice' where user_id = :user")
                .param("user", kim.id()).update();
        assertThat(notifications.inbox(kim.actor(), 10)).singleElement().satisfies(n -> {
            assertThat(n.subject()).isEqualTo("gone.notice");
            assertThat(n.body()).isEqualTo("¥1.00");
        });
    }

    @Test
    void refusesABulkOfNoticesWhenOneKeyIsNotInTheBundles() {
        UserAccount lin = users.create(Role.CONSUMER);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> notifications.sendAll(java.util.List.of(
                        Notice.of(lin.id(), "refund.notice.paid", null, clock.instant(), Money.fen(100)),
                        Notice.of(lin.id(), "no.such.notice", null, clock.instant()))))
                .isInstanceOf(org.springframework.context.NoSuchMessageException.class);
        assertThat(notifications.inbox(lin.actor(), 10)).isEmpty();
    }

    @Test
    void refusesANoticeWhoseKeyIsNotInTheBundles() {
        UserAccount hal = users.create(Role.CONSUMER);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> notifications.send(
                        Notice.of(hal.id(), "no.such.notice", null, clock.instant())))
                .isInstanceOf(org.springframework.context.NoSuchMessageException.class);
        assertThat(notifications.inbox(hal.actor(), 10)).isEmpty();
    }

    @Test
    void aRoleNoticeIsOneRowShownToEveryMemberOfTheRoleSectorAndRegionInTheirLanguage() {
        String caseNumber = "TS-ROLE-" + UUID.randomUUID().toString().substring(0, 8);
        UserAccount sports = users.create(Role.REGULATOR, null, "SPORTS_FITNESS");
        UserAccount marketWide = users.create(Role.REGULATOR, null, null);
        UserAccount henan = users.create(Role.REGULATOR, null, null, "410000");
        UserAccount kaifengDistrict = users.create(Role.REGULATOR, null, null, "410204");
        UserAccount beijing = users.create(Role.REGULATOR, null, null, "110000");
        UserAccount education = users.create(Role.REGULATOR, null, "EDUCATION");
        UserAccount operator = users.create(Role.OPERATOR);
        String dedup = "role-test:" + caseNumber;
        Instant at = Instant.parse("2026-10-09T02:00:00Z");
        for (int i = 0; i < 2; i++) { // a redelivered event sends nothing more
            notifications.sendToRole(Role.REGULATOR, "SPORTS_FITNESS", "410204",
                    "complaint.notice.handle.REGULATOR_ACCEPTANCE", dedup, at, caseNumber,
                    java.time.LocalDate.of(2026, 10, 20));
        }
        assertThat(jdbc.sql("select count(*) from notification.role_message where dedup_key = :k").param("k", dedup)
                .query(Long.class).single()).as("one row for the whole role").isEqualTo(1);
        UserAccount joinedLater = users.create(Role.REGULATOR, null, "SPORTS_FITNESS");
        for (UserAccount member : java.util.List.of(sports, marketWide, henan, kaifengDistrict, joinedLater)) {
            assertThat(notifications.inbox(member.actor(), 100)).filteredOn(n -> n.subject().contains(caseNumber))
                    .singleElement().satisfies(n -> {
                        assertThat(n.subject()).isEqualTo("待受理：投诉 " + caseNumber);
                        assertThat(n.body()).contains("2026-10-20");
                        assertThat(n.unread()).as("shared: shown as read").isFalse();
                    });
        }
        assertThat(notifications.inbox(sports.actor(), 100, java.util.Locale.ENGLISH))
                .anySatisfy(n -> assertThat(n.subject()).isEqualTo("To accept or decline: complaint " + caseNumber));
        assertThat(notifications.inbox(education.actor(), 100)).noneMatch(n -> n.subject().contains(caseNumber));
        assertThat(notifications.inbox(beijing.actor(), 100)).as("another region's regulator")
                .noneMatch(n -> n.subject().contains(caseNumber));
        assertThat(notifications.inbox(operator.actor(), 100)).noneMatch(n -> n.subject().contains(caseNumber));
    }
}
