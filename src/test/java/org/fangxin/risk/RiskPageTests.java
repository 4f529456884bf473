package org.fangxin.risk;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The risk pages, reached by clicking from each role's home page, in zh-CN and en. */
class RiskPageTests extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired RiskScores scores;

    @Test
    void anOperatorImportsAFeedSeesTheMerchantFallAndOverridesItsTierAndTheOwnerSeesWhy() {
        var testMerchants = new TestMerchants(merchants, accounts);
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        scores.rate(gym.id());
        YearMonth month = YearMonth.from(LocalDate.ofInstant(clock.instant(), RiskScores.ZONE)).minusMonths(1);
        String csv = RiskFixtures.HEADER + RiskFixtures.steadyYear(gym.merchant().creditCode(), month.minusMonths(1), 500_000, 8, 2_000)
                + RiskFixtures.monthly(gym.merchant().creditCode(), "SOCIAL_INSURANCE_HEADCOUNT", month, 0)
                + RiskFixtures.monthly(RiskFixtures.unknownCreditCode(), "TAX_PAID", month, 1);
        var operator = users.create(Role.OPERATOR);
        try (Browser browser = Browser.open(port)) {
            Page page = browser.loggedIn(operator.username(), TestUsers.PASSWORD);
            page.locator("a[href='/risk/feeds']").click();
            page.locator("#provider").fill("开封市社保局");
            page.locator("#file").setInputFiles(new FilePayload("shebao-" + month + ".csv", "text/csv",
                    csv.getBytes(StandardCharsets.UTF_8)));
            page.locator("#upload").click();
            assertThat(page.locator("#notice")).containsText("38");
            assertThat(page.locator("#quarantine")).containsText("纳税额");

            scores.rate(gym.id());
            page.navigate("/home");
            page.locator("a[href='/risk']").click();
            assertThat(page.locator("#distribution")).isVisible();
            page.locator("#alerts tr[data-kind=FACTOR_THRESHOLD] a", new Page.LocatorOptions().setHasText(gym.merchant().legalName()))
                    .first().click();
            assertThat(page.locator("#factors tr[data-factor=HEADCOUNT] .contribution")).hasText("25.0");
            page.locator("#override-form select[name=tier]").selectOption("C");
            page.locator("#override-form input[name=until]").fill(LocalDate.ofInstant(clock.instant(), RiskScores.ZONE).plusDays(5).toString());
            page.locator("#override-form input[name=reason]").fill("等待现场核查");
            page.locator("#override-form button[type=submit]").click();
            assertThat(page.locator("#tier")).hasAttribute("data-tier", "C");
            assertThat(page.locator("#override")).containsText("等待现场核查");
            assertThat(page.locator("#terms-ratio")).hasText("60%");

            Page owner = browser.newPage("en");
            owner.navigate("/login");
            owner.locator("#username").fill(gym.ownerUsername());
            owner.locator("#password").fill(TestUsers.PASSWORD);
            owner.locator("form.card button[type=submit]").click();
            owner.waitForURL("**/home");
            owner.locator("a[href='/risk/mine']").click();
            owner.navigate("/risk/mine?lang=en");
            assertThat(owner.locator("#factors tr[data-factor=HEADCOUNT]")).containsText("pay social insurance for all staff");
            assertThat(owner.locator("#tier")).containsText("Tier C");
            assertThat(owner.locator("#override-form")).hasCount(0);
        }
    }

    @Test
    void aSectorRegulatorReachesTheDashboardAndTheTablesButChangesNothing() {
        var regulator = users.create(Role.REGULATOR, null, "EDUCATION");
        try (Browser browser = Browser.open(port)) {
            Page page = browser.loggedIn(regulator.username(), TestUsers.PASSWORD);
            page.locator("a[href='/risk']").click();
            assertThat(page.locator("#distribution")).isVisible();
            assertThat(page.locator("#run-rating")).hasCount(0);
            page.locator("a[href='/risk/tables']").first().click();
            assertThat(page.locator("#weights")).containsText("社保人数下降");
            assertThat(page.locator("#consequence-form")).hasCount(0);
            assertThat(page.content()).doesNotContain("??risk.");
        }
    }
}
