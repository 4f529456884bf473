package org.fangxin.insurance;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountType;
import org.fangxin.shared.Money;
import org.fangxin.testing.Browser;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The insurer decides a claim line by line in its portal, in Chromium. */
@Tag("browser")
class ClaimPageTests extends InsuranceTest {

    @Test
    void theInsurerApprovesPartOfAClaimInItsPortalAndRecordsThePayment() {
        Insured insured = insuredGym(Money.yuan(50_000));
        var insurer = insured.insurer();
        var gym = insured.merchant();
        var policy = insured.policy();
        var ledgerState = new CompensationLedger(ledger);
        UUID caseId = UUID.randomUUID();
        UUID full = ledgerState.fundPaid(caseId, gym.id(), 120_000);
        UUID reduced = ledgerState.fundPaid(caseId, gym.id(), 80_000);
        ClaimView claim = claims.file(new NewClaim(caseId, gym.id(), ClosureTrigger.CLOSURE_CONFIRMED, policies.today(),
                List.of(new NewClaim.Line(full, UUID.randomUUID(), Money.fen(120_000)),
                        new NewClaim.Line(reduced, UUID.randomUUID(), Money.fen(80_000)))));

        new org.fangxin.testing.TestExposure(ledger).advance(gym.id(), 5_000_000, 3_000_000); // 30 yuan a month at 1.2 %
        premiums.billPeriod(java.time.YearMonth.from(policies.today()), "test");

        try (Browser browser = Browser.open(port)) {
            var page = browser.loggedIn(insurer.login().username(), TestUsers.PASSWORD);
            page.locator("a[href='/insurance']").click();
            page.waitForURL("**/insurance");
            page.locator("#claims a", new com.microsoft.playwright.Page.LocatorOptions().setHasText(claim.claimNumber())).click();
            page.waitForURL("**/insurance/claims/" + claim.id());
            assertThat(page.locator("#status")).hasText("FILED");

            page.locator("#line-1 form button").click(); // approve in full (the default)
            page.waitForURL("**/insurance/claims/" + claim.id());
            assertThat(page.locator("#done")).isVisible();
            page.locator("#line-2 select[name=decision]").selectOption("REDUCED");
            page.locator("#line-2 input[name=amountYuan]").fill("600.00");
            page.locator("#line-2 input[name=reason]").fill("已上两节课");
            page.locator("#line-2 form button").click();
            page.waitForURL("**/insurance/claims/" + claim.id());
            assertThat(page.locator("#status")).hasText("UNDER_REVIEW");
            assertThat(page.locator("#line-2")).containsText("¥600.00");
            page.locator("#decide").click();
            page.waitForURL("**/insurance/claims/" + claim.id());

            assertThat(page.locator("#status")).hasText("DECIDED");
            assertThat(page.locator("#outcome")).hasText("PARTLY_APPROVED");
            assertThat(page.locator("#approved")).hasText("¥1,800.00");
            page.locator("#payment-reference").fill("PICC-" + System.nanoTime());
            page.locator("#pay").click();
            page.waitForURL("**/insurance/claims/" + claim.id());
            assertThat(page.locator("#status")).hasText("PAID");
            assertThat(page.locator("#outcome")).hasText("PARTLY_APPROVED");

            // the policy's loss ratio counts the approved claim: 1,800 / 30 yuan
            page.navigate("/insurance");
            assertThat(page.locator("#claims")).containsText(claim.claimNumber());
            assertThat(page.locator("tr[data-policy='" + policy.id() + "'] .loss-ratio")).hasText("6000.00 %");
            page.locator("tr[data-policy='" + policy.id() + "'] a.policy-link").click();
            page.waitForURL("**/insurance/policies/" + policy.id());
            assertThat(page.locator("#premium-billed")).hasText("¥30.00");
            assertThat(page.locator("#claims-approved")).hasText("¥1,800.00");
            assertThat(page.locator("#loss-ratio")).hasText("6000.00 %");
            assertThat(page.locator("#bills tbody tr")).hasCount(1);
            assertThat(page.locator("#claims")).containsText(claim.claimNumber());

            // an operator sees it; another insurer does not
            var operator = browser.loggedIn(users.create(Role.OPERATOR).username(), TestUsers.PASSWORD);
            operator.navigate("/insurance/claims/" + claim.id());
            assertThat(operator.locator("#outcome")).hasText("PARTLY_APPROVED");
            assertThat(operator.locator("#decide")).hasCount(0);
        }
        org.assertj.core.api.Assertions.assertThat(ledgerState.balance(AccountType.SUBROGATION_RECEIVABLE, gym.id()))
                .isEqualTo(Money.fen(20_000));
        var other = fixtures.insurer(100, Money.yuan(1_000));
        org.assertj.core.api.Assertions.assertThat(api().as(other.login()).get("/api/v1/insurance/claims/" + claim.id()).status())
                .isEqualTo(404);
    }
}
