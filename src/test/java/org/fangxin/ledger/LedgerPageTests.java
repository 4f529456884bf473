package org.fangxin.ledger;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("browser")
class LedgerPageTests extends IntegrationTest {

    @Test
    void showsEveryInvariantGreenToAnOperatorReachedFromTheHomePage() {
        UserAccount operator = users.create(Role.OPERATOR);
        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(operator.username(), TestUsers.PASSWORD);
            page.locator("a[href='/ledger']").click();
            page.waitForURL("**/ledger");
            assertThat(page.locator("#overall")).hasClass("ok");
            assertThat(page.locator(".invariants > li.holds")).hasCount(4);
            assertThat(page.locator(".invariants > li.violated")).hasCount(0);
            page.navigate("/ledger?lang=en");
            assertThat(page.locator("h1")).hasText("Ledger invariant status");
        }
    }

    @Test
    void refusesTheLedgerPageToAConsumer() {
        UserAccount consumer = users.create(Role.CONSUMER);
        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(consumer.username(), TestUsers.PASSWORD);
            assertThat(page.locator("a[href='/ledger']")).hasCount(0);
            var response = page.navigate("/ledger");
            org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(403);
        }
    }
}
