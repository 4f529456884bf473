package org.fangxin.settlement;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.LocalDate;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@Tag("browser")
class SettlementPageTests extends IntegrationTest {

    @Autowired
    Merchants merchants;

    @Autowired
    Users accounts;

    @Autowired
    Ledger ledger;

    @Test
    void operatorRunsSettlementOnThePageAndSeesThePayoutThenTheMerchantSeesIt() {
        var fixtures = new SettlementFixtures(ledger, merchants, accounts, clock);
        var gym = fixtures.merchant(Sector.SPORTS_FITNESS);
        fixtures.purchaseAndRedeem(gym.id(), 100_000, 4_321);
        LocalDate date = fixtures.advanceToNextBusinessDay();
        UserAccount operator = users.create(Role.OPERATOR);
        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(operator.username(), TestUsers.PASSWORD);
            page.locator("a[href='/settlement']").click();
            page.waitForURL("**/settlement");
            assertThat(page.locator("#settlementDate")).hasValue(date.toString());
            page.locator("#run").click();
            page.waitForURL("**/settlement");
            assertThat(page.locator("#run-done")).isVisible();
            var row = page.locator("#payouts tr[data-merchant='" + gym.id() + "']");
            assertThat(row).hasCount(1);
            assertThat(row.locator(".badge")).hasClass(java.util.regex.Pattern.compile(".*INSTRUCTED.*"));
            assertThat(row).containsText("43.21");

            var merchantPage = browser.loggedIn(gym.ownerUsername(), TestUsers.PASSWORD);
            merchantPage.locator("a[href='/settlement/mine']").click();
            merchantPage.waitForURL("**/settlement/mine");
            assertThat(merchantPage.locator("#payouts tbody tr")).hasCount(1);
            assertThat(merchantPage.locator("#payouts")).containsText("43.21");
            org.assertj.core.api.Assertions.assertThat(merchantPage.navigate("/settlement").status()).isEqualTo(403);
        }
    }

    @Test
    void theBankSeesTheInstructionsOnItsPortal() {
        UserAccount bank = users.create(Role.BANK);
        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(bank.username(), TestUsers.PASSWORD);
            page.locator("a[href='/bank/instructions']").click();
            page.waitForURL("**/bank/instructions");
            page.locator("#process").click();
            page.waitForURL("**/bank/instructions");
            assertThat(page.locator("#processed")).isVisible();
        }
    }
}
