package org.fangxin.insurance;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestExposure;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@Tag("browser")
class InsurancePageTests extends IntegrationTest {

    @Autowired
    Insurers insurers;
    @Autowired
    Policies policies;
    @Autowired
    Merchants merchants;
    @Autowired
    Users accounts;
    @Autowired
    Ledger ledger;

    /** The operator issues a policy and bills the month on the page; the insurer then sees both on its portal. */
    @Test
    void operatorIssuesAPolicyAndBillsItThenTheInsurerSeesThePolicyAndTheBill() {
        var insurer = new InsuranceFixtures(insurers, policies, users).insurer(120, Money.yuan(50_000));
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
        new TestExposure(ledger).advance(gym.id(), 5_000_000, 3_000_000); // 30,000 yuan → 30 yuan a month at 1.2 %
        UserAccount operator = users.create(Role.OPERATOR);
        String holder = "页面投保人 " + System.nanoTime();
        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(operator.username(), TestUsers.PASSWORD);
            page.locator("a[href='/insurance/admin']").click();
            page.waitForURL("**/insurance/admin");
            page.locator("#policy-product").selectOption(insurer.product().id().toString());
            page.locator("#policy-scope").selectOption("MERCHANT");
            page.locator("#policy-merchants").fill(gym.id().toString());
            page.locator("#policy-holder").fill(holder);
            page.locator("#share-merchant").fill("0");
            page.locator("#share-platform").fill("10000");
            page.locator("#issue").click();
            page.waitForURL("**/insurance/admin");
            assertThat(page.locator("#done")).isVisible();
            assertThat(page.locator("#policies")).containsText(holder);
            page.locator("#bill").click();
            page.waitForURL("**/insurance/admin");
            assertThat(page.locator("#done")).isVisible();

            var portal = browser.loggedIn(insurer.login().username(), TestUsers.PASSWORD);
            portal.locator("a[href='/insurance']").click();
            portal.waitForURL("**/insurance");
            assertThat(portal.locator("#insurer-name")).hasText(insurer.insurer().name());
            assertThat(portal.locator("#policies")).containsText(holder);
            assertThat(portal.locator("#policies")).containsText("¥30.00");
            assertThat(portal.locator("#bills tbody tr")).hasCount(1);
            portal.locator("#bills tbody tr a").click();
            portal.waitForURL("**/insurance/bills/**");
            assertThat(portal.locator("#premium")).hasText("¥30.00");
            assertThat(portal.locator("#lines")).containsText(gym.id().toString());
        }
    }

    @Test
    void theMerchantSeesItsDepositAndThePoliciesCoveringIt() {
        var insurer = new InsuranceFixtures(insurers, policies, users).insurer(120, Money.yuan(50_000));
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.EDUCATION, "410200");
        var policy = new InsuranceFixtures(insurers, policies, users).policy(insurer.product(), PolicyScope.MERCHANT,
                java.util.List.of(gym.id()), null, new CostSharing(10_000, 0, 0));
        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(gym.ownerUsername(), TestUsers.PASSWORD);
            page.locator("a[href='/protection/mine']").click();
            page.waitForURL("**/protection/mine");
            assertThat(page.locator("#required")).hasText("¥10,000.00");
            assertThat(page.locator("#lodged")).hasText("¥0.00");
            assertThat(page.locator("#policies")).containsText(policy.policyNumber());
        }
    }
}
