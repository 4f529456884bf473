package org.fangxin.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The settlement API: every endpoint against every kind of caller, then the behaviour of each endpoint. */
class SettlementApiTests extends IntegrationTest {

    @Autowired
    Settlements settlements;

    @Autowired
    Merchants merchants;

    @Autowired
    Users accounts;

    @Autowired
    Ledger ledger;

    SettlementFixtures fixtures;
    TestMerchants.Created gym;
    Map<String, Api> callers;

    @BeforeEach
    void fixtures() {
        fixtures = new SettlementFixtures(ledger, merchants, accounts, clock);
        gym = fixtures.merchant(Sector.SPORTS_FITNESS);
        var other = fixtures.merchant(Sector.BEAUTY);
        callers = new LinkedHashMap<>();
        callers.put("anonymous", api());
        callers.put("consumer", api().as(users.create(Role.CONSUMER)));
        callers.put("owner", api().as(gym.owner()));
        callers.put("staff", api().as(fixtures.testMerchants().staff(gym.id())));
        callers.put("otherOwner", api().as(other.owner()));
        callers.put("operator", api().as(users.create(Role.OPERATOR)));
        callers.put("bank", api().as(users.create(Role.BANK)));
        callers.put("insurer", api().as(users.create(Role.INSURER)));
        callers.put("regulator", api().as(users.create(Role.REGULATOR)));
        callers.put("association", api().as(users.create(Role.ASSOCIATION)));
    }

    private void expect(Function<Api, Api.Response> call, int anonymous, int consumer, int owner, int staff,
                        int otherOwner, int operator, int bank, int insurer, int regulator, int association) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        int[] statuses = {anonymous, consumer, owner, staff, otherOwner, operator, bank, insurer, regulator, association};
        int i = 0;
        for (String name : callers.keySet()) {
            expected.put(name, statuses[i++]);
        }
        Map<String, Integer> actual = new LinkedHashMap<>();
        callers.forEach((name, api) -> actual.put(name, call.apply(api).status()));
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }

    /** A Saturday in the past: no cycle pays on it, so the matrix's runs move no money. */
    private LocalDate pastSaturday() {
        LocalDate date = settlements.today().minusDays(1);
        while (date.getDayOfWeek() != DayOfWeek.SATURDAY) {
            date = date.minusDays(1);
        }
        return date;
    }

    @Test
    void onlyOperatorsRunSettlement() {
        Map<String, Object> body = Map.of("settlementDate", pastSaturday().toString());
        expect(api -> api.post("/api/v1/settlement/runs", body, "matrix-" + UUID.randomUUID()),
                401, 403, 403, 403, 403, 201, 403, 403, 403, 403);
        expect(api -> api.get("/api/v1/settlement/runs"), 401, 403, 403, 403, 403, 200, 403, 403, 403, 403);
        expect(api -> api.get("/api/v1/settlement/cycles"), 401, 403, 403, 403, 403, 200, 403, 403, 403, 403);
        expect(api -> api.put("/api/v1/settlement/cycles/OTHER_SERVICES", Map.of("frequency", "DAILY")),
                401, 403, 403, 403, 403, 200, 403, 403, 403, 403);
    }

    @Test
    void merchantsSeeOnlyTheirOwnPayoutsAndSummary() {
        expect(api -> api.get("/api/v1/settlement/payouts"), 401, 403, 200, 200, 200, 200, 403, 403, 403, 403);
        expect(api -> api.get("/api/v1/settlement/payouts?merchantId=" + gym.id()),
                401, 403, 200, 200, 404, 200, 403, 403, 403, 403);
        expect(api -> api.get("/api/v1/settlement/summary"), 401, 403, 200, 200, 200, 403, 403, 403, 403, 403);
        expect(api -> api.get("/api/v1/bank/instructions"), 401, 403, 403, 403, 403, 403, 200, 403, 403, 403);
    }

    @Test
    void runsAPayoutThroughTheApiAndShowsItToTheMerchant() {
        fixtures.purchaseAndRedeem(gym.id(), 100_000, 8_800);
        Api owner = callers.get("owner");
        var before = owner.get("/api/v1/settlement/summary").json();
        assertThat(before.get("payable").get("amountMinor").asLong()).isEqualTo(8_800);
        assertThat(before.get("escrowHeld").get("amountMinor").asLong()).isEqualTo(100_000);
        assertThat(before.get("nextPayoutEstimate").get("amountMinor").asLong()).isEqualTo(8_800);

        LocalDate date = fixtures.advanceToNextBusinessDay();
        // Tokens expire as the clock moves on: log in again on the settlement day.
        owner = api().as(gym.owner());
        Api operator = api().as(users.create(Role.OPERATOR));
        String key = "run-" + UUID.randomUUID();
        var run = operator.post("/api/v1/settlement/runs", Map.of("settlementDate", date.toString()), key);
        assertThat(run.status()).isEqualTo(201);
        assertThat(run.json().get("settlementDate").asString()).isEqualTo(date.toString());
        var replay = operator.post("/api/v1/settlement/runs", Map.of("settlementDate", date.toString()), key);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");

        var mine = owner.get("/api/v1/settlement/payouts").json();
        assertThat(mine.size()).isEqualTo(1);
        assertThat(mine.get(0).get("amount").get("amountMinor").asLong()).isEqualTo(8_800);
        assertThat(mine.get(0).get("status").asString()).isEqualTo("INSTRUCTED");
        assertThat(api().as(fixtures.merchant(Sector.RETAIL).owner()).get("/api/v1/settlement/payouts").json().size()).isZero();
        var instructed = operator.get("/api/v1/settlement/payouts?merchantId=" + gym.id() + "&status=INSTRUCTED").json();
        assertThat(instructed.size()).isEqualTo(1);
        var after = owner.get("/api/v1/settlement/summary").json();
        assertThat(after.get("payable").get("amountMinor").asLong()).isZero();
        assertThat(after.get("inTransit").get("amountMinor").asLong()).isEqualTo(8_800);
        String endToEndId = mine.get(0).get("endToEndId").asString();
        assertThat(api().as(users.create(Role.BANK)).get("/api/v1/bank/instructions?size=200").body()).contains(endToEndId);
    }

    @Test
    void refusesRunsWithoutKeyOrInTheFuture() {
        Api operator = callers.get("operator");
        var noKey = operator.post("/api/v1/settlement/runs", Map.of("settlementDate", pastSaturday().toString()));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.code()).isEqualTo("idempotency-key-missing");
        var future = operator.post("/api/v1/settlement/runs",
                Map.of("settlementDate", settlements.today().plusDays(2).toString()), "f-" + UUID.randomUUID());
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.code()).isEqualTo("settlement-date-in-future");
        var missing = operator.post("/api/v1/settlement/runs", Map.of(), "m-" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(400);
    }

    @Test
    void changesASectorsCycle() {
        Api operator = callers.get("operator");
        var weekly = operator.put("/api/v1/settlement/cycles/CATERING", Map.of("frequency", "WEEKLY", "payoutDay", "WEDNESDAY"));
        try {
            assertThat(weekly.status()).isEqualTo(200);
            assertThat(weekly.json().get("payoutDay").asString()).isEqualTo("WEDNESDAY");
            assertThat(operator.get("/api/v1/settlement/cycles").body()).contains("WEDNESDAY");
            var weekend = operator.put("/api/v1/settlement/cycles/CATERING", Map.of("frequency", "WEEKLY", "payoutDay", "SUNDAY"));
            assertThat(weekend.status()).isEqualTo(400);
            var noDay = operator.put("/api/v1/settlement/cycles/CATERING", Map.of("frequency", "WEEKLY"));
            assertThat(noDay.status()).isEqualTo(400);
            assertThat(operator.put("/api/v1/settlement/cycles/NOT_A_SECTOR", Map.of("frequency", "DAILY")).status())
                    .isEqualTo(400);
        } finally {
            assertThat(operator.put("/api/v1/settlement/cycles/CATERING", Map.of("frequency", "DAILY")).status()).isEqualTo(200);
        }
    }
}
