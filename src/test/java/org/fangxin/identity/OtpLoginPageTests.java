package org.fangxin.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.Map;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("browser")
class OtpLoginPageTests extends IntegrationTest {

    @Test
    void consumerLogsInByCodeReadFromTheOperatorOutboxPage() {
        String mobile = TestMobiles.next();
        UserAccount operator = users.create(Role.OPERATOR);
        try (Browser browser = Browser.open(port)) {
            var page = browser.newPage();
            page.navigate("/login");
            page.locator("#otp-login").click();
            page.waitForURL("**/login/otp");
            page.locator("#mobile").fill(mobile);
            page.locator("#send-code").click();
            assertThat(page.locator("p.ok")).isVisible();

            var operatorPage = browser.loggedIn(operator.username(), TestUsers.PASSWORD);
            operatorPage.navigate("/identity/sms-outbox?mobile=" + mobile);
            String body = operatorPage.locator("#sms-outbox td.body").first().textContent();
            String code = body.replaceAll("(?s).*验证码 (\\d{6}).*", "$1");

            page.locator("#code").fill(code);
            page.locator("#verify-code").click();
            page.waitForURL("**/home");
            assertThat(page.locator(".who")).containsText("CONSUMER");
            assertThat(page.locator(".who")).containsText("m" + mobile);
        }
    }

    @Test
    void showsAnErrorForAWrongCode() {
        String mobile = TestMobiles.next();
        try (Browser browser = Browser.open(port)) {
            var page = browser.newPage("en");
            page.navigate("/login/otp?lang=en");
            page.locator("#mobile").fill(mobile);
            page.locator("#send-code").click();
            page.locator("#code").fill("000000".equals(code(mobile)) ? "111111" : "000000");
            page.locator("#verify-code").click();
            assertThat(page.locator("p.error")).containsText("Wrong code");
        }
    }

    @Test
    void theFormLoginRefusesALockedUsername() {
        UserAccount consumer = users.create(Role.CONSUMER);
        for (int i = 0; i < 10; i++) {
            api().post("/api/v1/auth/token", Map.of("username", consumer.username(), "password", "wrong-password"));
        }
        try (Browser browser = Browser.open(port)) {
            var page = browser.newPage();
            page.navigate("/login");
            page.locator("#username").fill(consumer.username());
            page.locator("#password").fill(TestUsers.PASSWORD);
            page.locator("form.card button[type=submit]").click();
            page.waitForURL("**/login?locked");
            assertThat(page.locator("p.error")).isVisible();
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    SmsOutbox outbox;

    private String code(String mobile) {
        return TestMobiles.latestCode(outbox, mobile);
    }
}
