package org.fangxin.protection.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.protection.Closures;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** In Chromium: an operator records a recovery on the recovery page; the regulator's dashboard shows it with its chart. */
@Tag("browser")
class ClosuresDashboardBrowserTests extends IntegrationTest {

    @Autowired Ledger ledger;
    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Closures closures;

    @Test
    void anOperatorRecordsARecoveryAndTheRegulatorSeesItOnTheClosuresDashboard() {
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "419950");
        Actor system = users.create(Role.OPERATOR).actor();
        UUID caseId = closures.mark(system, gym.id(), "门店关闭").id();
        closures.confirm(system, caseId, "核查确认");
        ClosureMoney money = new ClosureMoney(ledger);
        money.fundTopUp(100_000);
        money.compensatedCard(caseId, gym.id(), 10_000, 0, 30_000);

        UserAccount operator = users.create(Role.OPERATOR);
        UserAccount regulator = users.create(Role.REGULATOR);
        try (Browser browser = Browser.open(port)) {
            Page page = browser.loggedIn(operator.username(), TestUsers.PASSWORD);
            page.navigate("/protection/recovery");
            assertThat(page.locator("#receivables tr[data-case='" + caseId + "'] .open").textContent()).contains("300.00");
            page.locator("#receivables tr[data-case='" + caseId + "'] a").click();
            page.locator("#recover-amount").fill("120.50");
            page.locator("#recover-reference").fill("清算分配第一笔");
            page.locator("#recover").click();
            page.locator("#done").waitFor();
            assertThat(page.locator("#open").textContent()).contains("179.50");
            // A write-off above the open balance is refused with the reason, and changes nothing.
            page.locator("#write-off-amount").fill("180");
            page.locator("#write-off-reason").fill("清算终结");
            page.locator("#write-off").click();
            page.locator("#error").waitFor();
            assertThat(page.locator("#open").textContent()).contains("179.50");

            Page dashboard = browser.loggedIn(regulator.username(), TestUsers.PASSWORD);
            dashboard.navigate("/protection/oversight");
            var row = dashboard.locator("#cases tr[data-case='" + caseId + "']");
            assertThat(row.locator(".compensated").textContent()).contains("400.00");
            assertThat(row.locator(".open").textContent()).contains("179.50");
            assertThat(dashboard.locator("#byRegion tr[data-key='419950'] .compensated").textContent()).contains("400.00");
            assertThat(dashboard.evaluate("() => window.closuresChart ? window.closuresChart.data.datasets.length : 0")).isEqualTo(7);
        }
    }
}
