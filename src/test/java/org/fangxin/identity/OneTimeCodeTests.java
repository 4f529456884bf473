package org.fangxin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OneTimeCodeTests extends IntegrationTest {

    @Autowired
    SmsOutbox outbox;

    @Autowired
    Users accounts;

    @Test
    void signsUpAConsumerOnFirstLoginAndLogsTheSameAccountInLater() {
        String mobile = TestMobiles.next();
        var sent = api().post("/api/v1/auth/otp", Map.of("mobile", mobile));
        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.json().get("expiresInSeconds").asLong()).isEqualTo(300);
        assertThat(sent.body()).doesNotContain(TestMobiles.latestCode(outbox, mobile));

        var first = api().post("/api/v1/auth/otp/verify", Map.of("mobile", mobile, "code", TestMobiles.latestCode(outbox, mobile), "consent", true));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("accountCreated").asBoolean()).isTrue();
        assertThat(first.json().get("username").asString()).matches("u[a-z0-9]{10}").doesNotContain(mobile.substring(3));
        var me = api().withToken(first.json().get("accessToken").asString()).get("/api/v1/me");
        assertThat(me.json().get("role").asString()).isEqualTo("CONSUMER");
        assertThat(accounts.findByMobile(mobile)).get().extracting(UserAccount::role).isEqualTo(Role.CONSUMER);

        clock.advance(Duration.ofSeconds(61));
        api().post("/api/v1/auth/otp", Map.of("mobile", mobile));
        var second = api().post("/api/v1/auth/otp/verify", Map.of("mobile", mobile, "code", TestMobiles.latestCode(outbox, mobile), "consent", true));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("accountCreated").asBoolean()).isFalse();
        assertThat(second.json().get("userId").asString()).isEqualTo(first.json().get("userId").asString());
    }

    @Test
    void aCodeWorksOnlyOnce() {
        String mobile = TestMobiles.next();
        api().post("/api/v1/auth/otp", Map.of("mobile", mobile));
        String code = TestMobiles.latestCode(outbox, mobile);
        assertThat(api().post("/api/v1/auth/otp/verify", Map.of("mobile", mobile, "code", code, "consent", true)).status()).isEqualTo(200);
        var again = api().post("/api/v1/auth/otp/verify", Map.of("mobile", mobile, "code", code, "consent", true));
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.code()).isEqualTo("otp-expired");
    }

    @Test
    void rejectsACodeAfterItExpires() {
        String mobile = TestMobiles.next();
        api().post("/api/v1/auth/otp", Map.of("mobile", mobile));
        String code = TestMobiles.latestCode(outbox, mobile);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        var late = api().post("/api/v1/auth/otp/verify", Map.of("mobile", mobile, "code", code, "consent", true));
        assertThat(late.status()).isEqualTo(401);
        assertThat(late.code()).isEqualTo("otp-expired");
        assertThat(accounts.findByMobile(mobile)).isEmpty();
    }

    @Test
    void killsTheCodeAfterFiveWrongAttempts() {
        String mobile = TestMobiles.next();
        api().post("/api/v1/auth/otp", Map.of("mobile", mobile));
        String code = TestMobiles.latestCode(outbox, mobile);
        for (int attempt = 1; attempt <= 5; attempt++) {
            var wrong = api().post("/api/v1/auth/otp/verify", Map.of("mobile", mobile, "code", TestMobiles.otherThan(code), "consent", true));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.code()).isEqualTo("otp-invalid");
            assertThat(wrong.json().get("attemptsLeft").asInt()).isEqualTo(5 - attempt);
        }
        var right = api().post("/api/v1/auth/otp/verify", Map.of("mobile", mobile, "code", code, "consent", true));
        assertThat(right.status()).isEqualTo(401);
        assertThat(right.code()).isEqualTo("otp-expired");
    }

    @Test
    void throttlesResendingPerMinuteAndPerHour() {
        String mobile = TestMobiles.next();
        assertThat(api().post("/api/v1/auth/otp", Map.of("mobile", mobile)).status()).isEqualTo(202);
        var tooSoon = api().post("/api/v1/auth/otp", Map.of("mobile", mobile));
        assertThat(tooSoon.status()).isEqualTo(429);
        assertThat(tooSoon.code()).isEqualTo("otp-throttled");
        assertThat(tooSoon.json().get("retryAfterSeconds").asLong()).isBetween(1L, 61L);
        for (int sent = 2; sent <= 5; sent++) {
            clock.advance(Duration.ofSeconds(61));
            assertThat(api().post("/api/v1/auth/otp", Map.of("mobile", mobile)).status()).isEqualTo(202);
        }
        clock.advance(Duration.ofSeconds(61));
        var sixth = api().post("/api/v1/auth/otp", Map.of("mobile", mobile));
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.code()).isEqualTo("otp-throttled");
        assertThat(api().post("/api/v1/auth/otp", Map.of("mobile", TestMobiles.next())).status()).isEqualTo(202);
    }

    @Test
    void aNewCodeReplacesTheOldOne() {
        String mobile = TestMobiles.next();
        api().post("/api/v1/auth/otp", Map.of("mobile", mobile));
        String old = TestMobiles.latestCode(outbox, mobile);
        clock.advance(Duration.ofSeconds(61));
        api().post("/api/v1/auth/otp", Map.of("mobile", mobile));
        String fresh = TestMobiles.latestCode(outbox, mobile);
        if (!old.equals(fresh)) {
            assertThat(api().post("/api/v1/auth/otp/verify", Map.of("mobile", mobile, "code", old, "consent", true)).status()).isEqualTo(401);
        }
        assertThat(api().post("/api/v1/auth/otp/verify", Map.of("mobile", mobile, "code", fresh, "consent", true)).status()).isEqualTo(200);
    }

    @Test
    void rejectsMalformedMobilesAndCodesWith400() {
        for (String bad : new String[] {"12812345678", "1381234567", "138123456789", "+8613812345678", "abc"}) {
            var response = api().post("/api/v1/auth/otp", Map.of("mobile", bad));
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.code()).isEqualTo("invalid-input");
        }
        assertThat(api().post("/api/v1/auth/otp/verify", Map.of("mobile", TestMobiles.next(), "code", "12345", "consent", true)).status()).isEqualTo(400);
        assertThat(api().post("/api/v1/auth/otp", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void onlyOperatorsReadTheOutbox() {
        String mobile = TestMobiles.next();
        api().post("/api/v1/auth/otp", Map.of("mobile", mobile));
        var asOperator = api().as(users.create(Role.OPERATOR)).get("/api/v1/identity/sms-outbox?mobile=" + mobile);
        assertThat(asOperator.status()).isEqualTo(200);
        assertThat(asOperator.json().get(0).get("body").asString()).contains(TestMobiles.latestCode(outbox, mobile));
        assertThat(api().as(users.create(Role.CONSUMER)).get("/api/v1/identity/sms-outbox").status()).isEqualTo(403);
        assertThat(api().get("/api/v1/identity/sms-outbox").status()).isEqualTo(401);
    }
}
