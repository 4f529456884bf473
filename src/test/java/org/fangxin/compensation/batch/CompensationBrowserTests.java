package org.fangxin.compensation.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** In Chromium: a cardholder reports the store closed, and after confirmation and payment sees the compensation. */
@Tag("browser")
class CompensationBrowserTests extends CompensationTestBase {

    @Test
    void aCardholderReportsTheStoreClosedAndLaterSeesTheCompensationPaid() {
        TestMerchants.Created gym = gym();
        ProductView pack = product(gym, ProductKind.SESSION_PACK, Money.yuan(900), 30, Term.months(3), RefundMethod.PRO_RATA_SESSIONS);
        UserAccount holder = users.create(Role.CONSUMER);
        buy(holder, pack);
        UserAccount second = users.create(Role.CONSUMER);
        buy(second, pack);
        UserAccount third = users.create(Role.CONSUMER);
        buy(third, pack);
        try (Browser browser = Browser.open(port)) {
            Page page = browser.loggedIn(holder.username(), TestUsers.PASSWORD);
            page.navigate("/protection/closure-report/" + gym.id());
            page.locator("#report textarea[name=note]").fill("门店已经关门, 电话打不通");
            page.locator("#report button[type=submit]").click();
            assertThat(page.locator("#done").isVisible()).isTrue();
            closures.report(second.actor(), gym.id(), "关门了");
            closures.report(third.actor(), gym.id(), "人去楼空");
            UUID caseId = jdbc.sql("select id from protection.closure_case where merchant_id = :m and status = 'SUSPECTED'")
                    .param("m", gym.id()).query(UUID.class).single();
            closures.confirm(users.create(Role.REGULATOR).actor(), caseId, "现场核实: 已闭店");
            CompensationRepository.Batch batch = awaitBatch(caseId);

            page.navigate("/compensations/mine");
            assertThat(page.locator("#compensations .amount").first().textContent()).isEqualTo("¥900.00");
            assertThat(page.locator("#compensations .status").first().textContent()).contains("待支付");
            page.locator("#compensations form.choose button").first().click();
            assertThat(page.locator("#done").isVisible()).isTrue();
            payer.payDue(batch.id(), Integer.MAX_VALUE, line -> { });
            payRefundsUntilSettled(batch.id());
            page.navigate("/compensations/mine");
            assertThat(page.locator("#compensations .status").first().textContent()).isEqualTo("已支付");

            Page anonymous = browser.newPage();
            anonymous.navigate("/public/closures/" + caseId);
            assertThat(anonymous.locator("#compensation-progress").textContent()).contains("1 / 3");
        }
    }
}
