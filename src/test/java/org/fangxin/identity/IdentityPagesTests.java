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

    @org.springframework.beans.factory.annotation.Autowired Users accounts;

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
            assertThat(page.locator("#audit tr[data-action='api-key.revoked'] td.action").first()).containsText("吊销了 API 密钥");
        }
    }

    @Test
    void anOperatorOpensARegionScopedRegulatorAccountByNameAndGivesItsPlatformAReadOnlyKey() {
        UserAccount operator = users.create(Role.OPERATOR);
        String username = "kf-platform-" + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(operator.username(), TestUsers.PASSWORD);
            page.locator("a[href='/identity/users']").click();
            page.locator("#user-role").selectOption("REGULATOR");
            page.locator("#user-username").fill(username);
            page.locator("#user-display-name").fill("开封市预付式消费监管平台");
            page.locator("#user-password").fill("platform-password-1");
            page.locator("#user-region").selectOption(new com.microsoft.playwright.options.SelectOption()
                    .setLabel("河南省 开封市"));
            page.locator("#create-user").click();
            assertThat(page.locator("#user-created")).containsText(username);
            var row = page.locator("#platform-users tr[data-username='" + username + "']");
            assertThat(row).containsText("监管部门");
            assertThat(row).containsText("河南省 开封市");
            assertThat(row).containsText("全部行业");
            UserAccount created = accounts.findByUsername(username).orElseThrow();
            assertThat(created.regionCode()).isEqualTo("410200");

            page.locator("#user-role").selectOption("BANK");
            page.locator("#user-username").fill(username + "-bank");
            page.locator("#user-password").fill("platform-password-1");
            page.locator("#user-region").selectOption("410200");
            page.locator("#create-user").click();
            assertThat(page.locator("p.error")).containsText("辖区");
            assertThat(accounts.findByUsername(username + "-bank")).as("nothing half-written").isEmpty();

            page.navigate("/identity/api-keys");
            page.locator("#userId").selectOption(created.id().toString());
            page.locator("#label").fill("开封市监管平台拉取");
            page.locator("#create-key").click();
            String key = page.locator("#created-key code.key").textContent().trim();
            assertThat(RawHttp.get(port, "/api/v1/me", "X-Api-Key", key).statusCode()).isEqualTo(200);
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
            page.locator("#consent").check();
            page.locator("form.card button[type=submit]").click();
            assertThat(page.locator("p.error")).isVisible();
            assertThat(page.locator("#idNumber")).hasValue("");
            page.locator("#idNumber").fill(number);
            page.locator("#consent").check();
            page.locator("form.card button[type=submit]").click();
            assertThat(page.locator("#real-name-status")).containsText(number.substring(0, 4) + "**********" + number.substring(14));
            assertThat(page.content()).doesNotContain(number);
        }
    }
}
