package org.fangxin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #14 item 6 (PIPL): consent and purpose recorded at sign-up and at real-name verification, mobile numbers
 * masked in lists, a copy of one's data, closing an account (identity anonymised, books kept) and retention periods.
 * Before: a first code login created an account without any consent, usernames were {@code m<mobile>} in every list
 * and the audit trail, and there was no download, no closure and no retention.
 */
class PersonalDataTests extends IntegrationTest {

    @Autowired SmsOutbox outbox;
    @Autowired JdbcClient jdbc;
    @Autowired IdentityRetention retention;

    private Api.Response signUp(String mobile, Boolean consent) {
        api().post("/api/v1/auth/otp", Map.of("mobile", mobile));
        String code = TestMobiles.latestCode(outbox, mobile);
        Map<String, Object> body = consent == null ? Map.of("mobile", mobile, "code", code)
                : Map.of("mobile", mobile, "code", code, "consent", consent);
        return api().post("/api/v1/auth/otp/verify", body);
    }

    @Test
    void aFirstCodeLoginCreatesTheAccountOnlyWithConsentAndRecordsItsPurpose() {
        String mobile = TestMobiles.next();
        api().post("/api/v1/auth/otp", Map.of("mobile", mobile));
        String code = TestMobiles.latestCode(outbox, mobile);

        var refused = api().post("/api/v1/auth/otp/verify", Map.of("mobile", mobile, "code", code));
        var created = api().post("/api/v1/auth/otp/verify", Map.of("mobile", mobile, "code", code, "consent", true));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("consent-required");
        assertThat(created.status()).as("the same code still works after the refusal").isEqualTo(200);
        UUID userId = UUID.fromString(created.json().get("userId").asString());
        assertThat(jdbc.sql("select purpose || ' ' || policy_version from identity.consent where user_id = :u").param("u", userId)
                .query(String.class).list()).containsExactly("ACCOUNT 2026-12");
        assertThat(created.json().get("username").asString()).doesNotContain(mobile.substring(3, 11));
    }

    @Test
    void realNameVerificationNeedsItsOwnConsentAndStoresNothingWithout() {
        UserAccount consumer = users.create(Role.CONSUMER);
        String number = ResidentIdNumbersTests.valid();

        var refused = api().as(consumer).post("/api/v1/me/real-name", Map.of("fullName", "张三", "idNumber", number));
        var verified = api().as(consumer).post("/api/v1/me/real-name", Map.of("fullName", "张三", "idNumber", number, "consent", true));

        assertThat(refused.code()).isEqualTo("consent-required");
        assertThat(verified.status()).isEqualTo(201);
        assertThat(jdbc.sql("select purpose from identity.consent where user_id = :u").param("u", consumer.id())
                .query(String.class).list()).containsExactly("REAL_NAME");
    }

    @Test
    void aConsumerDownloadsACopyOfTheirData() {
        String mobile = TestMobiles.next();
        var signedUp = signUp(mobile, true);
        Api me = api().withToken(signedUp.json().get("accessToken").asString());

        var data = me.get("/api/v1/me/data");

        assertThat(data.status()).isEqualTo(200);
        assertThat(data.header("Content-Disposition")).contains("attachment");
        assertThat(data.json().get("account").get("mobile").asString()).isEqualTo(mobile);
        assertThat(data.json().get("consents").get(0).get("purpose").asString()).isEqualTo("ACCOUNT");
        assertThat(data.json().has("cards")).isTrue();
        assertThat(data.json().has("refunds")).isTrue();
        assertThat(data.json().has("notifications")).isTrue();
        assertThat(data.json().get("auditTrail").findValues("action").stream().map(n -> n.asString())).contains("user.signed-up");
        assertThat(api().as(users.create(Role.OPERATOR)).get("/api/v1/me/data").status()).isEqualTo(403);
    }

    @Test
    void closingAnAccountAnonymisesTheIdentityAndKeepsItsId() {
        String mobile = TestMobiles.next();
        var signedUp = signUp(mobile, true);
        UUID userId = UUID.fromString(signedUp.json().get("userId").asString());
        Api me = api().withToken(signedUp.json().get("accessToken").asString());
        me.post("/api/v1/me/real-name", Map.of("fullName", "李四", "idNumber", ResidentIdNumbersTests.valid(), "consent", true));

        var closed = me.post("/api/v1/me/closure", null);

        assertThat(closed.status()).isEqualTo(204);
        var row = jdbc.sql("select username, display_name, mobile, password_hash, enabled, closed_at from identity.user_account where id = :id")
                .param("id", userId).query().singleRow();
        assertThat((String) row.get("username")).startsWith("closed-");
        assertThat(row.get("display_name")).isEqualTo("已注销用户");
        assertThat(row.get("mobile")).isNull();
        assertThat(row.get("enabled")).isEqualTo(false);
        assertThat(row.get("closed_at")).isNotNull();
        assertThat(jdbc.sql("select count(*) from identity.real_name where user_id = :id").param("id", userId).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from identity.consent where user_id = :id and withdrawn_at is null").param("id", userId)
                .query(Long.class).single()).isZero();
        assertThat(me.get("/api/v1/me").status()).as("the token died with the account").isEqualTo(401);
        var again = signUp(mobile, true);
        assertThat(again.json().get("accountCreated").asBoolean()).as("the number is free for a new account").isTrue();
        assertThat(again.json().get("userId").asString()).isNotEqualTo(userId.toString());
    }

    @Test
    void listsMaskMobileNumbers() {
        String mobile = TestMobiles.next();
        jdbc.sql("""
                insert into identity.user_account (id, username, display_name, role, mobile, enabled, created_at)
                values (:id, :name, :name, 'CONSUMER', :mobile, true, now())
                """).param("id", UUID.randomUUID()).param("name", "m" + mobile).param("mobile", mobile).update();
        api().post("/api/v1/auth/otp", Map.of("mobile", mobile));
        Api operator = api().as(users.create(Role.OPERATOR));

        String consumers = operator.get("/api/v1/identity/users?role=CONSUMER").body();
        String sms = operator.get("/api/v1/identity/sms-outbox?mobile=" + mobile).body();

        String masked = mobile.substring(0, 3) + "****" + mobile.substring(7);
        assertThat(consumers).contains("m" + masked).doesNotContain(mobile);
        assertThat(sms).contains(masked).doesNotContain("\"" + mobile + "\"");
    }

    @Test
    void retentionDeletesCodesAndMessagesPastTheirPeriod() {
        String mobile = TestMobiles.next();
        api().post("/api/v1/auth/otp", Map.of("mobile", mobile));
        Timestamp old = Timestamp.from(clock.instant().minus(Duration.ofDays(31)));
        jdbc.sql("update identity.sms_outbox set created_at = :at where mobile = :m").param("at", old).param("m", mobile).update();
        jdbc.sql("update identity.otp_challenge set created_at = :at, expires_at = :at where mobile = :m").param("at", old)
                .param("m", mobile).update();

        retention.purge();

        assertThat(jdbc.sql("select count(*) from identity.sms_outbox where mobile = :m").param("m", mobile).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from identity.otp_challenge where mobile = :m").param("m", mobile).query(Long.class).single()).isZero();
    }
}
