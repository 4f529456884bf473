package org.fangxin.bank.portal;

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

/** Browser journey (Chromium): the bank finds a merchant in its portal and reads its balance and movements. */
@Tag("browser")
class BankPortalPageTests extends IntegrationTest {

    @Autowired
    Merchants merchants;

    @Autowired
    Users accounts;

    @Autowired
    Ledger ledger;

    /** Goal: a bank user logs in, opens the portal from the home page, opens a merchant and sees escrow and movements. */
    @Test
    void bankUserSeesAMerchantsSupervisedBalanceAndMovements() {
        // The portal lists merchants newest first; merchants other tests applied at the same clock instant tie, and
        // their UUIDv7 ids are random past the timestamp: a second later, this gym is strictly the newest (page 1).
        clock.advance(java.time.Duration.ofSeconds(1));
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var clearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY).id();
        var escrow = ledger.open(AccountType.ESCROW, gym.id(), Money.CNY).id();
        ledger.post(NewTransfer.of("portal-page-" + UUID.randomUUID(), "test funding",
                EntryLine.debit(escrow, Money.fen(1_234_00)), EntryLine.credit(clearing, Money.fen(1_234_00))));
        UserAccount bank = users.create(Role.BANK);

        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(bank.username(), TestUsers.PASSWORD);
            page.locator("a[href='/bank/portal']").click();
            var row = page.locator("#balances tr[data-merchant='" + gym.id() + "']");
            assertThat(row).containsText("¥1,234.00");
            row.locator("a").click();

            assertThat(page.locator("#escrow-sub-account")).hasText(java.util.regex.Pattern.compile("FX[0-9]{10}"));
            assertThat(page.locator("#balance-escrow")).hasText("¥1,234.00");
            assertThat(page.locator("#movements tbody tr")).hasCount(1);
            assertThat(page.locator("#movements tbody tr").first()).containsText("¥1,234.00");
        }
    }

    @Autowired
    org.fangxin.bank.custodian.CustodianBanks custodianBanks;

    /**
     * Goal: a user of another custodian bank does not see the merchant in its portal and opening the merchant's page
     * answers "not found" (another bank's object is a 404), while the merchant's own bank sees it.
     */
    @Test
    void aUserOfAnotherBankNeitherListsNorOpensTheMerchant() {
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
        UserAccount operator = users.create(Role.OPERATOR);
        var actor = new org.fangxin.identity.Actor(operator.id(), operator.username(), Role.OPERATOR, null, null);
        String code = "PG" + (System.nanoTime() % 100_000_000L);
        custodianBanks.register(actor, code, "另一家银行", "Another bank", "CUST-" + code);
        UserAccount other = users.create(Role.BANK);
        custodianBanks.addMember(actor, code, other.id());

        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(other.username(), TestUsers.PASSWORD);
            page.navigate("/bank/portal");
            assertThat(page.locator("#balances tr[data-merchant='" + gym.id() + "']")).hasCount(0);
            var answer = page.navigate("/bank/portal/merchants/" + gym.id());
            org.assertj.core.api.Assertions.assertThat(answer.status()).isEqualTo(404);
        }
    }

    @Autowired
    org.fangxin.bank.BankExchange exchange;

    /**
     * Goal (issue 13): the operator's portal shows payout files and instructions per custodian bank by name, each
     * instruction naming its bank, and opens one bank's certificate; a user of that bank sees only its own bank's row,
     * and its instructions page names its bank and lists the payout its bank received.
     */
    @Test
    void payoutFilesAndInstructionsAreShownPerCustodianBankByName() {
        UserAccount operator = users.create(Role.OPERATOR);
        UserAccount checker = users.create(Role.OPERATOR);
        var maker = new org.fangxin.identity.Actor(operator.id(), operator.username(), Role.OPERATOR, null, null);
        var second = new org.fangxin.identity.Actor(checker.id(), checker.username(), Role.OPERATOR, null, null);
        String code = "PS" + (System.nanoTime() % 100_000_000L);
        String name = "豫东银行" + code.substring(2);
        custodianBanks.register(maker, code, name, "Yudong bank", "CUST-" + code);
        UserAccount member = users.create(Role.BANK);
        custodianBanks.addMember(maker, code, member.id());
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
        custodianBanks.decideMove(second, custodianBanks.proposeMove(maker, gym.id(), code).id(), true);
        String endToEndId = "PS" + (System.nanoTime() % 1_000_000_000L);
        var receipts = exchange.sendPayouts(java.util.List.of(new org.fangxin.bank.PayoutInstruction(endToEndId,
                exchange.subAccountOf(gym.id()), "测试商户", "开封银行", "6222000011113333", Money.fen(88_00), "payout")),
                java.time.LocalDate.now(clock));
        org.assertj.core.api.Assertions.assertThat(receipts).hasSize(1);

        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(operator.username(), TestUsers.PASSWORD);
            page.navigate("/bank/portal");
            var status = page.locator("#payout-status tr[data-bank='" + code + "']");
            assertThat(status).containsText(name);
            assertThat(status.locator("td").nth(1)).hasText("1");
            assertThat(page.locator("#payout-status tr[data-bank='DEFAULT']")).hasCount(1);
            assertThat(page.locator("#sent-instructions tr", new com.microsoft.playwright.Page.LocatorOptions().setHasText(endToEndId))
                    .locator("td.bank")).hasText(name);
            page.navigate("/reconciliation/certificates?bank=" + code);
            assertThat(page.locator("#certificate-bank option[selected]")).hasText(name);
        }
        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(member.username(), TestUsers.PASSWORD);
            page.navigate("/bank/portal");
            assertThat(page.locator("#payout-status tbody tr")).hasCount(1);
            assertThat(page.locator("#payout-status tbody tr")).containsText(name);
            page.navigate("/bank/instructions");
            assertThat(page.locator("#custodian-bank")).containsText(name);
            assertThat(page.locator("#instructions tr[data-id='" + endToEndId + "']")).hasCount(1);
        }
    }
}
