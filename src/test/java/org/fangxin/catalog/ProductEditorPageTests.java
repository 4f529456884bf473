package org.fangxin.catalog;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The merchant owner's product editor in a real browser: live rule feedback, a banned clause refused, then a listing. */
@Tag("browser")
class ProductEditorPageTests extends IntegrationTest {

    @Autowired
    Merchants merchants;
    @Autowired
    Users accounts;

    private static void fillMonthlyPass(Page page) {
        page.locator("#name").fill("健身月卡");
        page.locator("#kind").selectOption("PERIOD_PASS");
        page.locator("#price").fill("300");
        page.locator("#termCount").fill("1");
        page.locator("#termUnit").selectOption("MONTHS");
        page.locator("#refundMethod").selectOption("PRO_RATA_DAYS");
        page.locator("#closureTerms").fill("闭店时按剩余天数全额退款");
        page.locator("#disputeResolution").fill("协商不成的，向消费者协会申请调解");
    }

    @Test
    void ownerSeesABannedClauseRefusedWithTheRuleNamedThenListsTheProduct() {
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "310104");
        try (Browser browser = Browser.open(port)) {
            Page page = browser.loggedIn(gym.ownerUsername(), TestUsers.PASSWORD);
            page.navigate("/catalog/products/new");
            fillMonthlyPass(page);

            page.locator("#extraTerms").fill("本卡一经售出，概不退款。");
            page.locator("#extraTerms").blur();

            var banned = page.locator("#feedback li.violation[data-rule=banned-clause]");
            assertThat(banned).containsText("概不退款");
            assertThat(banned.locator(".source")).containsText("法释〔2025〕4号");

            page.locator("#submit").click();

            assertThat(page.locator("#feedback .banned")).isVisible();
            assertThat(page.locator("#feedback li.violation[data-rule=banned-clause]")).containsText("禁止条款");
            assertThat(page.locator("#extraTerms")).hasValue("本卡一经售出，概不退款。");

            page.locator("#extraTerms").fill("每月可暂停一次。");
            page.locator("#extraTerms").blur();
            assertThat(page.locator("#feedback .ok")).isVisible();
            page.locator("#submit").click();

            page.waitForURL("**/catalog/products?created=*");
            assertThat(page.locator("p.created")).isVisible();
            page.locator("table.products a").first().click();

            assertThat(page.locator("h1")).containsText("健身月卡");
            assertThat(page.locator("#sha256")).hasText(java.util.regex.Pattern.compile("[0-9a-f]{64}"));
            assertThat(page.locator("#escrow")).containsText("监管");
            String contractUrl = page.url();

            Page anonymous = browser.newPage("en");
            anonymous.navigate(contractUrl + "?lang=en");
            assertThat(anonymous.locator("#cooling-off")).containsText("7 days");
            assertThat(anonymous.locator("#merchant")).containsText(gym.merchant().legalName());
        }
    }

    @Test
    void ownerPublishesNewTermsAsASecondVersionAndThePublicCatalogShowsTheProduct() {
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var product = api().as(gym.owner()).post("/api/v1/products",
                ProductDrafts.monthlyPass(gym.merchant().stores().get(0).id(), 300, 1, null)).json();
        String name = product.get("name").asString();
        try (Browser browser = Browser.open(port)) {
            Page page = browser.loggedIn(gym.ownerUsername(), TestUsers.PASSWORD);
            page.navigate("/catalog/products");
            page.locator("tr[data-product-id='" + product.get("id").asString() + "'] a.edit-terms").click();

            page.locator("#transferable").uncheck();
            assertThat(page.locator("#feedback li.violation[data-rule=transfer-ban]")).isVisible();
            page.locator("#transferable").check();
            page.locator("#coolingOffDays").fill("10");
            page.locator("#coolingOffDays").blur();
            assertThat(page.locator("#feedback .ok")).isVisible();
            page.locator("#submit").click();

            page.waitForURL("**/public/contracts/**");
            assertThat(page.locator("#cooling-off")).containsText("10");
            assertThat(page.locator("main")).containsText("第 2 版");

            Page anonymous = browser.newPage();
            anonymous.navigate("/public/products");
            assertThat(anonymous.locator("table.public-products")).containsText(name);
        }
    }
}
