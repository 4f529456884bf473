package org.fangxin.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.fangxin.identity.Role;
import org.fangxin.shared.AuditTrail;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class RulesIntegrationTests extends IntegrationTest {

    @Autowired
    Rules rules;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditTrail audit;

    /** A region nobody else uses, so edits here never change what other tests see. */
    private static String freshRegion() {
        return "65" + String.format("%04d", ThreadLocalRandom.current().nextInt(100, 9900) / 100 * 100);
    }

    private static String freshSector() {
        return "TEST_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toUpperCase();
    }

    private static Map<String, Object> change(Integer coolingOff, Integer sessionsMax, String source, String effectiveFrom) {
        Map<String, Object> values = new HashMap<>();
        values.put("coolingOffDaysMin", coolingOff);
        values.put("sessionsMax", sessionsMax);
        values.put("bannedPhrases", List.of("过期作废"));
        Map<String, Object> body = new HashMap<>();
        body.put("values", values);
        body.put("source", source);
        body.put("effectiveFrom", effectiveFrom);
        return body;
    }

    @Test
    void seededDefaultsMergeForAShanghaiGym() {
        RuleSet set = rules.effectiveRules("310105", "SPORTS_FITNESS");

        assertThat(set.values().coolingOffDaysMin()).isEqualTo(7);
        assertThat(set.values().periodPassAmountMaxMinor()).isEqualTo(500_000L);
        assertThat(set.values().sessionsMax()).isEqualTo(60);
        assertThat(set.values().realNameThresholdMinor()).isEqualTo(1_000_000L);
        assertThat(set.sourceOf("periodPassAmountMaxMinor")).contains("沪体规文〔2025〕1号");
        assertThat(set.sourceOf("coolingOffDaysMin")).contains("北京市单用途预付卡管理条例");
        assertThat(set.values().bannedPhrases()).contains("概不退款", "最终解释权");
    }

    @Test
    void aMerchantsRulesAndSupervisionRatioFromOneReadAreThoseReadApart() {
        // a merchant no rating has touched: no floor, no relief, so the ratio is the rule table's
        java.util.UUID unrated = java.util.UUID.randomUUID();
        for (String[] c : new String[][] {{"310105", "SPORTS_FITNESS"}, {"440305", "EDUCATION"}, {"110105", "SPORTS_FITNESS"},
                {"650100", "CATERING"}}) {
            for (Audience audience : Audience.values()) {
                MerchantRules both = rules.merchantRules(unrated, c[0], c[1], audience);

                assertThat(both.rules()).isEqualTo(rules.effectiveRules(c[0], c[1], audience));
                assertThat(both.supervisionRatio()).isEqualTo(rules.effectiveRules(c[0], c[1], audience).supervisionRatio());
            }
        }
    }

    @Test
    void seededEducationRulesEscrowEverything() {
        RuleSet set = rules.effectiveRules("440305", "EDUCATION");

        assertThat(set.values().supervisionRatioBp()).isEqualTo(10000);
        assertThat(set.values().termMonthsMax()).isEqualTo(3);
        assertThat(set.values().sessionsMax()).isEqualTo(60);
    }

    @Test
    void operatorAddsAVersionThatIsAuditedAndOverridesTheNationalDefault() {
        String region = freshRegion();
        String sector = freshSector();
        var operator = api().as(users.create(Role.OPERATOR));

        var first = operator.put("/api/v1/rules/" + region + "/" + sector, change(10, null, "test rule v1", null));
        var second = operator.put("/api/v1/rules/" + region + "/" + sector, change(14, 30, "test rule v2", null));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.json().get("version").asInt()).isEqualTo(2);
        RuleSet set = rules.effectiveRules(region, sector);
        assertThat(set.values().coolingOffDaysMin()).isEqualTo(14);
        assertThat(set.values().sessionsMax()).isEqualTo(30);
        assertThat(set.sourceOf("coolingOffDaysMin")).isEqualTo("test rule v2");
        assertThat(set.values().realNameThresholdMinor()).isEqualTo(1_000_000L);
        var history = operator.get("/api/v1/rules/" + region + "/" + sector);
        assertThat(history.json().size()).isEqualTo(2);
        var entries = audit.history("rule-row", region + "/" + sector, 10);
        assertThat(entries).hasSize(2);
        // The test clock stands still, so both entries share a timestamp: find the second change by its content.
        var secondChange = entries.stream().filter(e -> e.after().contains("test rule v2")).findFirst().orElseThrow();
        assertThat(secondChange.before()).contains("test rule v1");
        assertThat(secondChange.action()).isEqualTo("rules.changed");
    }

    @Test
    void aFutureVersionAppliesOnlyFromItsDate() {
        String region = freshRegion();
        String sector = freshSector();
        var operator = api().as(users.create(Role.OPERATOR));
        operator.put("/api/v1/rules/" + region + "/" + sector, change(10, null, "now", null));

        var future = operator.put("/api/v1/rules/" + region + "/" + sector, change(20, null, "later", "2099-01-01"));

        assertThat(future.status()).isEqualTo(200);
        assertThat(rules.effectiveRules(region, sector).values().coolingOffDaysMin()).isEqualTo(10);
        assertThat(rules.effectiveRules(region, sector, java.time.LocalDate.of(2099, 1, 1)).values().coolingOffDaysMin()).isEqualTo(20);
    }

    @Test
    void refusesRetroactiveChangesAndBadInput() {
        var operator = api().as(users.create(Role.OPERATOR));
        String path = "/api/v1/rules/" + freshRegion() + "/" + freshSector();

        assertThat(operator.put(path, change(7, null, "past", "2020-01-01")).code()).isEqualTo("invalid-input");
        assertThat(operator.put(path, change(-1, null, "negative", null)).status()).isEqualTo(400);
        assertThat(operator.put(path, change(7, null, "", null)).status()).isEqualTo(400);
        assertThat(operator.put("/api/v1/rules/12345/EDUCATION", change(7, null, "bad region", null)).status()).isEqualTo(400);
        assertThat(operator.put(path, "{\"values\":{},\"source\":\"x\",\"surprise\":1}").status()).isEqualTo(400);
    }

    @Test
    void onlyOperatorsEditButEveryoneLoggedInReads() {
        String path = "/api/v1/rules/" + freshRegion() + "/" + freshSector();
        for (Role role : Role.values()) {
            var user = role.isMerchantSide() ? users.create(role, java.util.UUID.randomUUID(), null) : users.create(role);
            var api = api().as(user);
            assertThat(api.get("/api/v1/rules").status()).as(role + " reads").isEqualTo(200);
            assertThat(api.get("/api/v1/rules/effective?regionCode=310105&sector=SPORTS_FITNESS").status()).isEqualTo(200);
            if (role != Role.OPERATOR) {
                assertThat(api.put(path, change(9, null, "x", null)).status()).as(role + " edits").isEqualTo(403);
            }
        }
        assertThat(api().get("/api/v1/rules").status()).isEqualTo(401);
        assertThat(api().put(path, change(9, null, "x", null)).status()).isEqualTo(401);
    }

    @Test
    void unknownRowIsNotFound() {
        var reader = api().as(users.create(Role.CONSUMER));

        assertThat(reader.get("/api/v1/rules/" + freshRegion() + "/" + freshSector()).status()).isEqualTo(404);
    }

    @Test
    void nationalRowIsAddressedWithAStar() {
        var reader = api().as(users.create(Role.REGULATOR));

        var national = reader.get("/api/v1/rules/*/*");

        assertThat(national.status()).isEqualTo(200);
        assertThat(national.json().get(0).get("source").asString()).contains("消费者权益保护法实施条例");
    }

    @Test
    void storedVersionsCannotBeUpdatedOrDeleted() {
        assertThatThrownBy(() -> jdbc.sql("update rules.rule_version set cooling_off_days_min = 1 where region_code = '*' and sector = '*'").update())
                .hasStackTraceContaining("immutable");
        assertThatThrownBy(() -> jdbc.sql("delete from rules.rule_version where region_code = '*'").update())
                .hasStackTraceContaining("immutable");
    }
}
