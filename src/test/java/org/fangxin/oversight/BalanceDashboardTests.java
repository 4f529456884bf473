package org.fangxin.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.TestCards;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The prepaid-balance dashboard through its API: the daily snapshot's figures per merchant (escrow + advance = the
 * unredeemed value of live cards), the drill-down region → sector → merchant with region names, and the scope of
 * each regulator: Kaifeng's never sees a Beijing merchant, the education bureau never another sector.
 */
class BalanceDashboardTests extends OversightTest {

    static final String GULOU = "410204";

    TestMerchants.Created gym;
    TestMerchants.Created school;
    TestMerchants.Created beijingGym;
    Api operator;

    @BeforeEach
    void city() {
        TestMerchants fixtures = testMerchants();
        TestCards cards = testCards();
        gym = fixtures.activeMerchant(Sector.SPORTS_FITNESS, GULOU);
        school = fixtures.activeMerchant(Sector.EDUCATION, GULOU);
        beijingGym = fixtures.activeMerchant(Sector.SPORTS_FITNESS, "110105");
        cards.buyPass(gym, Money.yuan(1000));
        cards.buyPass(school, Money.yuan(600), 90);
        cards.buyPass(beijingGym, Money.yuan(800));
        takeSnapshot();
        operator = api().as(users.create(Role.OPERATOR));
    }

    @Test
    void theSnapshotHoldsEachMerchantsOutstandingBalanceAndItsCover() {
        JsonNode row = merchantRow(operator.get("/api/v1/oversight/balances?region=" + GULOU + "&sector=SPORTS_FITNESS"), gym);
        JsonNode f = row.get("figures");
        assertThat(f.get("liveCards").asLong()).isEqualTo(1);
        assertThat(f.get("outstanding").get("amountMinor").asLong()).isEqualTo(100_000);
        assertThat(f.get("escrow").get("amountMinor").asLong() + f.get("advance").get("amountMinor").asLong())
                .isEqualTo(100_000);
        assertThat(f.get("uncovered").get("amountMinor").asLong()).isEqualTo(Math.max(0, 100_000
                - f.get("escrow").get("amountMinor").asLong() - f.get("deposit").get("amountMinor").asLong()
                - f.get("insured").get("amountMinor").asLong()));
        assertThat(row.get("regionName").asString()).isEqualTo("河南省 开封市 鼓楼区");
    }

    @Test
    void aKaifengRegulatorDrillsFromTheCityToOneMerchantAndNeverSeesBeijing() {
        Api kaifeng = api().as(users.create(Role.REGULATOR, null, null, "410200"));
        JsonNode city = kaifeng.get("/api/v1/oversight/balances").json();
        assertThat(city.get("region").get("code").asString()).isEqualTo("410200");
        assertThat(city.get("region").get("name").asString()).isEqualTo("开封市");
        JsonNode gulou = find(city.get("children"), "key", GULOU);
        assertThat(gulou.get("name").asString()).isEqualTo("鼓楼区");
        assertThat(gulou.get("figures").get("outstanding").get("amountMinor").asLong()).isGreaterThanOrEqualTo(160_000);

        var district = kaifeng.get("/api/v1/oversight/balances?region=" + GULOU);
        assertThat(find(district.json().get("bySector"), "key", "SPORTS_FITNESS")).isNotNull();
        var gyms = kaifeng.get("/api/v1/oversight/balances?region=" + GULOU + "&sector=SPORTS_FITNESS");
        assertThat(merchantRow(gyms, gym)).isNotNull();
        assertThat(kaifeng.get("/api/v1/oversight/merchants/" + gym.id() + "/balances").status()).isEqualTo(200);

        assertThat(kaifeng.get("/api/v1/oversight/balances?region=110000").status()).isEqualTo(404);
        assertThat(kaifeng.get("/api/v1/oversight/balances?region=000000").status()).isEqualTo(404);
        assertThat(kaifeng.get("/api/v1/oversight/merchants/" + beijingGym.id() + "/balances").status()).isEqualTo(404);
        var csv = kaifeng.get("/api/v1/oversight/balances/merchants?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains(gym.merchant().legalName()).doesNotContain(beijingGym.merchant().legalName());
        for (String body : List.of(city.toString(), district.body(), gyms.body())) {
            assertThat(body).doesNotContain(beijingGym.id().toString()).doesNotContain("110105");
        }
    }

    @Test
    void theEducationBureauSeesOnlyEducation() {
        UserAccount bureau = users.create(Role.REGULATOR, null, "EDUCATION", "410200");
        Api edu = api().as(bureau);
        JsonNode city = edu.get("/api/v1/oversight/balances").json();
        assertThat(city.get("sector").asString()).isEqualTo("EDUCATION");
        city.get("bySector").forEach(s -> assertThat(s.get("key").asString()).isEqualTo("EDUCATION"));
        city.get("merchants").forEach(m -> assertThat(m.get("sector").asString()).isEqualTo("EDUCATION"));
        assertThat(edu.get("/api/v1/oversight/balances?region=" + GULOU + "&sector=SPORTS_FITNESS").status()).isEqualTo(404);
        assertThat(edu.get("/api/v1/oversight/merchants/" + gym.id() + "/balances").status()).isEqualTo(404);
        assertThat(merchantRow(edu.get("/api/v1/oversight/balances?region=" + GULOU), school)).isNotNull();
    }

    @Test
    void theMerchantListDownloadsAsXlsxAndOnlyOversightRolesReadTheDashboard() {
        var xlsx = operator.get("/api/v1/oversight/balances/merchants?format=xlsx&region=" + GULOU);
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.header("Content-Type")).contains("spreadsheetml");
        assertThat(xlsx.body()).startsWith("PK");
        assertThat(operator.get("/api/v1/oversight/balances/merchants?format=pdf").status()).isEqualTo(400);
        assertThat(operator.get("/api/v1/oversight/balances?region=41020").status()).isEqualTo(400);
        assertThat(api().as(users.create(Role.CONSUMER)).get("/api/v1/oversight/balances").status()).isEqualTo(403);
        assertThat(api().as(gym.owner()).get("/api/v1/oversight/balances").status()).isEqualTo(403);
        assertThat(api().get("/api/v1/oversight/balances").status()).isEqualTo(401);
        assertThat(api().as(users.create(Role.REGULATOR)).post("/api/v1/oversight/snapshots", Map.of()).status())
                .isEqualTo(403);
    }

    private static JsonNode merchantRow(Api.Response response, TestMerchants.Created merchant) {
        assertThat(response.status()).isEqualTo(200);
        return find(response.json().get("merchants"), "merchantId", merchant.id().toString());
    }

    private static JsonNode find(JsonNode rows, String field, String value) {
        List<String> seen = new ArrayList<>();
        for (JsonNode row : rows) {
            if (value.equals(row.get(field).asString())) {
                return row;
            }
            seen.add(row.get(field).asString());
        }
        throw new AssertionError(value + " not among " + seen);
    }
}
