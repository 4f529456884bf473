package org.fangxin.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.Money;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.Api;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.ShardBooks;
import org.fangxin.testing.TestCards;
import org.fangxin.testing.TestClock;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Cross-merchant figures in the sharded profile (ADR 12 §8e): the daily snapshot is taken on every shard and merged on
 * the directory shard, so a regulator's dashboard, page and export, the supervision feed and the public lookup show
 * merchants on {@code ds_1} and {@code ds_2}, and the dashboard's national totals are the sums of the shards' own
 * books; the operators' risk alert list is cut from each shard's newest alerts, and an alert on another shard is acknowledged
 * by its id.
 */
@Tag("sharded")
@ActiveProfiles("sharded")
class ShardedOversightTests extends OversightTest {

    static final String LANKAO = "410225";

    @Autowired BalanceDashboard dashboard;
    @Autowired QuarterlyReports reports;
    @Autowired TestClock clock;
    @Autowired org.fangxin.shared.IdGenerator ids;
    @Value("${fangxin.sharding.urls}") List<String> shardUrls;

    List<JdbcClient> shards;
    TestMerchants.Created onShard1;
    TestMerchants.Created onShard2;

    @BeforeAll
    static void shardsAreUp() {
        ShardBooks.assumeShardsUp();
    }

    @BeforeEach
    void gymsOnTheSecondAndThirdShard() {
        shards = ShardBooks.connect(shardUrls);
        onShard1 = gymWithACardOn(1, Money.yuan(4_100));
        onShard2 = gymWithACardOn(2, Money.yuan(4_200));
    }

    @Test
    void theSnapshotMergesEveryShardAndItsNationalTotalsAreTheShardsBooks() {
        // The daily job's path: one run, on the directory shard (PerShardJobs), that asks every shard for its part.
        int merchants = ShardRouting.onShard("ds_0", () -> dashboard.takeSnapshotToday());

        JsonNode national = api().as(users.create(Role.OPERATOR)).get("/api/v1/oversight/balances").json();
        assertThat(national.get("snapshotAt").isNull()).as("the figures say when they were taken").isFalse();
        JsonNode totals = national.get("totals");
        assertThat(totals.get("merchants").asLong()).isEqualTo(merchants).isEqualTo(sumOverShards("""
                select count(*) from merchant.merchant_scope where status not in ('PENDING', 'REJECTED')"""));
        assertThat(totals.get("liveCards").asLong()).isEqualTo(sumOverShards("""
                select coalesce(sum(c.live_cards), 0) from card.merchant_card_totals c
                  join merchant.merchant_scope m using (merchant_id)
                 where c.currency = 'CNY' and m.status not in ('PENDING', 'REJECTED')"""));
        assertThat(amount(totals, "outstanding")).isEqualTo(sumOverShards("""
                select coalesce(sum(c.unredeemed_minor), 0) from card.merchant_card_totals c
                  join merchant.merchant_scope m using (merchant_id)
                 where c.currency = 'CNY' and m.status not in ('PENDING', 'REJECTED')"""));
        assertThat(amount(totals, "advance")).isEqualTo(sumOverShards("""
                select coalesce(sum(b.normal_balance_minor), 0) from ledger.owner_balance b
                  join merchant.merchant_scope m on m.merchant_id = b.owner_id
                 where b.type = 'MERCHANT_ADVANCE' and b.currency = 'CNY' and m.status not in ('PENDING', 'REJECTED')"""));
        assertThat(amount(national, "guaranteeFund")).isEqualTo(sumOverShards("""
                select coalesce(sum(normal_balance_minor), 0) from ledger.owner_balance
                 where type = 'PLATFORM_GUARANTEE_FUND' and currency = 'CNY'"""));
        ShardBooks.assertBalancedPerShardAndInTotal(shards);

        Api kaifeng = api().as(users.create(Role.REGULATOR, null, null, "410200"));
        JsonNode lankao = kaifeng.get("/api/v1/oversight/balances?region=" + LANKAO).json();
        assertThat(lankao.get("merchants").findValuesAsString("merchantId"))
                .contains(onShard1.id().toString(), onShard2.id().toString());
        String page = FormSession.loggedIn(port, users.create(Role.REGULATOR, null, null, "410200").username())
                .get("/oversight?region=" + LANKAO).body();
        assertThat(page).contains(onShard1.merchant().legalName(), onShard2.merchant().legalName());
        Api.Response csv = kaifeng.get("/api/v1/oversight/balances/merchants?region=" + LANKAO + "&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains(onShard1.merchant().legalName(), onShard2.merchant().legalName());
        Api.Response feed = kaifeng.get("/api/v1/oversight/feed?day=" + national.get("day").asString());
        assertThat(feed.status()).as(feed.body()).isEqualTo(200);
        assertThat(feed.body()).contains(onShard1.merchant().creditCode(), onShard2.merchant().creditCode());

        JsonNode filings = api().as(users.create(Role.REGULATOR, null, null, LANKAO))
                .get("/api/v1/oversight/filings?status=DUE").json();
        assertThat(filings.findValuesAsString("merchantId")).as("the filings the snapshot opened on each shard")
                .contains(onShard1.id().toString(), onShard2.id().toString());

        JsonNode history = kaifeng.get("/api/v1/oversight/merchants/" + onShard2.id() + "/balances").json();
        assertThat(history.get("days").get(0).get("figures").get("outstanding").get("amountMinor").asLong())
                .isEqualTo(420_000);
        assertThat(api().as(users.create(Role.REGULATOR, null, null, "110000"))
                .get("/api/v1/oversight/merchants/" + onShard2.id() + "/balances").status())
                .as("another region's regulator").isEqualTo(404);
    }

    @Test
    void thePublicLookupFindsMerchantsOnEveryShardWithTheirProtection() {
        takeSnapshot(); // the operator's "take now" through the API: unrouted, so merged on the directory shard
        for (TestMerchants.Created gym : List.of(onShard1, onShard2)) {
            JsonNode hits = api().get("/api/v1/public/merchants?q=" + gym.merchant().creditCode()).json();
            assertThat(hits.findValuesAsString("merchantId")).containsExactly(gym.id().toString());
            JsonNode profile = api().get("/api/v1/public/merchants/" + gym.id()).json();
            assertThat(profile.get("protection").isNull()).as("the snapshot's cover on the merchant's shard").isFalse();
            assertThat(profile.get("protection").get("asOf").asString())
                    .isEqualTo(LocalDate.now(clock.withZone(BalanceDashboard.SHANGHAI)).toString());
        }
    }

    @Test
    void quarterlyStatementsOfEveryShardAreInTheRegulatorsRegionReport() {
        ShardRouting.onShard("ds_0", () -> dashboard.takeSnapshotToday());
        Quarter quarter = Quarter.of(LocalDate.now(clock.withZone(TestClock.SHANGHAI)));
        clock.set(quarter.next().first().atTime(5, 0).atZone(TestClock.SHANGHAI).toInstant());
        ShardRouting.onShard("ds_0", () -> reports.catchUp()); // the job's path (PerShardJobs: on the directory)

        Api kaifeng = api().as(users.create(Role.REGULATOR, null, null, "410200"));
        JsonNode report = kaifeng.get("/api/v1/oversight/reports/" + quarter + "/region?region=" + LANKAO).json();
        assertThat(report.get("statements").findValuesAsString("merchantId"))
                .contains(onShard1.id().toString(), onShard2.id().toString());
        JsonNode statement = kaifeng.get("/api/v1/oversight/reports/" + quarter + "/statements/" + onShard2.id()).json();
        assertThat(statement.get("outstanding").get("amountMinor").asLong()).isEqualTo(420_000);
        JsonNode own = api().as(onShard1.owner()).get("/api/v1/oversight/reports").json();
        assertThat(own.get("statements").findValuesAsString("quarter")).contains(quarter.toString());
    }

    @Test
    void theOperatorsRiskAlertListShowsAlertsOfEveryShard() {
        UUID first = riskAlert(onShard1);
        UUID second = riskAlert(onShard2);
        JsonNode alerts = api().as(users.create(Role.OPERATOR)).get("/api/v1/risk/alerts?open=true&limit=20").json();
        assertThat(alerts.findValuesAsString("id")).contains(first.toString(), second.toString());
        JsonNode lankao = api().as(users.create(Role.REGULATOR, null, null, "410225"))
                .get("/api/v1/risk/alerts?limit=200").json();
        assertThat(lankao.findValuesAsString("id")).contains(first.toString(), second.toString());
        assertThat(lankao.findValuesAsString("regionCode")).allMatch(LANKAO::equals);
        JsonNode beijing = api().as(users.create(Role.REGULATOR, null, null, "110000")).get("/api/v1/risk/alerts").json();
        assertThat(beijing.findValuesAsString("id")).doesNotContain(first.toString(), second.toString());
        Api.Response acknowledged = api().as(users.create(Role.OPERATOR)).post("/api/v1/risk/alerts/" + second
                + "/acknowledgement", java.util.Map.of("note", "已约谈商户"));
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        assertThat(acknowledged.json().get("acknowledgedBy").isNull()).isFalse();
        assertThat(api().as(users.create(Role.REGULATOR, null, null, "110000")).post("/api/v1/risk/alerts/" + first
                + "/acknowledgement", java.util.Map.of("note", "x")).status()).as("outside the regulator's region")
                .isEqualTo(404);
        JsonNode tiers = api().as(users.create(Role.OPERATOR)).get("/api/v1/risk/distribution").json();
        assertThat(tiers.get("rated").asLong()).as("rated merchants of every shard")
                .isEqualTo(sumOverShards("select count(*) from risk.tier_state"));
    }

    @Test
    void aRegulatorAnswersAFilingOnAnotherShardByItsIdAndAnotherRegionGetsNotFound() {
        ShardRouting.onShard("ds_0", () -> dashboard.takeSnapshotToday());
        UUID filing = shards.get(2).sql("select id from oversight.filing where merchant_id = :m")
                .param("m", onShard2.id()).query(UUID.class).single();
        assertThat(ShardRouting.shardOf(filing)).as("the filing id carries its merchant's gene").isEqualTo("ds_2");
        Api.Response filed = api().as(onShard2.owner()).post("/api/v1/oversight/filings/" + filing + "/submission",
                java.util.Map.of("products", "次卡 ¥4,200", "escrowBank", "中国银行开封分行"), UUID.randomUUID().toString());
        assertThat(filed.status()).as(filed.body()).isEqualTo(200);

        Api beijing = api().as(users.create(Role.REGULATOR, null, null, "110000"));
        assertThat(beijing.get("/api/v1/oversight/filings/" + filing).status()).isEqualTo(404);
        assertThat(beijing.post("/api/v1/oversight/filings/" + filing + "/acknowledgement", java.util.Map.of(),
                UUID.randomUUID().toString()).status()).as("another region's regulator").isEqualTo(404);
        Api lankao = api().as(users.create(Role.REGULATOR, null, null, LANKAO));
        assertThat(lankao.get("/api/v1/oversight/filings/" + filing).json().get("status").asString()).isEqualTo("SUBMITTED");
        Api.Response acknowledged = lankao.post("/api/v1/oversight/filings/" + filing + "/acknowledgement",
                java.util.Map.of("note", "已备案"), UUID.randomUUID().toString());
        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        assertThat(acknowledged.json().get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(shards.get(2).sql("select status from oversight.filing where id = :id").param("id", filing)
                .query(String.class).single()).isEqualTo("ACKNOWLEDGED");

        // a filing made before ids carried the gene: its id happens to name ds_1, the filing lives on ds_2
        UUID old = ids.nextFor(onShard1.id());
        shards.get(2).sql("""
                insert into oversight.filing (id, merchant_id, region_code, sector, trigger, step, status, due_on,
                                              outstanding_minor, products, escrow_bank, submitted_at, created_at)
                values (:id, :merchant, :region, 'SPORTS_FITNESS', 'BALANCE_THRESHOLD', 99, 'SUBMITTED', current_date + 15,
                        420000, '次卡', '中国银行', now(), now())
                """).param("id", old).param("merchant", onShard2.id()).param("region", LANKAO).update();
        assertThat(beijing.post("/api/v1/oversight/filings/" + old + "/corrections", java.util.Map.of("note", "x"),
                UUID.randomUUID().toString()).status()).as("found on ds_2, outside the region").isEqualTo(404);
        Api.Response sentBack = lankao.post("/api/v1/oversight/filings/" + old + "/corrections",
                java.util.Map.of("note", "请写明托管账号"), UUID.randomUUID().toString());
        assertThat(sentBack.status()).as("each shard asked once: " + sentBack.body()).isEqualTo(200);
        assertThat(sentBack.json().get("status").asString()).isEqualTo("CORRECTIONS_REQUESTED");
    }

    @Test
    void theOperatorsRunNowRatesTheMerchantsOfEveryShard() {
        Api.Response run = api().as(users.create(Role.OPERATOR)).post("/api/v1/risk/rating-runs", java.util.Map.of());
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        String today = LocalDate.now(clock.withZone(TestClock.SHANGHAI)).toString();
        assertThat(run.json().get("rated").asLong()).as("the rated merchants of all three shards").isEqualTo(sumOverShards("""
                select count(*) from merchant.merchant where status in ('ACTIVE', 'SUSPENDED', 'CLOSING')"""));
        for (int shard : new int[] {1, 2}) {
            UUID gym = shard == 1 ? onShard1.id() : onShard2.id();
            assertThat(shards.get(shard).sql("select count(*) from risk.score where merchant_id = :m and scored_on = cast(:d as date)")
                    .param("m", gym).param("d", today).query(Long.class).single()).as("rated on ds_" + shard).isEqualTo(1);
        }
    }

    private TestMerchants.Created gymWithACardOn(int shard, Money price) {
        int slot = (2 * shard + 1) * MerchantSlot.SLOTS / 6; // the middle slot of shard n's third of the slots
        TestMerchants.Created gym = ShardRouting.onNewMerchant(slot,
                () -> testMerchants().activeMerchant(Sector.SPORTS_FITNESS, LANKAO));
        assertThat(ShardRouting.shardOf(gym.id())).isEqualTo("ds_" + shard);
        TestCards cards = testCards();
        ShardRouting.onMerchant(gym.id(), () -> cards.buyPass(gym, price));
        return gym;
    }

    /** An open risk alert on the merchant's shard, as the rating raises one on a tier drop (a fixture). */
    private UUID riskAlert(TestMerchants.Created merchant) {
        UUID id = ids.nextFor(merchant.id()); // as AlertBook makes them: the id names the merchant's shard
        ShardRouting.onMerchant(merchant.id(), () -> jdbc.sql("""
                insert into risk.alert (id, merchant_id, kind, subject, from_tier, to_tier, region_code, sector, raised_at,
                                        acknowledge_by, dedup_key)
                values (:id, :merchant, 'TIER_DROP', 'merchant', 'B', 'C', :region, :sector, now(), now() + interval '3 days', :dedup)
                """).param("id", id).param("dedup", "test-" + UUID.randomUUID()).param("merchant", merchant.id())
                .param("region", merchant.merchant().regionCode()).param("sector", merchant.merchant().sector().name())
                .update());
        return id;
    }

    private long sumOverShards(String sql) {
        return shards.stream().mapToLong(db -> db.sql(sql).query(Long.class).single()).sum();
    }

    private static long amount(JsonNode node, String field) {
        return node.get(field).get("amountMinor").asLong();
    }
}
