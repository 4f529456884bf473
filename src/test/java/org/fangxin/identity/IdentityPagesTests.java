package org.fangxin.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("browser")
class IdentityPagesTests extends IntegrationTest {

    @Test
    void anOperatorCreatesAndRevokesAnApiKeyOnThePageAndReadsTheAudit() {
        UserAccount operator = users.create(Role.OPERATOR);
        UserAccount bank = users.create(Role.BANK);
        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(operator.username(), TestUsers.PASSWORD);
            page.locator("a[href='/identity/api-keys']").click();
            page.locator("#userId").selectOption(bank.id().toString());
            page.locator("#label").fill("statement feed");
            page.locator("#create-key").click();
            String key = page.locator("#created-key code.key").textContent().trim();
            assertThat(key).startsWith("fxk_");
            assertThat(RawHttp.get(port, "/api/v1/me", "X-Api-Key", key).statusCode()).isEqualTo(200);

            page.reload();
            assertThat(page.locator("#created-key")).hasCount(0);
            var row = page.locator("#api-keys tr", new com.microsoft.playwright.Page.LocatorOptions().setHasText(key.substring(0, 12)));
            clock.advance(java.time.Duration.ofSeconds(1)); // entries of one instant have no defined order
            row.locator("button.danger").click();
            assertThat(page.locator("#api-keys tr", new com.microsoft.playwright.Page.LocatorOptions().setHasText(key.substring(0, 12))))
                    .containsText("已吊销");
            assertThat(RawHttp.get(port, "/api/v1/me", "X-Api-Key", key).statusCode()).isEqualTo(401);

            page.navigate("/audit?objectType=api-key");
            assertThat(page.locator("#audit td.action").first()).containsText("api-key.revoked");
        }
    }

    @Test
    void anOwnerCreatesAndDisablesStaffOnThePage() {
        UserAccount owner = users.merchantOwner(UUID.randomUUID());
        String username = MerchantStaffTests.staffName();
        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(owner.username(), TestUsers.PASSWORD);
            page.locator("a[href='/merchant-staff']").click();
            page.locator("#staff-username").fill(username);
            page.locator("#staff-display-name").fill("小李");
            page.locator("#staff-password").fill("staff-password-1");
            page.locator("#create-staff").click();
            var row = page.locator("#staff tr[data-username='" + username + "']");
            assertThat(row).containsText("启用");
            clock.advance(java.time.Duration.ofSeconds(1)); // entries of one instant have no defined order
            row.locator("button.danger").click();
            assertThat(page.locator("#staff tr[data-username='" + username + "']")).containsText("已停用");
        }
    }

    @Test
    void aConsumerVerifiesARealNameOnThePage() {
        UserAccount consumer = users.create(Role.CONSUMER);
        String number = ResidentIdNumbersTests.valid();
        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(consumer.username(), TestUsers.PASSWORD);
            page.locator("a[href='/me/real-name']").click();
            page.locator("#fullName").fill("张三");
            page.locator("#idNumber").fill(number.substring(0, 17) + (number.charAt(17) == '0' ? '1' : '0'));
            page.locator("form.card button[type=submit]").click();
            assertThat(page.locator("p.error")).isVisible();
            assertThat(page.locator("#idNumber")).hasValue("");
            page.locator("#idNumber").fill(number);
            page.locator("form.card button[type=submit]").click();
            assertThat(page.locator("#real-name-status")).containsText(number.substring(0, 4) + "**********" + number.substring(14));
            assertThat(page.content()).doesNotContain(number);
        }
    }
}
