package org.fangxin.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fangxin.identity.Role;
import org.fangxin.shared.Busy;
import org.fangxin.shared.Money;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.test.context.TestPropertySource;

/**
 * A claim that cannot get its turn on a policy's claims lock answers the 503 problem {@code busy} with Retry-After,
 * within the configured bounds instead of after Hikari's 30 s, and writes nothing (ADR 12 §8h): here one lock
 * connection, taken by a filing that waits for the lock, leaves the next request none; and that waiting filing gives
 * up when the lock's timeout runs out. The same request sent again later with the same key is filed.
 */
@TestPropertySource(properties = {"fangxin.sharding.directory-lock-pool-size-max=1",
        "fangxin.sharding.directory-lock-connection-wait=PT0.5S", "fangxin.sharding.directory-lock-timeout=PT10S"})
class ShardedClaimLockBusyTests extends ShardedClaimTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a safety net against a hang, not a timed assertion
    void aClaimWithNoTurnOnThePolicysLockIsA503ProblemAndWritesNothing() throws Exception {
        List<UUID> gyms = gymsOnDs1AndDs2(2);
        PolicyView policy = groupPolicy(gyms, Money.yuan(50_000));
        UUID gym = gyms.get(0);
        UUID caseId = UUID.randomUUID();
        UUID card = ShardRouting.onMerchant(gym, () -> new CompensationLedger(ledger).fundPaid(caseId, gym, 40_000));
        Map<String, Object> body = Map.of("caseId", caseId.toString(), "merchantId", gym.toString(),
                "trigger", "CLOSURE_CONFIRMED", "closedOn", policies.today().toString(),
                "lines", List.of(Map.of("cardId", card.toString(), "consumerId", UUID.randomUUID().toString(),
                        "claimed", Map.of("amountMinor", 40_000, "currency", "CNY"))));
        Api operator = api().as(users.create(Role.OPERATOR));
        String key = "busy-" + UUID.randomUUID();
        String lock = ClaimFiling.claimsLockOf(policy.id());
        ExecutorService filers = Executors.newSingleThreadExecutor();
        try (Connection holder = holdingClaimsLock(policy.id()); Connection watcher = directory()) {
            Future<ClaimView> waiting = filers.submit(() -> closeAndClaim(gyms.get(1), 30_000));
            while (waitingFor(watcher, lock) < 1) {
                assertThat(waiting).as("the first filing ended without waiting for the policy's lock").isNotDone();
                Thread.sleep(20); // polls the lock table; nothing is timed
            }

            // the one lock connection waits with the first filing: the next request gets none
            Api.Response zh = operator.post("/api/v1/insurance/claims", body, key);
            assertThat(zh.status()).as(zh.body()).isEqualTo(503);
            assertThat(zh.code()).isEqualTo("busy");
            assertThat(zh.json().get("title").asString()).isEqualTo("请求繁忙");
            assertThat(zh.header("Retry-After")).isNotBlank();
            Api.Response en = operator.inLanguage("en").post("/api/v1/insurance/claims", body, key);
            assertThat(en.status()).as(en.body()).isEqualTo(503);
            assertThat(en.json().get("detail").asString()).contains("did not get its turn in time");
            assertThat(ShardRouting.onMerchant(gym, () -> claims.ofCase(caseId))).as("nothing written").isEmpty();

            // the first filing waits no longer than the lock's timeout, and wrote nothing either
            assertThat(waitFor(waiting)).isInstanceOf(Busy.class);
            holder.rollback();
        } finally {
            filers.shutdownNow();
        }

        Api.Response again = operator.post("/api/v1/insurance/claims", body, key);
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().get("status").asString()).isEqualTo("FILED");
        assertThat(again.json().get("covered").get("amountMinor").asLong()).isEqualTo(40_000);
    }

    private static Throwable waitFor(Future<ClaimView> filing) throws InterruptedException {
        try {
            filing.get(120, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the waiting filing never gave up", e);
        }
    }
}
