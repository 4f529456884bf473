package org.fangxin.bank.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.shared.Money;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("browser")
class ReconciliationPageTests extends IntegrationTest {

    static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    /** An operator uploads a camt.053 with a bank fee nobody booked, works the break, and a second operator approves it. */
    @Test
    void operatorUploadsAStatementSeesTheBreakAndASecondOperatorApprovesIt() {
        UserAccount maker = users.create(Role.OPERATOR);
        UserAccount checker = users.create(Role.OPERATOR);
        String account = "ZZ" + SEQUENCE.incrementAndGet();
        LocalDate day = LocalDate.of(2020, 2, 3);
        String xml = new Camt053Builder("STMT-" + account, account, day)
                .balances(Money.fen(10_00), Money.fen(7_50))
                .entry(Money.fen(-2_50), null, "BK-" + account, "手续费")
                .xml();
        try (Browser browser = Browser.open(port)) {
            Page page = browser.loggedIn(maker.username(), TestUsers.PASSWORD);
            page.navigate("/reconciliation");
            page.locator("#format").selectOption("CAMT053");
            page.locator("#file").setInputFiles(new FilePayload("statement.xml", "application/xml", xml.getBytes(StandardCharsets.UTF_8)));
            page.locator("#upload-submit").click();
            page.waitForURL("**/reconciliation");
            assertThat(page.locator("#imported").textContent()).contains("0", "1");

            Locator row = page.locator("#breaks tr").filter(new Locator.FilterOptions().setHasText(account));
            assertThat(row.getAttribute("data-kind")).isEqualTo("BANK_ONLY");
            row.locator("button.assign").click();
            row = page.locator("#breaks tr").filter(new Locator.FilterOptions().setHasText(account));
            row.locator("input.explanation").fill("跨行转账手续费，账本未记");
            row.locator("button.explain").click();
            row = page.locator("#breaks tr").filter(new Locator.FilterOptions().setHasText(account));
            row.locator("button.resolve").click();
            row = page.locator("#breaks tr").filter(new Locator.FilterOptions().setHasText(account));
            assertThat(row.locator("button.approve").count()).isZero();

            Page second = browser.loggedIn(checker.username(), TestUsers.PASSWORD);
            second.navigate("/reconciliation?date=" + day);
            second.locator("#breaks tr").filter(new Locator.FilterOptions().setHasText(account)).locator("button.approve").click();
            second.waitForURL("**/reconciliation");
            assertThat(second.locator("#breaks tr").filter(new Locator.FilterOptions().setHasText(account)).count()).isZero();
            second.navigate("/reconciliation?date=" + day);
            assertThat(second.locator("#certificate tr[data-account='" + account + "']").count()).isEqualTo(1);

            Page bank = browser.loggedIn(users.create(Role.BANK).username(), TestUsers.PASSWORD);
            assertThat(bank.navigate("/reconciliation/certificates?date=" + day).status()).isEqualTo(200);
            assertThat(bank.locator("tr[data-account='" + account + "']").count()).isEqualTo(1);
            assertThat(bank.navigate("/reconciliation").status()).isEqualTo(403);
        }
    }
}
