package org.fangxin.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.Role;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.TestCards;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A filing (备案) from start to end: the snapshot opens it when the merchant has sold, it goes overdue and blocks new
 * sales, the owner files, a regulator of another city cannot see it, the Kaifeng regulator first asks for corrections
 * (still blocked) and then acknowledges the corrected filing, and sales resume.
 */
class FilingJourneyTests extends OversightTest {

    @Test
    void anOverdueFilingBlocksSalesUntilTheRegulatorAcknowledgesIt() {
        TestCards cards = testCards();
        TestMerchants.Created gym = testMerchants().activeMerchant(Sector.SPORTS_FITNESS, "410205");
        ProductView pass = cards.pass(gym, Money.yuan(1200));
        cards.buy(users.create(Role.CONSUMER), pass);
        takeSnapshot();

        Api owner = api().as(gym.owner());
        JsonNode filing = owner.get("/api/v1/oversight/filings").json().get(0);
        assertThat(filing.get("status").asString()).isEqualTo("DUE");
        assertThat(filing.get("trigger").asString()).isEqualTo("STARTED_SELLING");
        assertThat(filing.get("overdue").asBoolean()).isFalse();
        String id = filing.get("id").asString();

        clock.advance(Duration.ofDays(16));
        owner = api().as(gym.owner());   // a new token: the first one expired while the days passed
        assertThat(owner.get("/api/v1/oversight/filings/" + id).json().get("overdue").asBoolean()).isTrue();
        assertThat(startPurchase(pass).code()).isEqualTo("merchant-may-not-sell");

        var filed = owner.post("/api/v1/oversight/filings/" + id + "/submission", Map.of("products", "年卡 ¥1,200",
                "escrowBank", "中国银行开封分行"), UUID.randomUUID().toString());
        assertThat(filed.status()).as(filed.body()).isEqualTo(200);
        assertThat(filed.json().get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(filed.json().get("overdue").asBoolean()).isFalse();

        Api beijing = api().as(users.create(Role.REGULATOR, null, null, "110000"));
        assertThat(beijing.get("/api/v1/oversight/filings/" + id).status()).isEqualTo(404);
        assertThat(beijing.post("/api/v1/oversight/filings/" + id + "/acknowledgement", Map.of(), UUID.randomUUID().toString())
                .status()).isEqualTo(404);
        Api education = api().as(users.create(Role.REGULATOR, null, "EDUCATION", "410200"));
        assertThat(education.get("/api/v1/oversight/filings").body()).doesNotContain(id);

        Api kaifeng = api().as(users.create(Role.REGULATOR, null, null, "410200"));
        var sentBack = kaifeng.post("/api/v1/oversight/filings/" + id + "/corrections", Map.of("note", "请写明托管账号"),
                UUID.randomUUID().toString());
        assertThat(sentBack.json().get("status").asString()).isEqualTo("CORRECTIONS_REQUESTED");
        assertThat(startPurchase(pass).code()).isEqualTo("merchant-may-not-sell");
        assertThat(kaifeng.post("/api/v1/oversight/filings/" + id + "/acknowledgement", Map.of(), UUID.randomUUID().toString())
                .code()).isEqualTo("filing-not-submitted");

        owner.post("/api/v1/oversight/filings/" + id + "/submission", Map.of("products", "年卡 ¥1,200",
                "escrowBank", "中国银行开封分行 托管账号 6217000000000000"), UUID.randomUUID().toString());
        FormSession page = FormSession.loggedIn(port, users.create(Role.REGULATOR, null, null, "410200").username());
        assertThat(page.get("/oversight/filings").body()).contains(gym.merchant().legalName());
        var acknowledged = page.post("/oversight/filings/" + id + "/acknowledgement", "note=" + FormSession.encode("已备案"));
        assertThat(acknowledged.statusCode()).isEqualTo(302);
        JsonNode done = owner.get("/api/v1/oversight/filings/" + id).json();
        assertThat(done.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(startPurchase(pass).status()).isEqualTo(201);
        assertThat(owner.post("/api/v1/oversight/filings/" + id + "/submission", Map.of("products", "x", "escrowBank", "y"),
                UUID.randomUUID().toString()).code()).isEqualTo("filing-not-open");
    }

    private Api.Response startPurchase(ProductView pass) {
        return api().as(users.create(Role.CONSUMER)).post("/api/v1/purchases", Map.of("productId", pass.id(),
                "storeId", pass.storeIds().get(0), "contractVersionId", pass.currentVersionId(), "acceptContract", true),
                UUID.randomUUID().toString());
    }
}
