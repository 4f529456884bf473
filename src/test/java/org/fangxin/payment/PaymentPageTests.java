package org.fangxin.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.shared.Money;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sandbox checkout page in Chromium, and the operator's payment page. */
@Tag("browser")
class PaymentPageTests extends IntegrationTest {

    @Autowired Payments payments;
    @Autowired JdbcClient jdbc;

    @Test
    void payingOnTheCheckoutPageConfirmsTheOrder() {
        PaymentFixtures fixtures = new PaymentFixtures(payments, jdbc);
        PaymentOrderView order = fixtures.order(Money.fen(199_900), Duration.ofMinutes(15));
        try (Browser browser = Browser.open(port)) {
            Page page = browser.newPage("en");
            page.navigate(order.checkoutUrl() + "?lang=en");
            assertThat(page.locator("#amount").textContent()).isEqualTo("¥1,999.00");

            page.locator("#pay").click();

            page.locator("#status.ok").waitFor();
            assertThat(page.locator("#status").textContent()).isEqualTo("Paid");
            assertThat(page.locator("#pay").count()).isZero();
        }
        fixtures.awaitStatus(order.id(), PaymentStatus.PAID);
        assertThat(fixtures.publications(order.id(), "PaymentConfirmed")).isEqualTo(1);
    }

    @Test
    void cancellingOnTheCheckoutPageFailsTheOrder() {
        PaymentFixtures fixtures = new PaymentFixtures(payments, jdbc);
        PaymentOrderView order = fixtures.order(Money.fen(5_000), Duration.ofMinutes(15));
        try (Browser browser = Browser.open(port)) {
            Page page = browser.newPage();
            page.navigate(order.checkoutUrl());
            page.locator("#cancel").click();
            page.locator("#status.error").waitFor();
            assertThat(page.locator("#status").textContent()).isEqualTo("订单已关闭");
        }
        fixtures.awaitStatus(order.id(), PaymentStatus.FAILED);
    }

    @Test
    void operatorSeesPendingOrdersFromTheHomePage() {
        PaymentOrderView order = payments.createOrder(new CreatePaymentOrder("purchase:" + UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), Money.fen(777), "月卡", Duration.ofMinutes(15)));
        UserAccount operator = users.create(Role.OPERATOR);
        try (Browser browser = Browser.open(port)) {
            Page page = browser.loggedIn(operator.username(), TestUsers.PASSWORD);
            page.locator("a[href='/payments']").click();
            page.waitForURL("**/payments");
            assertThat(page.locator("#pending tr[data-id='" + order.id() + "']").textContent()).contains("¥7.77");
        }
    }
}
