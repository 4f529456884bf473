package org.fangxin.shared;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.fangxin.identity.Role;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("browser")
class ProblemPageTests extends IntegrationTest {

    @Test
    void showsARefusedPageRequestAsAPageNotJson() {
        var consumer = users.create(Role.CONSUMER);
        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(consumer.username(), TestUsers.PASSWORD);
            var response = page.navigate("/merchants/00000000-0000-7000-8000-000000000000");
            org.assertj.core.api.Assertions.assertThat(response.status()).isBetween(403, 404);
            assertThat(page.locator("main h1")).isVisible();
            assertThat(page.locator("main a[href='/home']")).isVisible();
        }
    }
}
