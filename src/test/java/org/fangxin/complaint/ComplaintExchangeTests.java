package org.fangxin.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** 12315 import (all or nothing, idempotent per 12315 number), export as CSV and JSON, deadline rules and the calendar. */
class ComplaintExchangeTests extends IntegrationTest {

    static final String HEADER = "ref,received_on,consumer_name,consumer_mobile,merchant_credit_code,category,asked_yuan,asked_action,description\n";

    @Autowired ApplicationContext context;

    @Test
    void importsComplaintsFrom12315AllOrNothingAndExportsThem() {
        ComplaintFixtures fx = new ComplaintFixtures(context, users, clock, this::api, port);
        TestMerchants.Created gym = fx.gym();
        UserAccount operator = users.create(Role.OPERATOR);
        String code = gym.merchant().creditCode();
        String ref1 = "12315-" + UUID.randomUUID().toString().substring(0, 12);
        String ref2 = "12315-" + UUID.randomUUID().toString().substring(0, 12);
        String good1 = ref1 + ",2026-09-20,张三,13800138000," + code + ",REFUND_REFUSED,1200.50,,\"健身房拒绝退款, 电话不接\"\n";
        String good2 = ref2 + ",2026-09-21,李四,13900139000," + code + ",QUALITY,,继续提供私教课,教练频繁更换且不提前通知\n";
        String bad = "X-1,2026-13-40,王五,12345," + "91XXXXXXXXXXXXXXXX" + ",NOPE,abc,,短\n";

        Api.Response refused = fx.postCsv(operator, HEADER + good1 + bad + good2);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("invalid-input");
        JsonNode errors = refused.json().get("errors");
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.get("line").asLong()).isEqualTo(3);
            assertThat(e.get("field").asString()).isEqualTo("received_on");
        });
        assertThat(errors).anySatisfy(e -> assertThat(e.get("field").asString()).isEqualTo("merchant_credit_code"));
        assertThat(errors).anySatisfy(e -> assertThat(e.get("field").asString()).isEqualTo("consumer_mobile"));
        assertThat(casesOf(fx, gym)).as("nothing imported").isZero();

        Api.Response imported = fx.postCsv(operator, HEADER + good1 + good2);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().get("imported").asInt()).isEqualTo(2);
        Api.Response again = fx.postCsv(operator, HEADER + good1 + good2);
        assertThat(again.json().get("imported").asInt()).isZero();
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(2);
        assertThat(casesOf(fx, gym)).isEqualTo(2);
        assertThat(fx.postCsv(users.create(Role.CONSUMER), HEADER + good1).status()).isEqualTo(403);

        // the imported cases are in the same workflow: the merchant sees and negotiates them
        JsonNode merchantCases = api().as(gym.owner()).get("/api/v1/complaints").json();
        assertThat(merchantCases).hasSize(2);
        JsonNode first = merchantCases.findParents("externalRef").stream()
                .filter(c -> ref1.equals(c.get("externalRef").asString())).findFirst().orElseThrow();
        assertThat(first.get("source").asString()).isEqualTo("12315");
        assertThat(first.get("stage").asString()).isEqualTo("MERCHANT_NEGOTIATION");
        assertThat(first.get("asked").get("amountMinor").asLong()).isEqualTo(120_050);
        String id = first.get("id").asString();
        JsonNode transferred = api().as(gym.owner()).get("/api/v1/complaints/" + id + "/messages").json().get(0);
        assertThat(transferred.get("bodyKey").asString()).isEqualTo("complaint.message.imported");
        assertThat(transferred.get("bodyArgs").get(0).asString()).isEqualTo(ref1);
        assertThat(FormSession.loggedIn(port, gym.owner().username()).get("/complaints/" + id).body())
                .contains("由全国12315平台转办，编号 " + ref1 + "，受理日期 2026-09-20").doesNotContain("Transferred from");
        assertThat(FormSession.loggedIn(port, gym.owner().username()).get("/complaints/" + id + "?lang=en").body())
                .contains("Transferred from 12315, number " + ref1 + ", received on 2026-09-20");

        Api.Response csv = api().as(operator).getAny("/api/v1/complaints/export?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("case_number,source,external_ref,filed_on,merchant_id");
        assertThat(csv.body()).contains(ref1).contains("1200.50").contains("\"健身房拒绝退款, 电话不接\"");
        JsonNode json = api().as(operator).get("/api/v1/complaints/export?format=json").json();
        assertThat(json.findValuesAsString("externalRef")).contains(ref1, ref2);
        assertThat(api().as(users.create(Role.ASSOCIATION)).get("/api/v1/complaints/export").json().findValuesAsString("externalRef"))
                .as("not sent to the association").doesNotContain(ref1);
        assertThat(api().as(gym.owner()).get("/api/v1/complaints/export").status()).isEqualTo(403);
        assertThat(api().as(operator).get("/api/v1/complaints/export?format=xml").status()).isEqualTo(400);
    }

    @Test
    void operatorsSetDeadlinesPerRegionAndChangesToTheCalendarRecountOpenDeadlines() {
        ComplaintFixtures fx = new ComplaintFixtures(context, users, clock, this::api, port);
        UserAccount operator = users.create(Role.OPERATOR);
        String district = String.format("44%02d%02d", (int) (Math.random() * 90) + 1, (int) (Math.random() * 90) + 1);
        Map<String, Object> rules = Map.of("negotiationDays", 5, "platformDays", 8, "acceptanceDays", 7,
                "mediationDays", 30, "performanceDays", 10, "noticeDays", 7);
        assertThat(api().as(users.create(Role.CONSUMER)).put("/api/v1/complaints/deadline-rules/" + district, rules).status())
                .isEqualTo(403);
        Map<String, Object> zero = new java.util.HashMap<>(rules);
        zero.put("negotiationDays", 0);
        assertThat(api().as(operator).put("/api/v1/complaints/deadline-rules/" + district, zero).status()).isEqualTo(400);
        Api.Response set = api().as(operator).put("/api/v1/complaints/deadline-rules/" + district, rules);
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(api().as(operator).get("/api/v1/complaints/deadline-rules/" + district).json().get("negotiationDays").asInt())
                .isEqualTo(5);

        // a case in that district gets 5 working days; a holiday listed inside them pushes the deadline back one day
        TestMerchants.Created shop = fx.merchants.activeMerchant(org.fangxin.merchant.Sector.SPORTS_FITNESS, district);
        UserAccount consumer = users.create(Role.CONSUMER);
        var card = fx.buy(consumer, fx.pack(shop, org.fangxin.shared.Money.yuan(500)));
        Api.Response filed = api().as(consumer).post("/api/v1/complaints", Map.of("subject", "CARD", "subjectId", card.id(),
                "category", "OTHER", "askedAction", "说明收费依据", "description", "会员费收费项目不清楚，要求说明。"),
                ComplaintFixtures.key());
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        UUID id = UUID.fromString(filed.json().get("id").asString());
        LocalDate starts = LocalDate.parse(filed.json().get("deadline").get("startsOn").asString());
        LocalDate due = LocalDate.parse(filed.json().get("deadline").get("dueOn").asString());
        JsonNode counted = api().as(operator).get("/api/v1/calendar/working-days?from=" + starts + "&count=5").json();
        assertThat(LocalDate.parse(counted.get("due").asString())).isEqualTo(due);

        assertThat(api().as(consumer).put("/api/v1/calendar/days/" + due, Map.of("kind", "HOLIDAY", "name", "x")).status())
                .isEqualTo(403);
        assertThat(api().as(operator).put("/api/v1/calendar/days/" + due, Map.of("kind", "SOMETIMES", "name", "x")).status())
                .isEqualTo(400);
        Api.Response holiday = api().as(operator).put("/api/v1/calendar/days/" + due, Map.of("kind", "HOLIDAY",
                "name", "测试假日 " + id.toString().substring(0, 6)));
        assertThat(holiday.status()).as(holiday.body()).isEqualTo(200);
        try {
            LocalDate later = LocalDate.parse(api().as(operator).get("/api/v1/calendar/working-days?from=" + starts + "&count=5")
                    .json().get("due").asString());
            assertThat(later).isAfter(due);
            ComplaintFixtures.await(() -> later.toString().equals(api().as(consumer).get("/api/v1/complaints/" + id).json()
                    .get("deadline").get("dueOn").asString()), "the deadline recounted");
            assertThat(fx.openDeadlines(id)).isEqualTo(1);
        } finally {
            assertThat(api().as(operator).delete("/api/v1/calendar/days/" + due).status()).isEqualTo(204);
        }
        ComplaintFixtures.await(() -> due.toString().equals(api().as(consumer).get("/api/v1/complaints/" + id).json()
                .get("deadline").get("dueOn").asString()), "the deadline counted back");
        assertThat(api().as(operator).delete("/api/v1/calendar/days/" + due).status()).isEqualTo(404);
    }

    private static long casesOf(ComplaintFixtures fx, TestMerchants.Created merchant) {
        return fx.jdbc.sql("select count(*) from complaint.complaint_case where merchant_id = :m")
                .param("m", merchant.id()).query(Long.class).single();
    }
}
