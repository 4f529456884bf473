package org.fangxin.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fangxin.card.BuyCard;
import org.fangxin.card.PurchaseView;
import org.fangxin.card.lifecycle.PurchaseDesk;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.Products;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.Payments;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every page of every role, on a phone (390 px wide) in Chinese: each role starts at its home page and follows every
 * link of this site it is shown (breadth first, up to {@value #PAGES_PER_ROLE} pages), and every page must answer 200
 * (a menu never leads to a 404), must not overflow horizontally ({@code scrollWidth <= innerWidth}), and must show no
 * enum code, English sentence, missing message or UTC timestamp (PageText). All problems are reported at once.
 */
class PageSweepTests extends IntegrationTest {

    static final int PAGES_PER_ROLE = 45;
    static final int WIDTH = 390;
    static final int HEIGHT = 844;

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Products products;
    @Autowired PurchaseDesk purchases;
    @Autowired Payments payments;
    @Autowired SandboxGateway sandbox;

    @Test
    void everyPageOfEveryRoleFitsAPhoneAndSpeaksChineseOnly() throws InterruptedException {
        StorefrontFixtures fixtures = new StorefrontFixtures(merchants, accounts, products);
        TestMerchants.Created gym = fixtures.gym();
        ProductView pack = fixtures.sessionPack(gym, "私教十次卡", 600, 10);
        UserAccount consumer = users.create(Role.CONSUMER);
        buy(consumer, pack);
        TestMerchants.Created pending = new TestMerchants(merchants, accounts).pendingMerchant(Sector.EDUCATION, "410200");

        Map<String, String> logins = new LinkedHashMap<>();
        logins.put("visitor", null);
        logins.put("consumer", consumer.username());
        logins.put("merchant owner", gym.ownerUsername());
        logins.put("merchant staff", new TestMerchants(merchants, accounts).staff(gym.id()).username());
        logins.put("pending merchant owner", pending.ownerUsername());
        for (Role role : List.of(Role.OPERATOR, Role.BANK, Role.INSURER, Role.REGULATOR, Role.ASSOCIATION)) {
            logins.put(role.name().toLowerCase(), users.create(role).username());
        }
        PageText text = PageText.load();
        List<String> problems = new ArrayList<>();
        int visited = 0;
        try (Browser browser = Browser.open(port)) {
            for (var login : logins.entrySet()) {
                Page page = browser.newPage(WIDTH, HEIGHT);
                String start = "/";
                if (login.getValue() != null) {
                    page.navigate("/login");
                    page.locator("#username").fill(login.getValue());
                    page.locator("#password").fill(TestUsers.PASSWORD);
                    page.locator("form.card button[type=submit]").click();
                    page.waitForURL("**/home");
                    start = "/home";
                }
                visited += sweep(page, login.getKey(), start, text, problems);
                page.context().close();
            }
        }
        assertThat(visited).as("pages visited").isGreaterThan(60);
        assertThat(problems).as("problems on " + visited + " pages").isEmpty();
    }

    private int sweep(Page page, String who, String start, PageText text, List<String> problems) {
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        Set<String> seen = new LinkedHashSet<>(List.of(pattern(start)));
        int count = 0;
        while (!queue.isEmpty() && count < PAGES_PER_ROLE) {
            String path = queue.poll();
            Response response;
            try {
                response = page.navigate(path);
            } catch (com.microsoft.playwright.PlaywrightException e) {
                if (String.valueOf(e.getMessage()).contains("Download is starting")) {
                    continue; // a file to download (evidence, an export), not a page
                }
                throw e;
            }
            count++;
            String where = who + " " + path;
            if (response == null || response.status() >= 400) {
                problems.add(where + ": HTTP " + (response == null ? "none" : response.status()));
                continue;
            }
            page.waitForTimeout(150); // htmx "load" fragments
            Object widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]");
            List<?> w = (List<?>) widths;
            String known = knownDefect(path);
            if (known != null) {
                LoggerFactory.getLogger(PageSweepTests.class).warn("{}: not checked, known defect: {}", where, known);
            } else if (((Number) w.get(0)).intValue() > ((Number) w.get(1)).intValue()) {
                problems.add(where + ": overflows, scrollWidth " + w.get(0) + " > " + w.get(1) + " " + widest(page));
            }
            if (known == null && !path.startsWith("/audit")) { // the audit trail shows recorded JSON verbatim (hardening owns that page)
                text.problems(visibleText(page)).forEach(p -> problems.add(where + ": " + p));
            }
            for (Object href : (List<?>) page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")) {
                String link = normalise(String.valueOf(href));
                if (link != null && seen.add(pattern(link))) {
                    queue.add(link);
                }
            }
        }
        LoggerFactory.getLogger(PageSweepTests.class).info("{}: {} pages {}", who, count, seen);
        return count;
    }

    /**
     * Pages with defects this sweep found after the risk, hardening and fidelity branches were merged, listed so they
     * stay visible until fixed (each is written in its issue): their links are still followed, only their checks are
     * skipped. Remove an entry when its page is fixed.
     */
    private static final Map<String, String> KNOWN_DEFECTS = Map.of();

    private static String knownDefect(String path) {
        return KNOWN_DEFECTS.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** One page per pattern: ids and numbers in the path stand for "any", so 100 products cost one visit. */
    static String pattern(String path) {
        return path.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}")
                .replaceAll("=[^&]*", "=")
                .replaceAll("/[0-9]+(?=/|$)", "/{n}");
    }

    /** The page's text without what it shows verbatim ([data-verbatim]: typed data, legal phrases, codes). */
    private static String visibleText(Page page) {
        return String.valueOf(page.evaluate("""
                () => { const body = document.body.cloneNode(true);
                  body.querySelectorAll('[data-verbatim], script, style, template').forEach(el => el.remove());
                  document.documentElement.appendChild(body); const text = body.innerText; body.remove(); return text; }"""));
    }

    private static String widest(Page page) {
        return String.valueOf(page.evaluate("""
                () => { let worst = null, right = window.innerWidth;
                  for (const el of document.querySelectorAll('body *')) { const r = el.getBoundingClientRect();
                    if (r.right > right + 1) { right = r.right; worst = el.tagName + (el.id ? '#' + el.id : '') + '.' + el.className; } }
                  return worst; }"""));
    }

    /** A same-site page to visit, without its fragment; null for logout, downloads, the API, the language switch. */
    static String normalise(String href) {
        if (href.isBlank() || href.startsWith("#") || href.startsWith("http") || href.startsWith("//")
                || href.startsWith("mailto:") || href.startsWith("javascript:")) {
            return null;
        }
        String path = href.contains("#") ? href.substring(0, href.indexOf('#')) : href;
        if (path.contains("lang=") || path.startsWith("/logout") || path.startsWith("/api/") || path.startsWith("/v3/")
                || path.startsWith("/swagger") || path.startsWith("/actuator") || path.startsWith("/webjars")
                || path.matches(".*\\.(csv|xml|pdf|json|xlsx|txt)(\\?.*)?$") || path.contains("/download")
                || path.contains("/export") || path.startsWith("/public/sandbox-pay")) {
            return null;
        }
        return path.isEmpty() ? null : path;
    }

    private void buy(UserAccount consumer, ProductView product) throws InterruptedException {
        PurchaseView purchase = purchases.purchase(consumer.actor(), new BuyCard(product.id(), product.storeIds().get(0),
                product.currentVersionId(), true));
        sandbox.pay(payments.find(purchase.paymentOrderId()).orElseThrow().providerOrderId());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (purchases.view(consumer.actor(), purchase.id()).cardId() == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        UUID card = purchases.view(consumer.actor(), purchase.id()).cardId();
        assertThat(card).as("card bought").isNotNull();
    }
}
