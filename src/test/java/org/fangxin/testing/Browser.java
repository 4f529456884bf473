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

    static {
        // Assertions wait as long as page actions do: on a loaded 2-core machine an htmx answer can take over
        // Playwright's default 5 s (ProductEditorPageTests once failed that way in CI beside other builds).
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    private Browser(String base, List<String> extraArgs) {
        this.base = base;
        this.playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        List<String> args = new java.util.ArrayList<>(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"));
        args.addAll(extraArgs);
        this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(args));
    }

    /** Starts Chromium, or skips the test when this machine has no Chromium. */
    public static Browser open(int port) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        return new Browser("http://127.0.0.1:" + port, List.of());
    }

    /**
     * Chromium whose camera is a fake device showing {@code video} (a .y4m or .mjpeg file, looped), with camera access
     * granted without asking: the merchant counter's getUserMedia scanner sees that picture.
     */
    public static Browser withFakeCamera(int port, Path video) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        return new Browser("http://127.0.0.1:" + port, List.of("--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream", "--use-file-for-fake-video-capture=" + video.toAbsolutePath()));
    }

    /** A fresh page (own cookies) in Simplified Chinese with the given viewport, e.g. a phone's 390 × 844. */
    public Page newPage(int width, int height) {
        Page page = browser.newContext(new NewContextOptions().setLocale("zh-CN").setBaseURL(base)
                .setViewportSize(width, height).setPermissions(List.of("camera"))).newPage();
        page.setDefaultTimeout(15_000);
        return page;
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

    /** On a page showing the site's layout (the home page): clicks "log in", logs in and lands on the home menu. */
    public static void logInFromHere(Page page, String username, String password) {
        page.locator("#login, a[href='/login']").first().click();
        page.locator("#username").fill(username);
        page.locator("#password").fill(password);
        page.locator("form.card button[type=submit]").click();
        page.waitForURL("**/home");
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
