package org.fangxin.bank.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.ledger.TransferView;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.Money;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.Api;
import org.fangxin.testing.Browser;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.ShardBooks;
import org.fangxin.testing.TestMerchants;
import org.fangxin.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * ADR 12 §8g: one statement names gyms on ds_1 and ds_2, so its run has a part on every shard and each gym's break is
 * kept on its gym's shard. The operator's lists (sub-accounts, runs, open breaks, the workspace page) show both, the
 * run adds its parts up, and the ds_2 break is worked through the API to a second operator's approval on ds_2, with
 * the audit trail naming the operators and sealed there. Before §8g these reads ran on ds_0 and found neither break.
 */
@Tag("sharded")
@ActiveProfiles("sharded")
class ShardedReconciliationBreaksTests extends IntegrationTest {

    static final String STATEMENTS = "/api/v1/reconciliation/statements";

    @Autowired Ledger ledger;
    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Value("${fangxin.sharding.urls}") List<String> shardUrls;

    @BeforeAll
    static void shardsAreUp() {
        ShardBooks.assumeShardsUp();
    }

    /** A gym on a shard, funded once (the posting key is the bank's end-to-end id), with its sub-account number. */
    record Gym(UUID merchantId, AccountView escrow, String paidIn, String accountNumber) { }

    Gym fundedGymOn(int shard, Api operator) {
        int slot = (2 * shard + 1) * MerchantSlot.SLOTS / 6; // the middle of shard n's third of the slots
        Gym gym = ShardRouting.onNewMerchant(slot, () -> {
            var merchant = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
            AccountView escrow = ledger.open(AccountType.ESCROW, merchant.id(), Money.CNY);
            AccountView clearing = ledger.open(AccountType.CONSUMER_FUNDS_CLEARING, null, Money.CNY);
            String key = "rb-" + UUID.randomUUID().toString().substring(0, 23); // a valid end-to-end id (Max35Text)
            ledger.post(NewTransfer.of(key, "test funding", EntryLine.debit(escrow.id(), Money.fen(1_000_00)),
                    EntryLine.credit(clearing.id(), Money.fen(1_000_00))));
            return new Gym(merchant.id(), escrow, key, null);
        });
        assertThat(ShardRouting.shardOf(gym.merchantId())).isEqualTo("ds_" + shard);
        Api.Response subAccount = operator.get("/api/v1/reconciliation/sub-accounts/" + gym.merchantId());
        assertThat(subAccount.status()).as(subAccount.body()).isEqualTo(200);
        return new Gym(gym.merchantId(), gym.escrow(), gym.paidIn(), subAccount.json().get("accountNumber").asString());
    }

    @Test
    void breaksOnTwoShardsAreListedAndTheOneOnDs2IsWorkedToApprovalThroughTheApi() {
        UserAccount maker = users.create(Role.OPERATOR);
        UserAccount checker = users.create(Role.OPERATOR);
        Api operator = api().as(maker);
        Api approver = api().as(checker);
        Gym onDs1 = fundedGymOn(1, operator);
        Gym onDs2 = fundedGymOn(2, operator);
        LocalDate day = clock.instant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate();
        String csv = "booking_date,value_date,account,amount,end_to_end_id,bank_reference,description\n"
                + line(day, onDs1, "1000.00", onDs1.paidIn(), "purchase") + line(day, onDs1, "-2.50", "", "fee")
                + line(day, onDs2, "1000.00", onDs2.paidIn(), "purchase") + line(day, onDs2, "-3.00", "", "fee");

        Api.Response imported = operator.post(STATEMENTS + "?format=CSV", csv, "rb-" + UUID.randomUUID());
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String runId = imported.json().get("run").get("id").asString();

        JsonNode run = operator.get("/api/v1/reconciliation/runs/" + runId).json();
        assertThat(run.get("run").get("lineCount").asInt()).isEqualTo(4);
        assertThat(run.get("run").get("matchCount").asInt()).isEqualTo(2);
        assertThat(run.get("run").get("breakCount").asInt()).isEqualTo(2);
        assertThat(run.get("matches").size()).isEqualTo(2);
        assertThat(accountsOf(run.get("breaks"))).containsExactlyInAnyOrder(onDs1.accountNumber(), onDs2.accountNumber());
        JsonNode listed = operator.get("/api/v1/reconciliation/runs?size=200").json();
        JsonNode ours = find(listed, runId);
        assertThat(ours.get("lineCount").asInt()).as("the run's parts added up in the list").isEqualTo(4);
        assertThat(ours.get("breakCount").asInt()).isEqualTo(2);
        assertThat(allSubAccounts(operator)).contains(onDs1.accountNumber(), onDs2.accountNumber());

        JsonNode open = operator.get("/api/v1/reconciliation/breaks").json();
        assertThat(accountsOf(open)).contains(onDs1.accountNumber(), onDs2.accountNumber());
        String ds2Break = idOfBreakOn(open, onDs2.accountNumber());
        String path = "/api/v1/reconciliation/breaks/" + ds2Break;
        assertThat(operator.get(path).json().get("accountNumber").asString()).isEqualTo(onDs2.accountNumber());
        assertThat(operator.get("/api/v1/reconciliation/breaks/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api().as(users.create(Role.BANK)).get(path).status()).isEqualTo(403);

        assertThat(operator.post(path + "/assign", Map.of(), "rb-" + UUID.randomUUID()).json().get("status").asString()).isEqualTo("ASSIGNED");
        assertThat(operator.post(path + "/explain", Map.of("explanation", "bank fee"), "rb-" + UUID.randomUUID())
                .json().get("status").asString()).isEqualTo("EXPLAINED");
        TransferView fee = ShardRouting.onMerchant(onDs2.merchantId(), () -> ledger.post(NewTransfer.of("rb-fee-" + UUID.randomUUID(),
                "bank fee on the statement", EntryLine.debit(ledger.open(AccountType.BANK_FEES, null, Money.CNY).id(), Money.fen(3_00)),
                EntryLine.credit(onDs2.escrow().id(), Money.fen(3_00)))));
        Api.Response resolved = operator.post(path + "/resolve", Map.of("correctingTransferId", fee.id().value().toString()),
                "rb-" + UUID.randomUUID());
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(operator.post(path + "/approve", null, "rb-" + UUID.randomUUID()).code()).isEqualTo("approver-is-resolver");
        Api.Response approved = approver.post(path + "/approve", null, "rb-" + UUID.randomUUID());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("APPROVED");

        List<JdbcClient> shards = ShardBooks.connect(shardUrls);
        for (int shard = 0; shard < 3; shard++) {
            assertThat(shards.get(shard).sql("select status from bank.reconciliation_break where id = cast(:id as uuid)")
                    .param("id", ds2Break).query(String.class).optional())
                    .as("the break on ds_" + shard).isEqualTo(shard == 2 ? java.util.Optional.of("APPROVED") : java.util.Optional.empty());
        }
        assertThat(operator.get("/api/v1/reconciliation/breaks").json()).noneMatch(b -> b.get("id").asString().equals(ds2Break));
        // Audited on ds_2 in the operators' names, and sealed there by the after-commit pass (routed, ADR 12 §8g).
        JdbcClient ds2 = shards.get(2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ds2.sql("""
                select e.actor || ':' || (s.hash is not null) from audit.entry e
                  left join audit.seal_of(array[e.id], array[cast(cast(e.xact as text) as bigint)]) s on true
                 where e.object_id = :id and e.action in ('reconciliation.break.resolved', 'reconciliation.break.approved')
                 order by e.occurred_at""").param("id", ds2Break).query(String.class).list())
                // both steps can carry the same test-clock instant, so their order is not the point
                .containsExactlyInAnyOrder(maker.username() + ":true", checker.username() + ":true"));
        ShardBooks.assertBalancedPerShardAndInTotal(shards);

        assignOnThePage(maker, onDs1.accountNumber());
        JsonNode ds1Break = operator.get("/api/v1/reconciliation/breaks/" + idOfBreakOn(open, onDs1.accountNumber())).json();
        assertThat(ds1Break.get("status").asString()).as("the ds_1 break, assigned on the page").isEqualTo("ASSIGNED");
    }

    /** The operator's workspace lists the ds_1 break and its assign button works it on ds_1. */
    private void assignOnThePage(UserAccount operator, String accountNumber) {
        try (Browser browser = Browser.open(port)) {
            Page page = browser.loggedIn(operator.username(), TestUsers.PASSWORD);
            page.navigate("/reconciliation");
            Locator row = page.locator("#breaks tr").filter(new Locator.FilterOptions().setHasText(accountNumber));
            assertThat(row.getAttribute("data-kind")).isEqualTo("BANK_ONLY");
            row.locator("button.assign").click();
            page.waitForURL("**/reconciliation");
        }
    }

    private static String line(LocalDate day, Gym gym, String yuan, String endToEndId, String description) {
        return String.join(",", day.toString(), day.toString(), gym.accountNumber(), yuan, endToEndId,
                "BK-" + UUID.randomUUID(), description) + "\n";
    }

    /** Every page of the sub-accounts (ordered by number, so this test's new ones come last). */
    private static List<String> allSubAccounts(Api operator) {
        List<String> numbers = new ArrayList<>();
        for (int page = 0; page < 100; page++) {
            List<String> rows = accountsOf(operator.get("/api/v1/reconciliation/sub-accounts?size=200&page=" + page).json());
            numbers.addAll(rows);
            if (rows.size() < 200) {
                break;
            }
        }
        return numbers;
    }

    private static List<String> accountsOf(JsonNode rows) {
        List<String> numbers = new ArrayList<>();
        rows.forEach(row -> numbers.add(row.get("accountNumber").asString()));
        return numbers;
    }

    private static JsonNode find(JsonNode rows, String id) {
        for (JsonNode row : rows) {
            if (row.get("id").asString().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("no " + id + " in " + rows);
    }

    private static String idOfBreakOn(JsonNode breaks, String accountNumber) {
        for (JsonNode row : breaks) {
            if (row.get("accountNumber").asString().equals(accountNumber)) {
                return row.get("id").asString();
            }
        }
        throw new AssertionError("no break on " + accountNumber + " in " + breaks);
    }
}
