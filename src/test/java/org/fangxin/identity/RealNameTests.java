package org.fangxin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.fangxin.shared.AuditTrail;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RealNameTests extends IntegrationTest {

    @Autowired
    Users accounts;

    @Autowired
    AuditTrail audit;

    @Test
    void aConsumerVerifiesARealNameAndOnlyTheMaskIsShown() {
        UserAccount consumer = users.create(Role.CONSUMER);
        var api = api().as(consumer);
        String number = ResidentIdNumbersTests.valid();
        assertThat(accounts.isRealNameVerified(consumer.id())).isFalse();

        var verified = api.post("/api/v1/me/real-name", Map.of("fullName", "张三", "idNumber", number.toLowerCase(), "consent", true));
        assertThat(verified.status()).isEqualTo(201);
        String masked = number.substring(0, 4) + "**********" + number.substring(14);
        assertThat(verified.json().get("idNumberMasked").asString()).isEqualTo(masked);
        assertThat(verified.body()).doesNotContain(number);

        var me = api.get("/api/v1/me");
        assertThat(me.json().get("realNameVerified").asBoolean()).isTrue();
        assertThat(me.json().get("realName").get("fullName").asString()).isEqualTo("张三");
        assertThat(me.body()).doesNotContain(number);
        assertThat(accounts.isRealNameVerified(consumer.id())).isTrue();
        assertThat(audit.history("user", consumer.id().toString(), 10))
                .anySatisfy(entry -> assertThat(entry.action()).isEqualTo("user.real-name-verified"))
                .allSatisfy(entry -> assertThat(String.valueOf(entry.after())).doesNotContain(number));

        var again = api.post("/api/v1/me/real-name", Map.of("fullName", "张三", "idNumber", number, "consent", true));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("real-name-already-verified");
    }

    @Test
    void oneIdNumberVerifiesOnlyOneAccount() {
        String number = ResidentIdNumbersTests.valid();
        assertThat(api().as(users.create(Role.CONSUMER)).post("/api/v1/me/real-name",
                Map.of("fullName", "李四", "idNumber", number, "consent", true)).status()).isEqualTo(201);
        var second = api().as(users.create(Role.CONSUMER)).post("/api/v1/me/real-name", Map.of("fullName", "李四", "idNumber", number, "consent", true));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("real-name-taken");
    }

    @Test
    void rejectsInvalidNumbersWithoutEchoingThem() {
        UserAccount consumer = users.create(Role.CONSUMER);
        String number = ResidentIdNumbersTests.valid();
        String wrong = number.substring(0, 17) + (number.charAt(17) == '0' ? '1' : '0');
        var response = api().as(consumer).post("/api/v1/me/real-name", Map.of("fullName", "王五", "idNumber", wrong, "consent", true));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("invalid-input");
        assertThat(response.json().get("field").asString()).isEqualTo("idNumber");
        assertThat(response.body()).doesNotContain(wrong);
        assertThat(api().as(consumer).post("/api/v1/me/real-name", Map.of("fullName", "1", "idNumber", number, "consent", true)).status()).isEqualTo(400);
        assertThat(accounts.isRealNameVerified(consumer.id())).isFalse();
    }

    @Test
    void onlyConsumersVerifyARealName() {
        var response = api().as(users.create(Role.OPERATOR)).post("/api/v1/me/real-name",
                Map.of("fullName", "赵六", "idNumber", ResidentIdNumbersTests.valid(), "consent", true));
        assertThat(response.status()).isEqualTo(403);
    }
}
