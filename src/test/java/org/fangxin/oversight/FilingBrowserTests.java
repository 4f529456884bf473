package org.fangxin.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.Browser;
import org.fangxin.testing.TestCards;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * In Chromium: an overdue filing (备案) stops a consumer's checkout with a clear message, the merchant files, the Kaifeng
 * regulator acknowledges it on its filings page, and the same consumer's checkout goes through to payment.
 */
@Tag("browser")
class FilingBrowserTests extends OversightTest {

    @Test
    void anOverdueFilingStopsTheCheckoutUntilTheRegulatorAcknowledgesItOnItsPage() {
        TestCards cards = testCards();
        TestMerchants.Created gym = testMerchants().activeMerchant(Sector.SPORTS_FITNESS, "410223");
        ProductView pass = cards.pass(gym, Money.yuan(900));
        cards.buy(users.create(Role.CONSUMER), pass);
        takeSnapshot();
        clock.advance(Duration.ofDays(16));
        Api owner = api().as(gym.owner());
        String id = owner.get("/api/v1/oversight/filings").json().get(0).get("id").asString();
        UserAccount consumer = users.create(Role.CONSUMER);
        UserAccount regulator = users.create(Role.REGULATOR, null, null, "410200");

        try (Browser browser = Browser.open(port)) {
            Page buyer = browser.loggedIn(consumer.username(), TestUsers.PASSWORD);
            startCheckout(buyer, pass);
            buyer.waitForURL("**/public/products/" + pass.id());
            assertThat(buyer.locator("#error").textContent()).contains("不可销售", "备案");
            assertThat(buyer.url()).doesNotContain("sandbox-pay");

            var filed = owner.post("/api/v1/oversight/filings/" + id + "/submission", Map.of("products", "年卡 ¥900",
                    "escrowBank", "中国银行开封分行"), UUID.randomUUID().toString());
            assertThat(filed.status()).as(filed.body()).isEqualTo(200);

            Page office = browser.loggedIn(regulator.username(), TestUsers.PASSWORD);
            office.navigate("/oversight/filings");
            var card = office.locator("[data-filing='" + id + "']");
            assertThat(card.textContent()).contains(gym.merchant().legalName());
            card.locator("form.acknowledge input[name=note]").fill("已备案");
            card.locator("form.acknowledge button").click();
            office.locator("#done").waitFor();
            assertThat(office.locator("[data-filing='" + id + "']").getAttribute("data-status")).isEqualTo("ACKNOWLEDGED");

            startCheckout(buyer, pass);
            buyer.waitForURL("**/public/sandbox-pay/**");
        }
    }

    private static void startCheckout(Page buyer, ProductView pass) {
        buyer.navigate("/public/products/" + pass.id());
        buyer.locator("#accept").check();
        buyer.waitForNavigation(() -> buyer.locator("#buy").click());
        if (buyer.url().endsWith("/confirm")) {   // above the amount that asks for one more confirmation
            buyer.waitForNavigation(() -> buyer.locator("#confirm-pay").click());
        }
    }
}
