package org.fangxin.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.fangxin.identity.Role;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.TestCards;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The public merchant lookup and closures list: no login, public facts only, applications in waiting not shown. */
class PublicLookupTests extends OversightTest {

    @Test
    void anyoneFindsAMerchantByNameOrCreditCodeAndSeesHowItsCustomersAreProtected() {
        TestMerchants fixtures = testMerchants();
        TestMerchants.Created gym = fixtures.activeMerchant(Sector.SPORTS_FITNESS, "410204");
        TestMerchants.Created waiting = fixtures.pendingMerchant(Sector.SPORTS_FITNESS, "410204");
        testCards().buyPass(gym, Money.yuan(500));
        takeSnapshot();

        String name = gym.merchant().legalName();
        JsonNode byName = api().get("/api/v1/public/merchants?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8)).json();
        assertThat(byName.size()).isEqualTo(1);
        assertThat(byName.get(0).get("regionName").asString()).isEqualTo("河南省 开封市 鼓楼区");
        JsonNode byCode = api().get("/api/v1/public/merchants?q=" + gym.merchant().creditCode()).json();
        assertThat(byCode.get(0).get("merchantId").asString()).isEqualTo(gym.id().toString());
        assertThat(api().get("/api/v1/public/merchants?q=" + waiting.merchant().creditCode()).json().size()).isZero();
        assertThat(api().get("/api/v1/public/merchants/" + waiting.id()).status()).isEqualTo(404);
        assertThat(api().get("/api/v1/public/merchants?q=x").status()).isEqualTo(400);

        JsonNode profile = api().get("/api/v1/public/merchants/" + gym.id()).json();
        assertThat(profile.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(profile.get("protection").get("escrowRatio").asDouble()).isBetween(0.0, 1.0);
        assertThat(profile.get("complaints").get("filed").asLong()).isZero();
        assertThat(profile.toString()).doesNotContain("contactMobile").doesNotContain("settlement");

        FormSession anonymous = FormSession.anonymous(port);
        var page = anonymous.get("/public/merchants?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(name);
        var detail = anonymous.get("/public/merchants/" + gym.id());
        assertThat(detail.body()).contains("河南省 开封市 鼓楼区").contains("跑路赔");
        var closures = anonymous.get("/public/closures");
        assertThat(closures.statusCode()).isEqualTo(200);
        assertThat(api().get("/api/v1/public/closures").status()).isEqualTo(200);
    }
}
