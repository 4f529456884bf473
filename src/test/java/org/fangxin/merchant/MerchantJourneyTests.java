package org.fangxin.merchant;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A merchant applies through the form, an operator approves it in the queue, and the owner sees it ACTIVE. */
@Tag("browser")
class MerchantJourneyTests extends IntegrationTest {

    @Autowired
    Merchants merchants;

    @Autowired
    Users accounts;

    @Test
    void applicantIsApprovedInTheQueueAndTheOwnerSeesTheMerchantActive() {
        var application = new TestMerchants(merchants, accounts).application(Sector.SPORTS_FITNESS, "410200");
        String code = application.creditCode();
        String typo = code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
        try (Browser browser = Browser.open(port)) {
            Page applicant = browser.newPage();
            applicant.navigate("/login");
            applicant.locator("a[href='/signup/merchant']").click();
            applicant.waitForURL("**/signup/merchant");
            applicant.locator("#legalName").fill(application.legalName());
            applicant.locator("#creditCode").fill(typo);
            assertThat(applicant.locator("#creditCode-check.bad")).isVisible();
            applicant.locator("#sector").selectOption("SPORTS_FITNESS");
            applicant.locator("#regionCode").fill("410200");
            applicant.locator("#licensedOn").fill("2019-05-20");
            applicant.locator("#registeredCapitalYuan").fill("1000000");
            applicant.locator("#priorYearRevenueYuan").fill("2345678.9");
            applicant.locator("[id='stores0.name']").fill("铁塔健身 测试店");
            applicant.locator("[id='stores0.address']").fill("开封市鼓楼区中山路1号");
            applicant.locator("[id='stores0.leaseEndsOn']").fill("2031-12-31");
            applicant.locator("#accountName").fill(application.legalName());
            applicant.locator("#bankName").fill("中国银行开封分行");
            applicant.locator("#accountNumber").fill("6217 0000 1111 2222");
            applicant.locator("#ownerUsername").fill(application.ownerUsername());
            applicant.locator("#ownerPassword").fill("journey-secret-1");
            applicant.locator("#contactMobile").fill("13800138000");
            applicant.locator("#merchant-application button[type=submit]").click();

            // Server-side validation shows the mistake inline and keeps what was typed (except the password).
            assertThat(applicant.locator("em[data-field=creditCode]")).isVisible();
            assertThat(applicant.locator("#legalName")).hasValue(application.legalName());
            applicant.locator("#creditCode").fill(code.toLowerCase());
            assertThat(applicant.locator("#creditCode-check.ok")).isVisible();
            applicant.locator("#ownerPassword").fill("journey-secret-1");
            applicant.locator("#merchant-application button[type=submit]").click();
            applicant.waitForURL("**/signup/merchant/submitted");
            assertThat(applicant.locator("#submitted")).containsText(application.ownerUsername());

            var operator = users.create(Role.OPERATOR);
            Page queue = browser.loggedIn(operator.username(), TestUsers.PASSWORD);
            queue.locator("a[href='/merchants/queue']").click();
            var row = queue.locator("#queue tr", new Page.LocatorOptions().setHasText(application.legalName()));
            assertThat(row.locator(".licensed-on")).hasText("2019-05-20");
            assertThat(row).containsText("¥2,345,678.90");
            row.locator("button.approve").click();
            assertThat(queue.locator("#notice")).containsText(application.legalName());
            assertThat(queue.locator("#queue tr", new Page.LocatorOptions().setHasText(application.legalName()))).hasCount(0);

            Page owner = browser.loggedIn(application.ownerUsername(), "journey-secret-1");
            owner.locator("a[href='/merchants/mine']").click();
            assertThat(owner.locator("#status")).hasAttribute("data-status", "ACTIVE");
            assertThat(owner.locator("#history")).containsText(operator.username());
            assertThat(owner.locator("#stores")).containsText("铁塔健身 测试店");
            assertThat(owner.locator("#registered-capital")).containsText("1,000,000.00");
            owner.locator("#business-facts input[name=priorYearRevenueYuan]").fill("3000000");
            owner.locator("#business-facts button[type=submit]").click();
            assertThat(owner.locator("#prior-year-revenue")).containsText("3,000,000.00");
            assertThat(owner.locator("#history")).containsText("¥3,000,000.00");
        }
    }

    @Test
    void operatorRejectsWithAReasonFromTheQueue() {
        var pending = new TestMerchants(merchants, accounts).pendingMerchant(Sector.EDUCATION, "410200");
        var operator = users.create(Role.OPERATOR);
        try (Browser browser = Browser.open(port)) {
            Page queue = browser.loggedIn(operator.username(), TestUsers.PASSWORD);
            queue.navigate("/merchants/queue?lang=en");
            var row = queue.locator("#queue tr", new Page.LocatorOptions().setHasText(pending.merchant().legalName()));
            row.locator("input[name=reason]").fill("business licence does not match the legal name");
            row.locator("button.reject").click();
            assertThat(queue.locator("#notice")).containsText("Rejected");
            queue.navigate("/merchants/" + pending.id());
            assertThat(queue.locator("#status")).hasAttribute("data-status", "REJECTED");
            assertThat(queue.locator("#history")).containsText("business licence does not match");
        }
    }

    @Test
    void ownerAddsAStoreAndOperatorAndRegulatorActOnTheMerchantPage() {
        var merchant = new TestMerchants(merchants, accounts).activeMerchant(Sector.EDUCATION, "410200");
        try (Browser browser = Browser.open(port)) {
            Page owner = browser.loggedIn(merchant.ownerUsername(), TestUsers.PASSWORD);
            owner.navigate("/merchants/mine?lang=en");
            owner.locator("#add-store input[name=name]").fill("Second campus");
            owner.locator("#add-store input[name=address]").fill("Kaifeng, Longting district 8");
            owner.locator("#add-store input[name=leaseEndsOn]").fill("2020-01-01");
            owner.locator("#add-store button").click();
            assertThat(owner.locator("#failure")).containsText("lease");
            owner.locator("#add-store input[name=name]").fill("Second campus");
            owner.locator("#add-store input[name=address]").fill("Kaifeng, Longting district 8");
            owner.locator("#add-store input[name=leaseEndsOn]").fill("2032-08-31");
            owner.locator("#add-store button").click();
            assertThat(owner.locator("#stores")).containsText("Second campus");
            assertThat(owner.locator("#actions")).hasCount(0);

            Page operator = browser.loggedIn(users.create(Role.OPERATOR).username(), TestUsers.PASSWORD);
            operator.navigate("/merchants/" + merchant.id() + "?lang=en");
            operator.locator("button[data-action=SUSPEND]").click();
            assertThat(operator.locator("#status")).hasAttribute("data-status", "ACTIVE");
            operator.locator("form:has(button[data-action=SUSPEND]) input[name=reason]").fill("unpaid refunds");
            operator.locator("button[data-action=SUSPEND]").click();
            assertThat(operator.locator("#status")).hasAttribute("data-status", "SUSPENDED");
            assertThat(operator.locator("#may-sell")).containsText("Suspended");

            Page regulator = browser.loggedIn(users.create(Role.REGULATOR, null, "EDUCATION").username(), TestUsers.PASSWORD);
            regulator.navigate("/merchants/" + merchant.id() + "?lang=en");
            regulator.locator("input[name=abnormalOperation]").check();
            regulator.locator("form.flags input[name=reason]").fill("listed 2026-03-01");
            regulator.locator("form.flags button").click();
            assertThat(regulator.locator("#flags")).containsText("Abnormal-operation list");
            assertThat(regulator.locator("#history")).containsText("Put on the abnormal-operation list. listed 2026-03-01");
        }
    }

    @Test
    void pagesRefuseCallersWithoutTheRole() {
        var merchant = new TestMerchants(merchants, accounts).activeMerchant(Sector.BEAUTY, "410200");
        try (Browser browser = Browser.open(port)) {
            Page consumer = browser.loggedIn(users.create(Role.CONSUMER).username(), TestUsers.PASSWORD);
            assertThat(consumer.navigate("/merchants/queue").status()).isEqualTo(403);
            assertThat(consumer.navigate("/merchants/" + merchant.id()).status()).isEqualTo(403);
            Page otherOwner = browser.loggedIn(new TestMerchants(merchants, accounts)
                    .activeMerchant(Sector.BEAUTY, "410200").ownerUsername(), TestUsers.PASSWORD);
            assertThat(otherOwner.navigate("/merchants/" + merchant.id()).status()).isEqualTo(404);
            Page anonymous = browser.newPage();
            anonymous.navigate("/merchants/queue");
            anonymous.waitForURL("**/login");
        }
    }
}
