package org.fangxin.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.CardView;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** Bad input, steps out of stage and other tenants' cases: clear 4xx problems, and nothing is written. */
class ComplaintApiTests extends IntegrationTest {

    @Autowired ApplicationContext context;

    private ComplaintFixtures fx;
    private TestMerchants.Created gym;
    private UserAccount holder;
    private CardView card;

    @BeforeEach
    void aCardAtAGym() {
        fx = new ComplaintFixtures(context, users, clock, this::api, port);
        gym = fx.gym();
        holder = users.create(Role.CONSUMER);
        card = fx.buy(holder, fx.pack(gym, yuan600()));
    }

    @Test
    void refusesOversizedOrWrongTypeEvidenceAndKeepsNothingOfIt() {
        UUID id = file(holder, card.id());
        byte[] large = new byte[6 * 1024 * 1024];
        System.arraycopy(ComplaintFixtures.PDF, 0, large, 0, ComplaintFixtures.PDF.length);
        Api.Response tooLarge = fx.upload(holder, id, "合同.pdf", "application/pdf", large);
        assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
        assertThat(tooLarge.code()).isEqualTo("evidence-too-large");

        Api.Response html = fx.upload(holder, id, "收据.pdf", "application/pdf",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(html.status()).isEqualTo(415);
        assertThat(html.code()).isEqualTo("evidence-type-not-allowed");
        Api.Response renamed = fx.upload(holder, id, "收据.pdf", "application/pdf", ComplaintFixtures.PNG);
        assertThat(renamed.code()).as("PNG bytes named .pdf").isEqualTo("evidence-type-not-allowed");
        Api.Response exe = fx.upload(holder, id, "setup.exe", "application/octet-stream", ComplaintFixtures.PDF);
        assertThat(exe.code()).isEqualTo("evidence-type-not-allowed");
        Api.Response empty = fx.upload(holder, id, "empty.png", "image/png", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(api().as(holder).get("/api/v1/complaints/" + id + "/evidence").json().size()).isZero();

        Api.Response photo = fx.upload(holder, id, "现场照片.png", "image/png", ComplaintFixtures.PNG);
        assertThat(photo.status()).as(photo.body()).isEqualTo(201);
        assertThat(photo.json().get("contentType").asString()).isEqualTo("image/png");
        Api.Response again = fx.upload(holder, id, "again.png", "image/png", ComplaintFixtures.PNG);
        assertThat(again.json().get("id").asString()).as("the same file is kept once").isEqualTo(photo.json().get("id").asString());

        // served only to the case's parties and handlers
        String download = "/api/v1/complaints/" + id + "/evidence/" + photo.json().get("id").asString();
        Api.Response mine = api().as(holder).getAny(download);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.header("Content-Disposition")).startsWith("attachment");
        assertThat(mine.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api().as(gym.owner()).getAny(download).status()).isEqualTo(200);
        assertThat(api().as(users.create(Role.CONSUMER)).getAny(download).status()).isEqualTo(404);
        assertThat(api().as(fx.gym().owner()).getAny(download).status()).isEqualTo(404);
        assertThat(api().as(users.create(Role.OPERATOR)).getAny(download).status()).as("not at the platform yet").isEqualTo(404);
        assertThat(api().as(users.create(Role.INSURER)).getAny(download).status()).isEqualTo(403);
    }

    @Test
    void aComplaintAboutAnotherConsumersCardRedemptionOrRefundIsNotFoundAndWritesNothing() {
        UserAccount stranger = users.create(Role.CONSUMER);
        UUID redemption = fx.redeem(holder, card, fx.merchants.staff(gym.id()), 1);
        for (Map<String, Object> body : new Map[] {complaint("CARD", card.id()), complaint("REDEMPTION", redemption),
                complaint("REFUND", UUID.randomUUID()), complaint("MERCHANT", UUID.randomUUID())}) {
            Api.Response refused = api().as(stranger).post("/api/v1/complaints", body, ComplaintFixtures.key());
            assertThat(refused.status()).as(refused.body()).isEqualTo(404);
            assertThat(refused.code()).isEqualTo("not-found");
        }
        Map<String, Object> withOthersCard = complaint("MERCHANT", gym.id());
        withOthersCard.put("cardId", card.id());
        assertThat(api().as(stranger).post("/api/v1/complaints", withOthersCard, ComplaintFixtures.key()).status()).isEqualTo(404);
        assertThat(api().as(gym.owner()).post("/api/v1/complaints", complaint("CARD", card.id()), ComplaintFixtures.key())
                .status()).isEqualTo(403);
        assertThat(casesOf(gym)).isZero();
        assertThat(redemptionStatus(redemption)).as("nothing held").isEqualTo("REDEEMED");
    }

    @Test
    void refusesInvalidInputWithTheFieldNamed() {
        Map<String, Object> shortText = complaint("CARD", card.id());
        shortText.put("description", "太差");
        expectInvalid(shortText, "description");
        Api.Response chinese = api().as(holder).inLanguage("zh-CN").post("/api/v1/complaints", shortText, ComplaintFixtures.key());
        assertThat(chinese.json().get("title").asString()).isEqualTo("请求无效");
        assertThat(chinese.json().get("detail").asString()).contains("10 至 4,000 个字描述");
        Api.Response english = api().as(holder).inLanguage("en").post("/api/v1/complaints", shortText, ComplaintFixtures.key());
        assertThat(english.json().get("title").asString()).isEqualTo("Invalid request");
        assertThat(english.json().get("detail").asString()).containsIgnoringCase("describe what happened in 10 to 4");
        Map<String, Object> negative = complaint("CARD", card.id());
        negative.put("asked", Map.of("amountMinor", -100, "currency", "CNY"));
        expectInvalid(negative, "asked");
        Map<String, Object> dollars = complaint("CARD", card.id());
        dollars.put("asked", Map.of("amountMinor", 100, "currency", "USD"));
        expectInvalid(dollars, "asked");
        Map<String, Object> nothingAsked = complaint("CARD", card.id());
        nothingAsked.remove("asked");
        expectInvalid(nothingAsked, "asked");
        Map<String, Object> noCategory = complaint("CARD", card.id());
        noCategory.remove("category");
        expectInvalid(noCategory, "category");
        assertThat(api().as(holder).postRaw("/api/v1/complaints", "{\"subject\":").status()).isEqualTo(400);
        Map<String, Object> unknownCategory = complaint("CARD", card.id());
        unknownCategory.put("category", "BAD_VIBES");
        assertThat(api().as(holder).post("/api/v1/complaints", unknownCategory, ComplaintFixtures.key()).status()).isEqualTo(400);
        assertThat(casesOf(gym)).isZero();
    }

    @Test
    void refusesStepsOutOfStageAndLeavesTheCaseAsItWas() {
        UUID id = file(holder, card.id());
        String base = "/api/v1/complaints/" + id;
        Api.Response merchantAccepts = api().as(gym.owner()).post(base + "/acceptance", Map.of(), ComplaintFixtures.key());
        assertThat(merchantAccepts.status()).isEqualTo(409);
        assertThat(merchantAccepts.code()).isEqualTo("complaint-action-out-of-stage");
        Api.Response early = api().as(holder).post(base + "/escalation", Map.of("to", "PLATFORM_MEDIATION"), ComplaintFixtures.key());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("complaint-deadline-not-passed");
        Api.Response skipping = api().as(holder).post(base + "/escalation", Map.of("to", "REGULATOR_ACCEPTANCE"), ComplaintFixtures.key());
        assertThat(skipping.code()).isEqualTo("complaint-action-out-of-stage");
        Api.Response consumerProposes = api().as(holder).post(base + "/agreements", Map.of("remedy", "RESUME_SERVICE",
                "terms", "恢复上课"), ComplaintFixtures.key());
        assertThat(consumerProposes.code()).isEqualTo("complaint-action-out-of-stage");
        Api.Response noProposal = api().as(holder).post(base + "/agreement/answer", Map.of("accept", true), ComplaintFixtures.key());
        assertThat(noProposal.code()).isEqualTo("agreement-not-proposed");
        Api.Response tooMuch = api().as(gym.owner()).post(base + "/agreements", Map.of("remedy", "REFUND",
                "amount", Map.of("amountMinor", 99_999_999, "currency", "CNY"), "terms", "全额退款"), ComplaintFixtures.key());
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(api().as(users.create(Role.ASSOCIATION)).post(base + "/acceptance", Map.of(), ComplaintFixtures.key())
                .status()).as("not sent to the association").isEqualTo(404);
        JsonNode unchanged = api().as(holder).get(base).json();
        assertThat(unchanged.get("stage").asString()).isEqualTo("MERCHANT_NEGOTIATION");
        assertThat(unchanged.get("agreement").isNull()).isTrue();
        assertThat(api().as(holder).get(base + "/timeline").json().size()).isEqualTo(1);
        assertThat(fx.openDeadlines(id)).isEqualTo(1);

        Api.Response withdrawn = api().as(holder).post(base + "/withdrawal", Map.of("note", "已和解"), ComplaintFixtures.key());
        assertThat(withdrawn.json().get("outcome").asString()).isEqualTo("WITHDRAWN");
        Api.Response afterClose = api().as(holder).post(base + "/messages", Map.of("body", "还在吗"), ComplaintFixtures.key());
        assertThat(afterClose.code()).isEqualTo("complaint-closed");
        assertThat(api().as(holder).post(base + "/withdrawal", Map.of(), ComplaintFixtures.key()).code())
                .isEqualTo("complaint-action-out-of-stage");
        assertThat(fx.openDeadlines(id)).isZero();
    }

    @Test
    void eachRoleSeesOnlyTheCasesItMay() {
        UUID id = file(holder, card.id());
        String path = "/api/v1/complaints/" + id;
        assertThat(api().as(holder).get(path).status()).isEqualTo(200);
        assertThat(api().as(gym.owner()).get(path).status()).isEqualTo(200);
        assertThat(api().as(fx.merchants.staff(gym.id())).get(path).status()).isEqualTo(200);
        assertThat(api().as(users.create(Role.CONSUMER)).get(path).status()).isEqualTo(404);
        assertThat(api().as(fx.gym().owner()).get(path).status()).isEqualTo(404);
        assertThat(api().as(users.create(Role.REGULATOR, null, "SPORTS_FITNESS")).get(path).status()).isEqualTo(200);
        assertThat(api().as(users.create(Role.REGULATOR, null, "EDUCATION")).get(path).status()).isEqualTo(404);
        assertThat(api().as(users.create(Role.REGULATOR)).get(path).status()).as("market supervision").isEqualTo(200);
        assertThat(api().as(users.create(Role.OPERATOR)).get(path).status()).as("not at the platform yet").isEqualTo(404);
        assertThat(api().as(users.create(Role.ASSOCIATION)).get(path).status()).isEqualTo(404);
        assertThat(api().as(users.create(Role.BANK)).get(path).status()).isEqualTo(403);
        assertThat(api().as(users.create(Role.INSURER)).get(path).status()).isEqualTo(403);
        assertThat(api().get(path).status()).isEqualTo(401);
        assertThat(api().as(holder).get("/api/v1/complaints").json()).anySatisfy(c -> assertThat(c.get("id").asString())
                .isEqualTo(id.toString()));
        assertThat(api().as(users.create(Role.CONSUMER)).get("/api/v1/complaints").json().size()).isZero();
        assertThat(api().as(holder).get("/api/v1/complaints/sla-board").status()).isEqualTo(403);
        assertThat(api().as(users.create(Role.OPERATOR)).get("/api/v1/complaints/sla-board").status()).isEqualTo(200);
    }

    private void expectInvalid(Map<String, Object> body, String field) {
        Api.Response refused = api().as(holder).post("/api/v1/complaints", body, ComplaintFixtures.key());
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("invalid-input");
        assertThat(refused.json().get("field").asString()).isEqualTo(field);
    }

    private UUID file(UserAccount consumer, UUID cardId) {
        Api.Response filed = api().as(consumer).post("/api/v1/complaints", complaint("CARD", cardId), ComplaintFixtures.key());
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        return UUID.fromString(filed.json().get("id").asString());
    }

    private static Map<String, Object> complaint(String subject, UUID subjectId) {
        Map<String, Object> body = new HashMap<>();
        body.put("subject", subject);
        body.put("subjectId", subjectId);
        body.put("category", "SERVICE_NOT_DELIVERED");
        body.put("asked", Map.of("amountMinor", 30_000, "currency", "CNY"));
        body.put("description", "门店连续两周停课，没有任何通知。");
        return body;
    }

    private long casesOf(TestMerchants.Created merchant) {
        return fx.jdbc.sql("select count(*) from complaint.complaint_case where merchant_id = :m")
                .param("m", merchant.id()).query(Long.class).single();
    }

    private String redemptionStatus(UUID redemption) {
        return fx.jdbc.sql("select status from card.redemption where id = :id").param("id", redemption)
                .query(String.class).single();
    }

    private static org.fangxin.shared.Money yuan600() {
        return org.fangxin.shared.Money.yuan(600);
    }
}
