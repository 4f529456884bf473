package org.fangxin.refund;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.fangxin.card.CardView;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.shared.Money;
import org.fangxin.testing.Browser;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** In Chromium: a consumer reads the quote, asks for the refund and sees its status; the merchant contests one. */
@Tag("browser")
class RefundPageTests extends RefundTestBase {

    @Test
    void aConsumerAsksForARefundOnThePageAndSeesItsStatus() {
        TestMerchants.Created gym = fx.gym();
        ProductView pack = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(2000), 60, Term.months(12),
                RefundMethod.PRO_RATA_SESSIONS, 0);
        UserAccount consumer = users.create(Role.CONSUMER);
        CardView card = fx.buy(consumer, pack);
        try (Browser browser = Browser.open(port)) {
            Page page = browser.loggedIn(consumer.username(), TestUsers.PASSWORD);
            page.navigate("/refunds/new?cardId=" + card.id());
            assertThat(page.locator("#cooling-off").isVisible()).isTrue();
            assertThat(page.locator("#refund-amount").textContent()).contains("2,000.00");
            page.locator("#confirm").click();
            page.waitForURL("**/refunds?requested=*");
            assertThat(page.locator("#requested").isVisible()).isTrue();
            assertThat(page.locator("#refunds .status").first().textContent()).isEqualTo("已批准，退款中");

            Response forbidden = page.navigate("/refunds/operator");
            assertThat(forbidden.status()).isEqualTo(403);
        }
    }

    @Test
    void theMerchantContestsAPendingRequestOnItsPage() {
        TestMerchants.Created gym = fx.gym();
        ProductView pack = fx.product(gym, ProductKind.SESSION_PACK, Money.yuan(300), 3, Term.months(3),
                RefundMethod.PRO_RATA_SESSIONS, 0);
        UserAccount consumer = users.create(Role.CONSUMER);
        CardView card = fx.buy(consumer, pack);
        fx.redeemSessions(consumer, card, 1);
        RefundView refund = refunds.request(consumer.actor(), new NewRefund(card.id(), RefundReason.QUALITY_DROP));
        try (Browser browser = Browser.open(port)) {
            Page page = browser.loggedIn(gym.ownerUsername(), TestUsers.PASSWORD);
            page.navigate("/refunds/merchant");
            var row = page.locator("tr[data-id='" + refund.id() + "']");
            row.locator("input[name=reason]").fill("课程质量符合合同");
            row.locator("button[type=submit]").click();
            page.waitForURL("**/refunds/merchant");
            assertThat(page.locator("tr[data-id='" + refund.id() + "'] .badge").textContent()).isEqualTo("争议中");
        }
        assertThat(refunds.view(consumer.actor(), refund.id()).status()).isEqualTo(RefundStatus.DISPUTED);
    }
}
