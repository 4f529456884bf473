package org.fangxin.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.Role;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestCards;
import org.fangxin.testing.TestClock;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Quarterly statements and region reports: written by the job once the quarter has ended (twice at once writes each
 * statement once), read by the merchant's owner (its own only), the region's regulator (a report and every statement
 * in its scope) and downloaded as XLSX/CSV; another city's regulator and another merchant get "not found".
 */
class QuarterlyReportsTests extends OversightTest {

    @Autowired QuarterlyReports reports;

    @Test
    void theJobWritesEachMerchantsStatementOnceAndOnlyItsScopeReadsIt() throws Exception {
        TestCards cards = testCards();
        TestMerchants.Created gym = testMerchants().activeMerchant(Sector.SPORTS_FITNESS, "410225");
        ProductView pass = cards.pass(gym, Money.yuan(1200));
        cards.buy(users.create(Role.CONSUMER), pass);
        takeSnapshot();
        Quarter quarter = Quarter.of(LocalDate.now(clock.withZone(TestClock.SHANGHAI)));
        String q = quarter.toString();
        assertThat(reports.catchUp()).doesNotContain(quarter);   // the quarter has not ended

        clock.set(quarter.next().first().atTime(5, 0).atZone(TestClock.SHANGHAI).toInstant());
        var first = CompletableFuture.supplyAsync(reports::catchUp);
        var second = CompletableFuture.supplyAsync(reports::catchUp);
        List<Quarter> generated = new ArrayList<>(first.get());
        generated.addAll(second.get());
        assertThat(generated).contains(quarter);
        assertThat(jdbc.sql("select count(*) from oversight.quarterly_statement where merchant_id = :m and quarter = :q")
                .param("m", gym.id()).param("q", q).query(Long.class).single()).isEqualTo(1);
        assertThat(reports.catchUp()).doesNotContain(quarter);   // nothing left to write

        Api owner = api().as(gym.owner());
        JsonNode own = owner.get("/api/v1/oversight/reports").json().get("statements").get(0);
        assertThat(own.get("quarter").asString()).isEqualTo(q);
        assertThat(own.get("sold").get("amountMinor").asLong()).isEqualTo(120000);
        assertThat(own.get("outstanding").get("amountMinor").asLong()).isEqualTo(120000);
        assertThat(own.get("regionName").asString()).contains("兰考县");
        String statement = "/api/v1/oversight/reports/" + q + "/statements/" + gym.id();
        var xlsx = owner.get(statement + "/download?format=xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.header("Content-Type")).contains("spreadsheetml");
        assertThat(xlsx.body()).startsWith("PK");
        assertThat(owner.get(statement + "/download?format=csv").body()).contains(gym.merchant().legalName(), "1200.00");
        var pdf = owner.get(statement + "/download?format=pdf");
        assertThat(pdf.header("Content-Type")).contains("application/pdf");
        assertThat(pdf.body()).startsWith("%PDF");
        assertThat(owner.get(statement + "/download?format=doc").status()).isEqualTo(400);

        var kaifengUser = users.create(Role.REGULATOR, null, null, "410200");
        Api kaifeng = api().as(kaifengUser);
        assertThat(kaifeng.get(statement).status()).isEqualTo(200);
        JsonNode report = kaifeng.get("/api/v1/oversight/reports/" + q + "/region?region=410225").json();
        assertThat(report.get("regionName").asString()).contains("兰考县");
        assertThat(report.get("statements").toString()).contains(gym.id().toString());
        assertThat(report.get("totals").get("sold").get("amountMinor").asLong()).isGreaterThanOrEqualTo(120000);
        assertThat(kaifeng.get("/api/v1/oversight/reports/" + q + "/region/download?format=csv").body())
                .contains(gym.merchant().legalName());
        assertThat(kaifeng.get("/api/v1/oversight/reports/" + q + "/region/download?format=pdf").body()).startsWith("%PDF");
        var page = org.fangxin.testing.FormSession.loggedIn(port, kaifengUser.username()).get("/oversight/reports?quarter=" + q);
        assertThat(page.body()).contains("开封市", gym.merchant().legalName(), "兰考县", "下载");

        Api beijing = api().as(users.create(Role.REGULATOR, null, null, "110000"));
        assertThat(beijing.get(statement).status()).isEqualTo(404);
        assertThat(beijing.get(statement + "/download?format=xlsx").status()).isEqualTo(404);
        assertThat(beijing.get("/api/v1/oversight/reports/" + q + "/region?region=410200").status()).isEqualTo(404);
        assertThat(beijing.get("/api/v1/oversight/reports/" + q + "/region").body()).doesNotContain(gym.id().toString());
        Api education = api().as(users.create(Role.REGULATOR, null, "EDUCATION", "410200"));
        assertThat(education.get(statement).status()).isEqualTo(404);
        TestMerchants.Created other = testMerchants().activeMerchant(Sector.SPORTS_FITNESS, "410225");
        assertThat(api().as(other.owner()).get(statement).status()).isEqualTo(404);
        assertThat(api().as(users.create(Role.CONSUMER)).get("/api/v1/oversight/reports").status()).isEqualTo(403);
        assertThat(kaifeng.get("/api/v1/oversight/reports/2026Q5/region").status()).isEqualTo(400);
    }
}
