package org.fangxin.rules;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.concurrent.ThreadLocalRandom;
import org.fangxin.identity.Role;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@Tag("browser")
class RulesPageTests extends IntegrationTest {

    @Autowired
    Rules rules;

    @Test
    void operatorAddsARuleRowThatOverridesTheNationalDefault() {
        var operator = users.create(Role.OPERATOR);
        String sector = "PAGE_TEST_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toUpperCase();
        try (Browser browser = Browser.open(port)) {
            Page page = browser.loggedIn(operator.username(), TestUsers.PASSWORD);
            page.locator(".menu a[href='/rules']").click();
            assertThat(page.locator("tr[data-row='*/*']")).containsText("概不退款");

            page.locator("#new-region").fill("460000");
            page.locator("#new-sector").fill(sector);
            page.locator("#new-row").click();
            page.locator("#coolingOffDaysMin").fill("15");
            page.locator("#sessionsMax").fill("40");
            page.locator("#source").fill("海南测试规则 (page test)");
            page.locator("#save").click();

            assertThat(page.locator("p.saved")).containsText(sector);
            assertThat(page.locator("tr[data-row='460000/" + sector + "']")).containsText("海南测试规则");
        }
        var set = rules.effectiveRules("460100", sector);
        org.assertj.core.api.Assertions.assertThat(set.values().coolingOffDaysMin()).isEqualTo(15);
        org.assertj.core.api.Assertions.assertThat(set.values().sessionsMax()).isEqualTo(40);
        org.assertj.core.api.Assertions.assertThat(set.values().realNameThresholdMinor()).isEqualTo(1_000_000L);
    }

    @Test
    void aRegulatorReadsTheTableButCannotEdit() {
        var regulator = users.create(Role.REGULATOR);
        try (Browser browser = Browser.open(port)) {
            Page page = browser.loggedIn(regulator.username(), TestUsers.PASSWORD);
            page.navigate("/rules");
            assertThat(page.locator("tr[data-row='310000/SPORTS_FITNESS']")).containsText("沪体规文〔2025〕1号");
            assertThat(page.locator("#new-row")).hasCount(0);
            var response = page.navigate("/rules/edit");
            org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(403);
        }
    }
}
