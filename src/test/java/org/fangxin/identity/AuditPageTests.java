package org.fangxin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.fangxin.testing.Api;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Issue #11, the audit page for people: filters by actor, object and time range, times in Asia/Shanghai, readable
 * summaries instead of JSON, pages, and a CSV export of what the filter selects (mobile numbers masked).
 */
class AuditPageTests extends IntegrationTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @org.springframework.beans.factory.annotation.Autowired
    SmsOutbox outbox;

    private Map<String, Object> platformUser(String username) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", "platform-password-1");
        body.put("displayName", "审计测试");
        body.put("role", "BANK");
        return body;
    }

    @Test
    void filtersByActorAndDayShowsReadableSummariesAndPages() {
        UserAccount operator = users.create(Role.OPERATOR);
        Api api = api().as(operator);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(api.post("/api/v1/identity/users", platformUser("audited-" + operator.username() + "-" + i)).status()).isEqualTo(201);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), SHANGHAI);
        FormSession session = FormSession.loggedIn(port, operator.username());

        String first = session.get("/audit?actor=" + operator.username() + "&from=" + today + "&to=" + today + "&lang=zh-CN").body();
        String english = session.get("/audit?actor=" + operator.username() + "&action=user.created&lang=en").body();
        String yesterday = session.get("/audit?actor=" + operator.username() + "&to=" + today.minusDays(1)).body();

        String table = first.substring(first.indexOf("id=\"audit\""));
        assertThat(table).contains("创建了账号").contains("username: audited-" + operator.username())
                .doesNotContain("{&quot;").doesNotContain("&quot;username&quot;");
        assertThat(count(first, "data-action=\"user.created\"")).isEqualTo(3);
        String time = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(clock.instant().atZone(SHANGHAI));
        assertThat(first).contains(time);
        assertThat(english).contains("created an account");
        assertThat(yesterday).doesNotContain("data-action=\"user.created\"");
    }

    @Test
    void pagesThroughEntriesOfOneObjectAndExportsThemAsCsv() {
        UserAccount operator = users.create(Role.OPERATOR);
        for (int i = 0; i <= 50; i++) {  // more than one page of 50
            users.create(Role.CONSUMER);
        }
        UserAccount consumer = users.create(Role.CONSUMER);
        FormSession session = FormSession.loggedIn(port, operator.username());
        Api api = api().as(operator);

        var page = api.get("/api/v1/audit?objectType=user&limit=2&page=0").json();
        var next = api.get("/api/v1/audit?objectType=user&limit=2&page=1").json();
        String csv = session.get("/audit/export.csv?objectType=user&objectId=" + consumer.id()).body();
        String html = session.get("/audit?objectType=user").body();

        assertThat(page.size()).isEqualTo(2);
        assertThat(next.get(0).get("id").asString()).isNotEqualTo(page.get(0).get("id").asString())
                .isNotEqualTo(page.get(1).get("id").asString());
        assertThat(csv.lines().count()).isEqualTo(2);
        assertThat(csv.lines().toList().get(1)).contains(consumer.id().toString()).contains("user.created");
        assertThat(html).contains("id=\"next\"").contains("id=\"export\"");
        assertThat(api().as(users.create(Role.BANK)).get("/api/v1/audit/export").status()).isEqualTo(403);
    }

    @Test
    void masksMobileNumbersInTheListAndTheExport() {
        UserAccount operator = users.create(Role.OPERATOR);
        String mobile = TestMobiles.next();
        api().post("/api/v1/auth/otp", Map.of("mobile", mobile));
        String code = TestMobiles.latestCode(outbox, mobile);
        var signedUp = api().post("/api/v1/auth/otp/verify", Map.of("mobile", mobile, "code", code, "consent", true));
        assertThat(signedUp.status()).isEqualTo(200);
        FormSession session = FormSession.loggedIn(port, operator.username());

        String html = session.get("/audit?action=user.signed-up").body();
        String csv = session.get("/audit/export.csv?action=user.signed-up").body();

        String masked = mobile.substring(0, 3) + "****" + mobile.substring(7);
        assertThat(html).contains(masked).doesNotContain(mobile);
        assertThat(csv).contains(masked).doesNotContain(mobile);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
