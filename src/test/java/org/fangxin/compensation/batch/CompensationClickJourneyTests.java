package org.fangxin.compensation.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Closure compensation by clicking, on a phone and a desktop: the consumer (who used one of 30 sessions) asks for a
 * refund, which waits for the merchant; an
 * operator opens the merchant's page and closes it, which leads to a closure case (never straight to CLOSED), and
 * confirms it; the consumer's refund request is then superseded, and the consumer accepts the cash compensation from
 * 我的 → 我的赔付 and later sees it paid.
 */
class CompensationClickJourneyTests extends CompensationTestBase {

    @ParameterizedTest(name = "{0} × {1}")
    @CsvSource({"390, 844", "1280, 800"})
    void anOperatorClosesTheMerchantThroughACaseAndTheConsumerAcceptsTheCompensation(int width, int height) throws Exception {
        clock.advance(Duration.ofSeconds(2)); // newest merchant: first on the operator's merchant list
        TestMerchants.Created gym = gym();
        ProductView pack = product(gym, ProductKind.SESSION_PACK, Money.yuan(900), 30, Term.months(3), RefundMethod.PRO_RATA_SESSIONS);
        UserAccount holder = users.create(Role.CONSUMER);
        UUID cardId = buy(holder, pack);
        // One session used: the refund is no cooling-off refund, so it waits for the merchant (who may contest it).
        redeem(holder, cardId, pack.storeIds().get(0), gym.id(), 1, null);
        UserAccount operator = users.create(Role.OPERATOR);
        Path shots = Path.of("target/screenshots");
        Files.createDirectories(shots);
        String size = width + "x" + height;
        try (Browser browser = Browser.open(port)) {
            Page phone = browser.newPage(width, height);
            phone.navigate("/");
            logIn(phone, holder.username());
            phone.locator("#tab-cards").click();
            phone.locator("[data-card='" + cardId + "']").click();
            phone.locator("#ask-refund").click();
            phone.locator("#confirm").click();
            phone.locator("#requested").waitFor();
            assertThat(phone.locator("#refunds .status").first().textContent()).isEqualTo("待商户确认");

            Page desk = browser.newPage(width, height);
            desk.navigate("/");
            logIn(desk, operator.username());
            desk.locator(".menu a[href='/merchants']").click();
            desk.locator("a[href='/merchants/" + gym.id() + "']").click();
            desk.locator("#close-via-case").click();
            assertThat(desk.locator("#mark-merchant").inputValue()).isEqualTo(gym.id().toString());
            desk.locator("#mark-evidence").fill("门店人去楼空，电话不通");
            desk.locator("#mark").click();
            desk.locator("[data-case] form.confirm input[name=evidence]").first().waitFor();
            var row = desk.locator("tr:has(code:text('" + gym.id() + "'))");
            row.locator("form.confirm input[name=evidence]").fill("现场核实：已闭店");
            row.locator("form.confirm button").click();
            desk.locator("#done").waitFor();
            UUID caseId = closures.mine(gym.ownerActor()).get(0).id();
            CompensationRepository.Batch batch = awaitBatch(caseId);

            phone.locator("#tab-me").click();
            phone.locator(".menu a[href='/refunds']").click();
            // The supersession follows the closure as an event after commit: the page shows it once it has run.
            for (int i = 0; i < 40 && !phone.locator("#refunds .status").first().textContent().equals("已被取代"); i++) {
                phone.waitForTimeout(500);
                phone.reload();
            }
            assertThat(phone.locator("#refunds .status").first().textContent()).isEqualTo("已被取代");
            phone.locator("#tab-me").click();
            phone.locator(".menu a[href='/compensations/mine']").click();
            assertThat(phone.locator("#compensations .amount").first().textContent()).isEqualTo("¥870.00");
            phone.locator("#compensations form.choose button").first().click();
            phone.locator("#done").waitFor();
            phone.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("compensation-" + size + ".png")).setFullPage(true));
            payer.payDue(batch.id(), Integer.MAX_VALUE, line -> { });
            payRefundsUntilSettled(batch.id());
            phone.locator("#tab-me").click();
            phone.locator(".menu a[href='/compensations/mine']").click();
            assertThat(phone.locator("#compensations .status").first().textContent()).isEqualTo("已支付");
        }
        assertBooks(gym.id(), "after the compensation");
    }

    static void logIn(Page page, String username) {
        Browser.logInFromHere(page, username, TestUsers.PASSWORD);
    }
}
