package org.fangxin.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("browser")
class LoginPageTests extends IntegrationTest {

    @Test
    void logsInThroughTheFormAndShowsTheRoleOnTheHomePage() {
        UserAccount operator = users.create(Role.OPERATOR);
        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(operator.username(), TestUsers.PASSWORD);
            assertThat(page.locator(".who")).containsText("OPERATOR");
        }
    }

    @Test
    void showsAnErrorForAWrongPassword() {
        try (Browser browser = Browser.open(port)) {
            var page = browser.newPage();
            page.navigate("/login");
            page.locator("#username").fill("nobody-here");
            page.locator("#password").fill("wrong-password");
            page.locator("form.card button[type=submit]").click();
            assertThat(page.locator("p.error")).isVisible();
        }
    }
}
