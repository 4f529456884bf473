package org.fangxin.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Browser;
import org.fangxin.testing.TestCards;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * In Chromium: the Kaifeng regulator drills from the city total to one merchant by clicking (a column of the region
 * chart, then table rows), downloads the list as XLSX and never sees the Beijing merchant; the education bureau sees only education.
 */
@Tag("browser")
class OversightBrowserTests extends OversightTest {

    @Test
    void aKaifengRegulatorDrillsDownToOneMerchantDownloadsTheListAndNeverSeesBeijing() throws IOException {
        TestMerchants fixtures = testMerchants();
        TestCards cards = testCards();
        TestMerchants.Created gym = fixtures.activeMerchant(Sector.SPORTS_FITNESS, "410202");
        TestMerchants.Created school = fixtures.activeMerchant(Sector.EDUCATION, "410202");
        TestMerchants.Created beijing = fixtures.activeMerchant(Sector.SPORTS_FITNESS, "110108");
        cards.buyPass(gym, Money.yuan(2000));
        cards.buyPass(school, Money.yuan(900), 90);
        cards.buyPass(beijing, Money.yuan(3000));
        takeSnapshot();
        UserAccount kaifeng = users.create(Role.REGULATOR, null, null, "410200");
        UserAccount bureau = users.create(Role.REGULATOR, null, "EDUCATION", "410200");

        try (Browser browser = Browser.open(port)) {
            Page page = browser.loggedIn(kaifeng.username(), TestUsers.PASSWORD);
            page.navigate("/oversight");
            assertThat(page.locator("#current-region").textContent()).isEqualTo("开封市");
            assertThat(page.content()).doesNotContain(beijing.merchant().legalName()).doesNotContain("北京");
            assertThat(page.evaluate("() => typeof echarts !== 'undefined' && !!window.oversightCharts.regions")).isEqualTo(true);
            clickChartColumn(page, "regions", "410202");   // the chart drills down: a click in the district's column
            page.waitForURL(url -> url.contains("region=410202"));
            assertThat(page.locator("#current-region").textContent()).isEqualTo("龙亭区");
            page.locator("#sectors tr[data-sector='SPORTS_FITNESS'] a").click();
            page.waitForURL(url -> url.contains("sector=SPORTS_FITNESS"));
            assertThat(page.locator("#current-sector").textContent()).isEqualTo("体育健身");
            assertThat(page.locator("#merchants tr[data-merchant]").count()).isGreaterThanOrEqualTo(1);
            assertThat(page.locator("#merchants tr[data-merchant='" + school.id() + "']").count()).isZero();

            page.navigate("/oversight");
            Download download = page.waitForDownload(() -> page.locator("#download-xlsx").click());
            String sheet = xlsxText(download);
            assertThat(sheet).contains(gym.merchant().legalName()).contains(school.merchant().legalName())
                    .doesNotContain(beijing.merchant().legalName());

            page.navigate("/oversight?region=410202&sector=SPORTS_FITNESS");
            page.locator("#merchants tr[data-merchant='" + gym.id() + "'] a").click();
            page.waitForURL("**/oversight/merchants/" + gym.id());
            assertThat(page.locator("#merchant-name").textContent()).isEqualTo(gym.merchant().legalName());
            assertThat(page.locator("#merchant-region").textContent()).isEqualTo("河南省 开封市 龙亭区");
            assertThat(page.navigate("/oversight/merchants/" + beijing.id()).status()).isEqualTo(404);
            assertThat(page.navigate("/oversight?region=110000").status()).isEqualTo(404);

            Page edu = browser.loggedIn(bureau.username(), TestUsers.PASSWORD);
            edu.navigate("/oversight?region=410202");
            assertThat(edu.locator("#current-sector").textContent()).isEqualTo("教育培训");
            assertThat(edu.locator("#sectors tr[data-sector]").allTextContents()).allMatch(t -> t.contains("教育培训"));
            assertThat(edu.locator("#merchants tr[data-merchant='" + school.id() + "']").count()).isEqualTo(1);
            assertThat(edu.content()).doesNotContain(gym.merchant().legalName());
            assertThat(edu.navigate("/oversight?region=410202&sector=SPORTS_FITNESS").status()).isEqualTo(404);
        }
    }

    /** A real mouse click in the chart's column of {@code key}, just above the x axis (where even a small bar is hit). */
    private static void clickChartColumn(Page page, String chart, String key) {
        page.waitForFunction("() => window.oversightCharts && window.oversightCharts." + chart);
        @SuppressWarnings("unchecked")
        Map<String, Object> at = (Map<String, Object>) page.evaluate("([name, key]) => {"
                + " const chart = window.oversightCharts[name];"
                + " const index = window.oversightChartKeys[name].indexOf(key);"
                + " chart.getDom().scrollIntoView({block: 'center'});"
                + " const x = chart.convertToPixel({xAxisIndex: 0}, index);"
                + " const y = chart.convertToPixel({yAxisIndex: 0}, 0) - 3;"
                + " const box = chart.getDom().getBoundingClientRect();"
                + " return {index: index, x: box.left + x, y: box.top + y}; }", List.of(chart, key));
        assertThat(((Number) at.get("index")).intValue()).as("the chart has a column for " + key).isNotNegative();
        page.mouse().click(((Number) at.get("x")).doubleValue(), ((Number) at.get("y")).doubleValue());
    }

    private static final java.util.regex.Pattern CHARACTER_REFERENCE = java.util.regex.Pattern.compile("&#x([0-9a-fA-F]+);");

    /**
     * All text of the workbook's XML parts (read through the zip's central directory), with the character references
     * fastexcel writes for every non-ASCII character ({@code &#x5546;}) decoded.
     */
    private static String xlsxText(Download download) throws IOException {
        StringBuilder text = new StringBuilder();
        try (ZipFile zip = new ZipFile(download.path().toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return CHARACTER_REFERENCE.matcher(text).replaceAll(m -> Character.toString(Integer.parseInt(m.group(1), 16)));
    }
}
