package org.fangxin.bank.custodian;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Browser journey (Chromium): operators register a custodian bank, make a bank user its member and move a merchant. */
@Tag("browser")
class CustodianBankPageTests extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Ledger ledger;

    /**
     * Goal: an operator registers a bank and makes a bank user its member from the page (names shown, Chinese); it
     * proposes a merchant's move from the merchant's sub-account page and cannot decide it itself; money arriving
     * before the decision makes a second operator's "apply" refused with the problem in Chinese; the second operator
     * rejects the move, and the merchant stays at its bank.
     */
    @Test
    void operatorsRegisterABankAssignAUserAndDecideAMoveUnderDualControl() {
        UserAccount maker = users.create(Role.OPERATOR);
        UserAccount checker = users.create(Role.OPERATOR);
        UserAccount bankUser = users.create(Role.BANK);
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
        String code = "PGB" + (System.nanoTime() % 100_000_000L);
        String nameZh = "中原测试银行" + code.substring(3);

        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(maker.username(), TestUsers.PASSWORD);
            page.locator("a[href='/bank/custodian-banks']").first().click();
            page.locator("#register-bank input[name=code]").fill(code);
            page.locator("#register-bank input[name=nameZh]").fill(nameZh);
            page.locator("#register-bank input[name=nameEn]").fill("Zhongyuan test bank");
            page.locator("#register-bank input[name=custodyAccount]").fill("CUST-" + code);
            page.locator("#register-bank button").click();
            assertThat(page.locator("#done")).isVisible();
            assertThat(page.locator("#banks tr[data-bank='" + code + "']")).containsText(nameZh);

            page.locator("#add-member select[name=userId]").selectOption(bankUser.id().toString());
            page.locator("#add-member select[name=bank]").selectOption(code);
            page.locator("#add-member button").click();
            assertThat(page.locator("#members tr", new com.microsoft.playwright.Page.LocatorOptions().setHasText(bankUser.displayName())))
                    .containsText(nameZh);

            page.navigate("/bank/portal/merchants/" + gym.id());
            page.locator("#propose-move select[name=toBank]").selectOption(code);
            page.locator("#propose-move button").click();
            assertThat(page.locator("#done")).isVisible();
            page.navigate("/bank/custodian-banks");
            var move = page.locator("#open-moves tr", new com.microsoft.playwright.Page.LocatorOptions().setHasText(gym.merchant().legalName()));
            assertThat(move).containsText(nameZh);
            move.locator("button.apply").click();
            assertThat(page.locator("#error")).containsText("不能同时批准或驳回");
        }

        var escrow = ledger.open(AccountType.ESCROW, gym.id(), Money.CNY).id();
        var clearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY).id();
        ledger.post(NewTransfer.of("bank-move-page-" + UUID.randomUUID(), "test funding",
                EntryLine.debit(escrow, Money.fen(88_00)), EntryLine.credit(clearing, Money.fen(88_00))));

        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(checker.username(), TestUsers.PASSWORD);
            page.navigate("/bank/custodian-banks");
            var move = page.locator("#open-moves tr", new com.microsoft.playwright.Page.LocatorOptions().setHasText(gym.merchant().legalName()));
            move.locator("button.apply").click();
            assertThat(page.locator("#error")).containsText("不能更换托管银行");
            move.locator("button.reject").click();
            assertThat(page.locator("#done")).isVisible();
            assertThat(move).hasCount(0);
            page.navigate("/bank/portal/merchants/" + gym.id());
            assertThat(page.locator("#current-bank")).not().containsText(nameZh);
        }
    }
}
