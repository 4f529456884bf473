package org.fangxin.protection.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.protection.Closures;
import org.fangxin.protection.oversight.ClosureMoney;
import org.fangxin.shared.Money;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The guarantee fund's top-ups and the subrogation register's recoveries and write-offs, through the API. */
class RecoveryTests extends IntegrationTest {

    @Autowired Ledger ledger;
    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Closures closures;
    @Autowired JdbcClient jdbc;

    static Map<String, Object> yuan(long fen) {
        return Map.of("amountMinor", fen, "currency", "CNY");
    }

    long fundBalance() {
        return ledger.findAccount(AccountType.PLATFORM_GUARANTEE_FUND, null, Money.CNY).map(a -> a.normalBalance().amountMinor()).orElse(0L);
    }

    long receivable(UUID merchantId) {
        return ledger.findAccount(AccountType.SUBROGATION_RECEIVABLE, merchantId, Money.CNY).orElseThrow().normalBalance().amountMinor();
    }

    @Test
    void anOperatorTopsUpTheFundOncePerIdempotencyKeyAndRegulatorsOnlyRead() {
        Api operator = api().as(users.create(Role.OPERATOR));
        long before = fundBalance();
        String key = UUID.randomUUID().toString();
        Api.Response first = operator.post("/api/v1/protection/guarantee-fund/top-ups",
                Map.of("amount", yuan(5_000_000), "reference", "董事会决议 2026-03"), key);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        String topUpId = first.json().get("id").asString();
        assertThat(first.json().get("postingKey").asString()).isEqualTo("fund-top-up:" + topUpId);
        Api.Response replay = operator.post("/api/v1/protection/guarantee-fund/top-ups",
                Map.of("amount", yuan(5_000_000), "reference", "董事会决议 2026-03"), key);
        assertThat(replay.json().get("id").asString()).isEqualTo(topUpId);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(fundBalance() - before).isEqualTo(5_000_000);
        assertThat(ledger.sumsByPostingKeyPrefix("fund-top-up:" + topUpId, Money.CNY).credits(AccountType.PLATFORM_EQUITY))
                .isEqualTo(Money.fen(5_000_000));

        Api.Response keyless = operator.post("/api/v1/protection/guarantee-fund/top-ups", Map.of("amount", yuan(1), "reference", "x"));
        assertThat(keyless.status()).isBetween(400, 428);
        Api.Response negative = operator.post("/api/v1/protection/guarantee-fund/top-ups",
                Map.of("amount", yuan(-1), "reference", "x"), UUID.randomUUID().toString());
        assertThat(negative.status()).isEqualTo(400);
        assertThat(fundBalance() - before).isEqualTo(5_000_000);

        Api regulator = api().as(users.create(Role.REGULATOR));
        Api.Response fund = regulator.get("/api/v1/protection/guarantee-fund");
        assertThat(fund.status()).isEqualTo(200);
        assertThat(fund.json().get("balance").get("amountMinor").asLong()).isEqualTo(fundBalance());
        assertThat(fund.json().get("movements").toString()).contains("fund-top-up:" + topUpId);
        assertThat(regulator.post("/api/v1/protection/guarantee-fund/top-ups", Map.of("amount", yuan(1), "reference", "x"),
                UUID.randomUUID().toString()).status()).isEqualTo(403);
        assertThat(api().as(users.create(Role.CONSUMER)).get("/api/v1/protection/guarantee-fund").status()).isEqualTo(403);
    }

    @Test
    void recoveriesAndWriteOffsNeverExceedTheOpenReceivableAndReplayUnderTheirKey() {
        TestMerchants testMerchants = new TestMerchants(merchants, accounts);
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410203");
        Actor operatorActor = users.create(Role.OPERATOR).actor();
        UUID caseId = closures.mark(operatorActor, gym.id(), "老板失联, 门店关闭").id();
        ClosureMoney money = new ClosureMoney(ledger);
        money.fundTopUp(100_000);
        // Before confirmation there is no receivable to recover.
        Api operator = api().as(users.create(Role.OPERATOR));
        Api.Response early = operator.post("/api/v1/protection/subrogation/" + caseId + "/recoveries",
                Map.of("amount", yuan(1), "reference", "x"), UUID.randomUUID().toString());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("closure-case-not-confirmed");
        closures.confirm(operatorActor, caseId, "现场核查确认");
        money.compensatedCard(caseId, gym.id(), 10_000, 3_000, 20_000);
        money.claim(caseId, gym.id(), UUID.randomUUID(), 12_000, 12_000);
        assertThat(receivable(gym.id())).isEqualTo(8_000);

        String key = UUID.randomUUID().toString();
        Api.Response recovered = operator.post("/api/v1/protection/subrogation/" + caseId + "/recoveries",
                Map.of("amount", yuan(5_000), "reference", "破产清算分配 (2026)民破12号"), key);
        assertThat(recovered.status()).as(recovered.body()).isEqualTo(201);
        assertThat(recovered.json().get("postingKey").asString()).startsWith("subrogation-recovered:" + caseId + ":");
        assertThat(operator.post("/api/v1/protection/subrogation/" + caseId + "/recoveries",
                Map.of("amount", yuan(5_000), "reference", "破产清算分配 (2026)民破12号"), key).json().get("id").asString())
                .isEqualTo(recovered.json().get("id").asString());
        assertThat(receivable(gym.id())).isEqualTo(3_000);

        Api.Response tooMuch = operator.post("/api/v1/protection/subrogation/" + caseId + "/write-offs",
                Map.of("amount", yuan(3_001), "reason", "清算终结"), UUID.randomUUID().toString());
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.code()).isEqualTo("subrogation-exceeds-open");
        Api.Response writtenOff = operator.post("/api/v1/protection/subrogation/" + caseId + "/write-offs",
                Map.of("amount", yuan(3_000), "reason", "清算终结, 无财产可供分配"), UUID.randomUUID().toString());
        assertThat(writtenOff.status()).as(writtenOff.body()).isEqualTo(201);
        assertThat(receivable(gym.id())).isZero();

        Api.Response view = operator.get("/api/v1/protection/subrogation/" + caseId);
        assertThat(view.json().get("open").get("amountMinor").asLong()).isZero();
        assertThat(view.json().get("recovered").get("amountMinor").asLong()).isEqualTo(5_000);
        assertThat(view.json().get("writtenOff").get("amountMinor").asLong()).isEqualTo(3_000);
        assertThat(view.json().get("movements").size()).isEqualTo(2);
        assertThat(operator.get("/api/v1/protection/subrogation").body()).contains(caseId.toString());
        assertThat(jdbc.sql("select count(*) from audit.entry where object_type = 'closure-case' and object_id = :id and action like 'protection.subrogation.%'")
                .param("id", caseId.toString()).query(Long.class).single()).isEqualTo(2);
        assertThat(ledger.checkInvariants().holds()).isTrue();

        // A regulator of another sector does not see the case; a consumer is refused.
        UserAccount educationRegulator = users.create(Role.REGULATOR, null, Sector.EDUCATION.name());
        assertThat(api().as(educationRegulator).get("/api/v1/protection/subrogation/" + caseId).status()).isEqualTo(404);
        assertThat(api().as(educationRegulator).get("/api/v1/protection/subrogation").body()).doesNotContain(caseId.toString());
        assertThat(api().as(users.create(Role.CONSUMER)).get("/api/v1/protection/subrogation").status()).isEqualTo(403);
    }
}
