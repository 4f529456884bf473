package org.fangxin.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.Api;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.ShardBooks;
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
 * ADR 12 §8i: the reads that still saw {@code ds_0} only, with gyms on ds_1 and ds_2. The settlement runs list combines
 * each shard's run row of a date; a bank user's approvals list, the bank's balances and the certificate status per
 * region list both gyms; an owner on ds_2 sees the generated quarters (kept on ds_0); a payout and a risk alert made
 * before their ids carried the merchant's gene are found on the shard that keeps them.
 */
@Tag("sharded")
@ActiveProfiles("sharded")
class ShardedSettlementAndBankListsTests extends IntegrationTest {

    static final long LARGE = 60_000_00L;

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Ledger ledger;
    @Autowired Settlements settlements;
    @Autowired org.fangxin.settlement.persistence.SettlementRepository payoutRepository;
    @Autowired org.fangxin.settlement.persistence.ApprovalRepository approvalRepository;
    @Autowired org.fangxin.bank.BankScope bankScope;
    @Autowired org.fangxin.shared.AuditTrail audit;
    @Autowired org.springframework.transaction.PlatformTransactionManager transactions;
    @Autowired org.fangxin.shared.Shards everyShard;
    @Autowired IdGenerator ids;
    @Value("${fangxin.sharding.urls}") List<String> shardUrls;

    List<JdbcClient> shards;
    SettlementFixtures fixtures;

    @BeforeAll
    static void shardsAreUp() {
        ShardBooks.assumeShardsUp();
    }

    @BeforeEach
    void directShardConnections() {
        shards = ShardBooks.connect(shardUrls);
        fixtures = new SettlementFixtures(ledger, merchants, accounts, clock);
    }

    /** An active gym on shard n with a large payable (above the dual-control threshold). */
    TestMerchants.Created gymOn(int shard) {
        int slot = (2 * shard + 1) * MerchantSlot.SLOTS / 6; // the middle of shard n's third of the slots
        TestMerchants.Created gym = ShardRouting.onNewMerchant(slot, () -> {
            TestMerchants.Created made = fixtures.merchant(Sector.SPORTS_FITNESS);
            fixtures.purchaseAndRedeem(made.id(), 100_000_00L, LARGE);
            return made;
        });
        assertThat(ShardRouting.shardOf(gym.id())).isEqualTo("ds_" + shard);
        return gym;
    }

    @Test
    void theRunsListCombinesEachShardsRunOfADateAndABankUserListsEveryShardsPayouts() {
        TestMerchants.Created onDs1 = gymOn(1);
        TestMerchants.Created onDs2 = gymOn(2);
        LocalDate date = fixtures.advanceToNextBusinessDay();
        UserAccount maker = users.create(Role.OPERATOR);
        UserAccount checker = users.create(Role.OPERATOR);
        Api.Response run = api().as(maker).post("/api/v1/settlement/runs", Map.of("settlementDate", date.toString()), key());
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        long awaitingOfDate = sumOverShards("select count(*) from settlement.payout where settlement_date = :d"
                + " and status = 'AWAITING_APPROVAL'", date);
        assertThat(awaitingOfDate).as("the gyms' payouts await approval").isGreaterThanOrEqualTo(2);

        List<JsonNode> ofDate = new ArrayList<>();
        api().as(checker).get("/api/v1/settlement/runs?size=100").json().forEach(r -> {
            if (r.get("settlementDate").asString().equals(date.toString())) {
                ofDate.add(r);
            }
        });
        assertThat(ofDate).as("one row per date, whatever the shards keep").hasSize(1);
        assertThat(ofDate.get(0).get("payouts").path("AWAITING_APPROVAL").asLong(0))
                .as("the shards' run rows added up").isEqualTo(awaitingOfDate);
        String page = FormSession.loggedIn(port, checker.username()).get("/settlement").body();
        Matcher row = Pattern.compile("(?s)data-date=\"" + date + "\".*?</tr>").matcher(page);
        assertThat(row.find()).as("the date's row on the page").isTrue();
        assertThat(row.group()).containsPattern("AWAITING_APPROVAL\"[^>]*>[^<]* " + awaitingOfDate + "<");

        // A bank user's list, with the bank's approval configured (a second facade instance, as PayoutApprovalTests does).
        var withBank = new PayoutApprovals(payoutRepository, approvalRepository, settlements, new DualControl(50_000, true),
                bankScope, ledger, audit, clock, transactions, everyShard);
        Actor bank = users.create(Role.BANK).actor();
        UUID ds1Payout = payoutOf(1, onDs1.id(), date);
        UUID ds2Payout = payoutOf(2, onDs2.id(), date);
        List<UUID> awaiting = ShardRouting.onShard("ds_0", () -> withBank.awaiting(bank, 0, 100)).stream()
                .map(a -> a.payout().id()).toList();
        assertThat(awaiting).contains(ds1Payout, ds2Payout);
        PayoutApprovalView byBank = ShardRouting.onMerchant(onDs2.id(), () -> withBank.approve(bank, ds2Payout, "within the agreement"));
        assertThat(byBank.decisions()).extracting(PayoutApprovalView.Decision::role).containsExactly("BANK");
        List<UUID> decidedByNobody = ShardRouting.onShard("ds_0", () -> withBank.awaiting(bank, 0, 100)).stream()
                .map(a -> a.payout().id()).toList();
        assertThat(decidedByNobody).as("still awaiting the operator").contains(ds2Payout);

        // A payout made before payout ids carried the gene: its id names ds_1, the payout is kept on ds_2.
        UUID old = ids.nextFor(onDs1.id());
        shards.get(2).sql("""
                insert into settlement.payout
                select (jsonb_populate_record(null::settlement.payout, to_jsonb(p) || jsonb_build_object(
                        'id', cast(:old as text), 'settlement_date', p.settlement_date - 364,
                        'end_to_end_id', 'OLD' || substr(md5(cast(:old as text)), 1, 20),
                        'created_at', p.created_at - interval '364 days'))).*
                  from settlement.payout p where p.id = :id
                """).param("old", old).param("id", ds2Payout).update();
        Api operator = api().as(checker);
        Api.Response found = operator.get("/api/v1/settlement/approvals/" + old);
        assertThat(found.status()).as("each shard asked once: " + found.body()).isEqualTo(200);
        assertThat(found.json().get("payout").get("merchantId").asString()).isEqualTo(onDs2.id().toString());
        Api.Response rejected = operator.post("/api/v1/settlement/approvals/" + old + "/reject",
                Map.of("reason", "a payout of an old run, paid otherwise"), key());
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(shards.get(2).sql("select status from settlement.payout where id = :id").param("id", old)
                .query(String.class).single()).isEqualTo("REJECTED");
        assertThat(operator.get("/api/v1/settlement/approvals/" + UUID.randomUUID()).status()).isEqualTo(404);
        ShardBooks.assertBalancedPerShardAndInTotal(shards);
    }

    @Test
    void theBanksBalancesAndTheCertificateStatusPerRegionListEveryShardsMerchants() {
        TestMerchants.Created onDs1 = gymOn(1);
        TestMerchants.Created onDs2 = gymOn(2);
        UserAccount bankUser = users.create(Role.BANK);

        JsonNode balances = api().as(bankUser).get("/api/v1/bank/balances?size=100").json();
        List<String> listed = new ArrayList<>();
        balances.get("items").forEach(b -> listed.add(b.get("merchantId").asString()));
        assertThat(listed).as("newest applications first, of every shard").contains(onDs1.id().toString(), onDs2.id().toString());
        long accepted = shards.stream().mapToLong(s -> s.sql("select count(*) from merchant.merchant"
                + " where status in ('ACTIVE', 'SUSPENDED', 'CLOSING', 'CLOSED')").query(Long.class).single()).sum();
        assertThat(balances.get("total").asLong()).as("the shards' totals added up").isEqualTo(accepted);
        for (JsonNode b : balances.get("items")) {
            if (b.get("merchantId").asString().equals(onDs2.id().toString())) {
                assertThat(b.get("escrow").get("amountMinor").asLong()).as("read from ds_2's ledger")
                        .isEqualTo(escrowOf(2, onDs2.id()));
            }
        }
        JsonNode second = api().as(bankUser).get("/api/v1/bank/balances?size=1&page=1").json();
        assertThat(second.get("items").get(0).get("merchantId").asString()).as("the page cut from the merge")
                .isEqualTo(listed.get(1));
        String portal = FormSession.loggedIn(port, bankUser.username()).get("/bank/portal").body();
        assertThat(portal).contains(onDs1.merchant().legalName(), onDs2.merchant().legalName());

        UserAccount operator = users.create(Role.OPERATOR);
        JsonNode regions = api().as(operator).get("/api/v1/bank/certificate-status").json();
        List<String> inRegion = new ArrayList<>();
        regions.forEach(r -> {
            if (r.get("regionCode").asString().equals("410200")) {
                r.get("merchants").forEach(m -> inRegion.add(m.get("merchantId").asString()));
            }
        });
        assertThat(inRegion).contains(onDs1.id().toString(), onDs2.id().toString());
        String page = FormSession.loggedIn(port, operator.username()).get("/bank/certificate-status").body();
        assertThat(page).contains(onDs1.merchant().legalName(), onDs2.merchant().legalName());
    }

    @Test
    void anOwnerOnAnotherShardSeesTheGeneratedQuarters() {
        TestMerchants.Created onDs2 = gymOn(2);
        shards.get(0).sql("insert into oversight.quarterly_run (quarter, merchants, generated_at) values ('2001Q1', 0, now())"
                + " on conflict (quarter) do nothing").update();

        JsonNode reports = api().as(onDs2.owner()).get("/api/v1/oversight/reports").json();
        List<String> quarters = new ArrayList<>();
        reports.get("quarters").forEach(q -> quarters.add(q.get("quarter").asString()));
        assertThat(quarters).as("quarterly_run is kept on ds_0").contains("2001Q1");
        String page = FormSession.loggedIn(port, onDs2.owner().username(), onDs2.password()).get("/oversight/reports").body();
        assertThat(page).as("the owner's page lists statements, not quarters, and says \"none yet\" only without quarters")
                .contains("季度报告").doesNotContain("id=\"no-reports\"");
    }

    @Test
    void anAlertRaisedBeforeIdsCarriedTheGeneIsAcknowledgedWhereItIsKept() {
        TestMerchants.Created onDs1 = gymOn(1);
        TestMerchants.Created onDs2 = gymOn(2);
        UUID old = ids.nextFor(onDs1.id()); // names ds_1; the alert is kept on ds_2
        shards.get(2).sql("""
                insert into risk.alert (id, merchant_id, kind, subject, detail_args, from_tier, to_tier, region_code, sector,
                                        raised_at, acknowledge_by, dedup_key)
                values (:id, :merchant, 'TIER_DROP', 'B → C (61)', '{61}', 'B', 'C', '410200', 'SPORTS_FITNESS',
                        now(), now() + interval '1 day', :dedup)
                """).param("id", old).param("merchant", onDs2.id()).param("dedup", "old:" + old).update();

        String path = "/api/v1/risk/alerts/" + old + "/acknowledgement";
        assertThat(api().as(users.create(Role.REGULATOR, null, null, "110000")).post(path, Map.of("note", "x"), key())
                .status()).as("found on ds_2, outside Beijing's region").isEqualTo(404);
        UserAccount operator = users.create(Role.OPERATOR);
        Api.Response acknowledged = api().as(operator).post(path, Map.of("note", "已核实"), key());
        assertThat(acknowledged.status()).as("each shard asked once: " + acknowledged.body()).isEqualTo(200);
        assertThat(shards.get(2).sql("select acknowledged_by from risk.alert where id = :id").param("id", old)
                .query(String.class).single()).isEqualTo(operator.username());
        assertThat(api().as(operator).post("/api/v1/risk/alerts/" + UUID.randomUUID() + "/acknowledgement",
                Map.of("note", "x"), key()).status()).isEqualTo(404);
    }

    private UUID payoutOf(int shard, UUID merchantId, LocalDate date) {
        return shards.get(shard).sql("select id from settlement.payout where merchant_id = :m and settlement_date = :d")
                .param("m", merchantId).param("d", date).query(UUID.class).single();
    }

    private long escrowOf(int shard, UUID merchantId) {
        return shards.get(shard).sql("""
                select coalesce(sum(normal_balance_minor), 0) from ledger.owner_balance
                 where owner_id = :m and type = 'ESCROW' and currency = 'CNY'""").param("m", merchantId)
                .query(Long.class).single();
    }

    private long sumOverShards(String sql, LocalDate day) {
        return shards.stream().mapToLong(s -> s.sql(sql).param("d", day).query(Long.class).single()).sum();
    }

    private static String key() {
        return "s9b-" + UUID.randomUUID();
    }
}
