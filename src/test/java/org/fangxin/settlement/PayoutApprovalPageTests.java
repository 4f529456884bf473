package org.fangxin.settlement;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Browser journey (Chromium): the maker cannot approve its own large payout; a second operator approves it. */
@Tag("browser")
class PayoutApprovalPageTests extends IntegrationTest {

    @Autowired
    Merchants merchants;

    @Autowired
    Users accounts;

    @Autowired
    Ledger ledger;

    /**
     * Goal: a payout of 60,000 yuan proposed by one operator's run shows on the dual-control page without buttons for
     * that operator; a second operator approves it there and it moves to the decided list as instructed.
     */
    @Test
    void secondOperatorApprovesALargePayoutInTheBrowser() {
        var fixtures = new SettlementFixtures(ledger, merchants, accounts, clock);
        var gym = fixtures.merchant(Sector.SPORTS_FITNESS);
        fixtures.purchaseAndRedeem(gym.id(), 100_000_00L, 60_000_00L);
        LocalDate date = fixtures.advanceToNextBusinessDay();
        UserAccount maker = users.create(Role.OPERATOR);
        UserAccount checker = users.create(Role.OPERATOR);
        var run = api().as(maker).post("/api/v1/settlement/runs", Map.of("settlementDate", date.toString()), "browser-" + date + gym.id());
        org.assertj.core.api.Assertions.assertThat(run.status()).isEqualTo(201);
        String payoutId = api().as(maker).get("/api/v1/settlement/payouts?merchantId=" + gym.id()).json().get(0).get("id").asString();

        try (Browser browser = Browser.open(port)) {
            var makerPage = browser.loggedIn(maker.username(), TestUsers.PASSWORD);
            makerPage.navigate("/settlement/approvals");
            var makerRow = makerPage.locator("#awaiting tr[data-payout='" + payoutId + "']");
            assertThat(makerRow).isVisible();
            assertThat(makerRow.locator("form.approve")).hasCount(0);

            var page = browser.loggedIn(checker.username(), TestUsers.PASSWORD);
            page.navigate("/");
            page.locator("a[href='/settlement/approvals']").click();
            var row = page.locator("#awaiting tr[data-payout='" + payoutId + "']");
            assertThat(row).containsText("¥60,000.00");
            row.locator("form.approve button").click();

            assertThat(page.locator("#approval-done")).isVisible();
            assertThat(page.locator("#awaiting tr[data-payout='" + payoutId + "']")).hasCount(0);
            assertThat(page.locator("#decided tr[data-payout='" + payoutId + "']")).containsText(checker.username());
        }
        org.assertj.core.api.Assertions.assertThat(fixtures.balance(AccountType.MERCHANT_SETTLEMENT, gym.id()))
                .isEqualTo(Money.fen(60_000_00L));
    }
}
