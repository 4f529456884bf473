package org.fangxin.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * axe-core on the consumer pages, reached by clicking as a consumer on a phone: the home, a product with its
 * protection, the checkout result, my cards, a card with its QR code, messages, 我的, my refunds and compensations,
 * and the login page. No serious or critical violation is allowed.
 */
class ConsumerAccessibilityTests extends IntegrationTest {

    static final Set<String> BLOCKING = Set.of("serious", "critical");

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Products products;

    @Test
    void theConsumerPagesHaveNoSeriousOrCriticalAxeViolations() {
        StorefrontFixtures fixtures = new StorefrontFixtures(merchants, accounts, products);
        TestMerchants.Created gym = fixtures.gym();
        ProductView pack = fixtures.sessionPack(gym, "私教十次卡", 600, 10);
        UserAccount consumer = users.create(Role.CONSUMER);
        List<String> violations = new ArrayList<>();
        try (Browser browser = Browser.open(port)) {
            Page page = browser.newPage(390, 844);
            page.navigate("/");
            check(page, "home (visitor)", violations);
            page.locator("#login").click();
            check(page, "login", violations);
            page.locator("#username").fill(consumer.username());
            page.locator("#password").fill(TestUsers.PASSWORD);
            page.locator("form.card button[type=submit]").click();
            page.waitForURL("**/home");
            check(page, "我的", violations);
            page.locator("#tab-home").click();
            check(page, "home", violations);
            page.locator("[data-product='" + pack.id() + "']").click();
            check(page, "product", violations);
            page.locator("#accept").check();
            page.locator("#buy").click();
            page.locator("#pay").click();
            page.locator("#done").waitFor();
            check(page, "purchase result", violations);
            page.locator("#to-card").click();
            page.locator("#show-code").click();
            page.locator("#qr").waitFor();
            page.locator("#card-protection").waitFor();
            check(page, "card with QR code", violations);
            page.locator("#tab-cards").click();
            check(page, "my cards", violations);
            page.locator("#tab-messages").click();
            check(page, "messages", violations);
            page.locator("#tab-me").click();
            page.locator(".menu a[href='/refunds']").click();
            check(page, "my refunds", violations);
            page.locator("#tab-me").click();
            page.locator(".menu a[href='/compensations/mine']").click();
            check(page, "my compensations", violations);
        }
        assertThat(violations).isEmpty();
    }

    private static void check(Page page, String name, List<String> violations) {
        for (Rule rule : new AxeBuilder(page).analyze().getViolations()) {
            if (BLOCKING.contains(rule.getImpact())) {
                violations.add(name + ": " + rule.getImpact() + " " + rule.getId() + " (" + rule.getHelp() + ") at "
                        + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList());
            }
        }
    }
}
