package org.fangxin.testing;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Debian Chromium driven by Playwright, for page journeys. Playwright must not download its own browser
 * (this network cannot reach it), so the skip variable is set here rather than relying on the CI environment.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;
    private final String base;

    private Browser(String base) {
        this.base = base;
        this.playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    /** Starts Chromium, or skips the test when this machine has no Chromium. */
    public static Browser open(int port) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        return new Browser("http://127.0.0.1:" + port);
    }

    /** A fresh page (own cookies) with the given language. */
    public Page newPage(String locale) {
        Page page = browser.newContext(new NewContextOptions().setLocale(locale).setBaseURL(base)).newPage();
        page.setDefaultTimeout(15_000);
        return page;
    }

    public Page newPage() {
        return newPage("zh-CN");
    }

    /** Logs in through the login form and lands on the home page. */
    public Page loggedIn(String username, String password) {
        Page page = newPage();
        page.navigate("/login");
        page.locator("#username").fill(username);
        page.locator("#password").fill(password);
        page.locator("form.card button[type=submit]").click();
        page.waitForURL("**/home");
        return page;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
