package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.UUID;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.UserAccount;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.Browser;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * In Chromium: a consumer buys on the page and pays in the sandbox, staff redeem with the code, the consumer sees it and
 * asks for a refund from the card page; and the 安心付 pages (staff request, the consumer confirms or declines).
 */
@Tag("browser")
class CardPagesTests extends CardTest {

    @Test
    void consumerBuysStaffRedeemWithTheCodeAndTheConsumerSeesIt() {
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 2000, 60);
        UserAccount consumer = f.consumer();
        UserAccount staff = f.staff(gym.id());
        try (Browser browser = Browser.open(port)) {
            Page buyer = browser.loggedIn(consumer.username(), TestUsers.PASSWORD);
            buyer.navigate("/cards/buy/" + pack.id());
            buyer.waitForURL("**/public/products/" + pack.id());
            buyer.locator("#accept").check();
            buyer.locator("#buy").click();
            // ¥2,000 is above the confirmation amount (¥1,000): one more page repeats the order before paying.
            buyer.waitForURL("**/products/" + pack.id() + "/confirm");
            buyer.locator("#confirm-pay").click();
            buyer.waitForURL("**/public/sandbox-pay/**");
            buyer.locator("#pay").click();
            buyer.waitForURL("**/cards/purchases/**");
            buyer.locator("#to-card").click();

            UUID cardId = cardOf(consumer.id());
            assertThat(cardId).isNotNull();
            buyer.waitForURL("**/cards/" + cardId);
            buyer.locator("#show-code").click();
            String code = buyer.locator("#short-code").textContent().strip();
            assertThat(code).matches("[0-9]{6}");

            Page counter = browser.loggedIn(staff.username(), TestUsers.PASSWORD);
            counter.navigate("/cards/redeem");
            counter.locator("#code").fill(code);
            counter.locator("#lookup").click();
            counter.locator("#confirm-sessions").fill("2");
            counter.locator("#confirm-redeem").click();
            counter.locator("#result .ok").waitFor();
            assertThat(counter.locator("#result").textContent()).contains("58");

            buyer.reload();
            assertThat(buyer.locator("#remaining").textContent()).contains("58");
            assertThat(buyer.locator("#redemptions").textContent()).contains("¥66.66");

            buyer.locator("#ask-refund").click();
            buyer.waitForURL("**/refunds/new?cardId=" + cardId);
            assertThat(buyer.locator("#refund-amount").textContent()).contains("¥");
            buyer.locator("#confirm").click();
            buyer.waitForURL("**/refunds?requested=*");
            assertThat(buyer.locator("#requested").isVisible()).isTrue();
            // Sessions were used, so it is not a cooling-off refund: the merchant may contest it first.
            assertThat(buyer.locator("#refunds .status").first().textContent()).isEqualTo("待商户确认");
        }
        f.assertBooksHold(gym.id());
    }

    @Test
    void staffRequestAConfirmationTheConsumerConfirmsOnThePageAndSeesTheRedemption() {
        TestMerchants.Created gym = f.merchant(Sector.SPORTS_FITNESS, "410200");
        ProductView pack = f.sessionPack(gym, 2000, 60);
        UserAccount consumer = f.consumer();
        UserAccount staff = f.staff(gym.id());
        UUID cardId = f.buyAndPay(api().as(consumer), pack);
        try (Browser browser = Browser.open(port)) {
            Page counter = browser.loggedIn(staff.username(), TestUsers.PASSWORD);
            counter.navigate("/cards/redeem");
            counter.locator("#request-card").fill(cardId.toString());
            counter.locator("#request-sessions").fill("3");
            counter.locator("#request").click();
            counter.locator("#request-result [data-request]").waitFor();
            assertThat(counter.locator("#request-status").textContent()).isEqualTo("待确认");

            Page holder = browser.loggedIn(consumer.username(), TestUsers.PASSWORD);
            holder.navigate("/cards");
            var pending = holder.locator("#pending [data-request]");
            assertThat(pending.count()).isEqualTo(1);
            assertThat(pending.textContent()).contains(pack.name());
            pending.locator("button.confirm").click();
            holder.waitForURL("**/cards/" + cardId);
            assertThat(holder.locator("#confirmed").isVisible()).isTrue();
            assertThat(holder.locator("#remaining").textContent()).contains("57");
            assertThat(holder.locator("#redemptions").textContent()).contains("3 次");
            // The counter sees the answer without reloading (the request's state polls), and today's list updates.
            counter.locator("#request-status.CONFIRMED").waitFor();
            assertThat(counter.locator("#request-status").textContent()).isEqualTo("已确认");
            counter.locator("#today").getByText("3 次").waitFor();
            holder.locator("#redemptions button").click();
            holder.locator("#redemptions").getByText("申诉中").waitFor();

            // A request the consumer declines redeems nothing.
            counter.navigate("/cards/redeem");
            counter.locator("#request-card").fill(cardId.toString());
            counter.locator("#request-sessions").fill("1");
            counter.locator("#request").click();
            counter.locator("#request-result [data-request]").waitFor();
            holder.navigate("/cards");
            holder.locator("#pending button.decline").click();
            holder.waitForURL("**/cards");
            assertThat(holder.locator("#declined").isVisible()).isTrue();
            assertThat(holder.locator("#pending").count()).isZero();
            assertThat(holder.locator("[data-card='" + cardId + "'] .remaining").textContent()).contains("57");
        }
        f.assertBooksHold(gym.id());
    }

    private UUID cardOf(UUID holder) {
        return jdbc.sql("select id from card.card where holder_id = :holder").param("holder", holder)
                .query(UUID.class).optional().orElse(null);
    }
}
