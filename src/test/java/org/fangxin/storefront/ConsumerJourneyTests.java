package org.fangxin.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.testing.Browser;
import org.fangxin.testing.FakeCamera;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The consumer H5 and the merchant counter, in Chromium, on a phone (390 × 844) and a desktop (1280 × 800), starting at
 * the home page and only clicking (and typing into forms): log in, pick a product card, read how the purchase is
 * protected, buy, pay in the sandbox, land on the new card, show the QR code; the staff's browser decodes that QR code
 * (on the phone from a photo, on the desktop from the camera, Chromium's fake camera filming the screenshot), sees the
 * card and confirms; the consumer sees the redemption and the protection of what is left, asks for a refund and files
 * a complaint from the card's page.
 * Screenshots of each screen go to target/screenshots/ (copied to docs/screenshots/).
 */
class ConsumerJourneyTests extends IntegrationTest {

    static final Path SHOTS = Path.of("target/screenshots");

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Products products;

    @ParameterizedTest(name = "{0} × {1}")
    @CsvSource({"390, 844", "1280, 800"})
    void buyPayShowTheQrCodeTheCounterScansItAndTheConsumerAsksForARefund(int width, int height) throws Exception {
        StorefrontFixtures fixtures = new StorefrontFixtures(merchants, accounts, products);
        TestMerchants.Created gym = fixtures.gym();
        ProductView pack = fixtures.sessionPack(gym, "私教十次卡", 600, 10);
        UserAccount consumer = users.create(Role.CONSUMER);
        UserAccount staff = new TestMerchants(merchants, accounts).staff(gym.id());
        String size = width + "x" + height;
        Files.createDirectories(SHOTS);
        byte[] qr;
        try (Browser browser = Browser.open(port)) {
            Page phone = browser.newPage(width, height);
            phone.navigate("/");
            logIn(phone, consumer.username());
            phone.locator("#tab-home").click();
            phone.locator("[data-product='" + pack.id() + "']").click();
            assertThat(phone.locator("#protection").textContent()).contains("存管比例", "风险保证金", "跑路赔", "FX-CUSTODY", "投诉统计", "暂无投诉");
            assertThat(phone.locator("#cooling-off").textContent()).contains("冷静期 7 天");
            assertThat(phone.locator("#refund-terms").textContent()).contains("按剩余次数比例计算");
            shot(phone, "product-" + size);
            phone.locator("#accept").check();
            phone.locator("#buy").click();
            phone.waitForURL("**/public/sandbox-pay/**");
            phone.locator("#pay").click();
            phone.locator("#done").waitFor();
            shot(phone, "paid-" + size);
            phone.locator("#to-card").click();
            phone.locator("#show-code").click();
            Locator code = phone.locator("#qr");
            code.waitFor();
            assertThat(phone.locator("#countdown").textContent()).matches("1[0-2][0-9]s");
            assertThat(phone.locator("#code-renewal").getAttribute("hx-trigger")).matches("load delay:1[01][0-9]s");
            shot(phone, "qr-" + size);
            qr = code.screenshot();

            if (width < 600) {
                // The phone's camera app: the counter decodes a photo of the QR code. The photo is chosen before the
                // page's deferred script has run (as on a loaded phone or server, where this case used to time out):
                // the script is held back and added once the photo is in, and must still read it.
                Page counter = browser.newPage(width, height);
                counter.route("**/js/counter.js", com.microsoft.playwright.Route::abort);
                counter(counter, staff);
                counter.locator("#photo").setInputFiles(Files.write(SHOTS.resolve("qr-photo-" + size + ".png"), qr));
                counter.unroute("**/js/counter.js");
                counter.addScriptTag(new Page.AddScriptTagOptions().setUrl("/js/counter.js"));
                redeemTwo(counter, pack, size);
            } else {
                // The camera in the browser (getUserMedia): Chromium's fake camera films the QR code's screenshot.
                Path video = FakeCamera.y4m(qr, SHOTS.resolve("qr-" + size + ".y4m"));
                try (Browser camera = Browser.withFakeCamera(port, video)) {
                    Page counter = counter(camera.newPage(width, height), staff);
                    counter.locator("#start-scan").click();
                    redeemTwo(counter, pack, size);
                }
            }

            phone.locator("#tab-cards").click();
            phone.locator("[data-card]").first().click();
            assertThat(phone.locator("#remaining").textContent()).contains("剩余 8 / 10 次");
            phone.locator("#cover-sentence").waitFor();
            assertThat(phone.locator("#cover-sentence").textContent()).contains("您未使用的 ¥480.00 由以下资金保障", "银行存管");
            shot(phone, "card-" + size);
            phone.locator("#ask-refund").click();
            phone.locator("#confirm").click();
            phone.locator("#requested").waitFor();
            assertThat(phone.locator("#refunds .status").first().textContent()).isEqualTo("待商户确认");
            shot(phone, "refund-" + size);

            // A way to complain from the card's page: the complaint intake names the card, and the case is filed.
            phone.locator("#tab-cards").click();
            phone.locator("[data-card]").first().click();
            phone.locator("#complain").click();
            phone.locator("#category").selectOption("QUALITY");
            phone.locator("#askedAction").fill("补上缩短的课时");
            phone.locator("#description").fill("教练多次迟到，课程时间被缩短。");
            phone.locator("#submit-complaint").click();
            phone.locator("#filed, #error").first().waitFor(new Locator.WaitForOptions().setTimeout(30_000));
            assertThat(phone.locator("#error").count()).as(() -> phone.url() + ": " + phone.locator("#error").allTextContents())
                    .isZero();
            shot(phone, "complaint-" + size);
            assertThat(phone.locator("#stage").getAttribute("data-stage")).isEqualTo("MERCHANT_NEGOTIATION");
        }
    }

    private static Page counter(Page page, UserAccount staff) {
        page.navigate("/");
        logIn(page, staff.username());
        page.locator(".menu a[href='/cards/redeem']").click();
        page.locator("#scanner").waitFor();
        return page;
    }

    private static void redeemTwo(Page counter, ProductView pack, String size) throws Exception {
        counter.locator("#scanned-product").waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        assertThat(counter.locator("#scanned-product").textContent()).isEqualTo(pack.name());
        assertThat(counter.locator("#scanned-remaining").textContent()).contains("剩余 10 / 10 次");
        counter.locator("#confirm-sessions").fill("2");
        shot(counter, "counter-" + size);
        counter.locator("#confirm-redeem").click();
        counter.locator("#redeem-done").waitFor();
        assertThat(counter.locator("#redeem-done").textContent()).contains("核销成功", "2 次", "剩余 8 / 10 次");
        counter.locator("#today").getByText(pack.name()).waitFor();
        shot(counter, "counter-done-" + size);
    }

    static void logIn(Page page, String username) {
        Browser.logInFromHere(page, username, TestUsers.PASSWORD);
    }

    static void shot(Page page, String name) throws Exception {
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
