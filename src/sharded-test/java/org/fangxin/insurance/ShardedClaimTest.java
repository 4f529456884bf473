package org.fangxin.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.Money;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.ShardBooks;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the sharded claim tests (ADR 12 §8h): gyms on ds_1 and ds_2 under one GROUP policy copied to every shard,
 * claims filed on a gym's shard, and a look at who waits for a policy's claims lock on the directory.
 */
@Tag("sharded")
@ActiveProfiles("sharded")
abstract class ShardedClaimTest extends IntegrationTest {

    /** A district no other test uses. */
    static final String REGION = "469934";

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Insurers insurers;
    @Autowired Policies policies;
    @Autowired Claims claims;
    @Autowired Ledger ledger;

    @BeforeAll
    static void shardsAreUp() {
        ShardBooks.assumeShardsUp();
    }

    List<UUID> gymsOnDs1AndDs2(int offset) {
        List<UUID> gyms = new ArrayList<>();
        for (int shard = 1; shard <= 2; shard++) {
            int slot = (2 * shard + 1) * MerchantSlot.SLOTS / 6 + 2 + offset;
            gyms.add(ShardRouting.onNewMerchant(slot,
                    () -> new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, REGION).id()));
            assertThat(ShardRouting.shardOf(gyms.get(shard - 1))).isEqualTo("ds_" + shard);
        }
        return gyms;
    }

    /** A GROUP policy of the gyms, on every shard, whose product's limits are all {@code limit}. */
    PolicyView groupPolicy(List<UUID> gyms, Money limit) {
        var fixtures = new InsuranceFixtures(insurers, policies, users);
        UserAccount login = fixtures.insurer(60, limit).login();
        List<ProductRate> rates = Arrays.stream(Sector.values()).map(s -> new ProductRate(s, RiskTier.B, 60)).toList();
        ProductView product = insurers.defineProduct(login.actor(), new NewProduct(null, "两店总限额 " + UUID.randomUUID(),
                EnumSet.allOf(ClosureTrigger.class), rates, limit, limit, limit));
        LocalDate start = policies.today().withDayOfMonth(1);
        return policies.issue(fixtures.operator(), new NewPolicy(product.id(), PolicyScope.GROUP, gyms, null,
                "两店联保 aggregate", start, start.plusYears(1).minusDays(1), new CostSharing(0, 10_000, 0)));
    }

    ClaimView closeAndClaim(UUID gym, long fundFen) {
        return ShardRouting.onMerchant(gym, () -> {
            UUID caseId = UUID.randomUUID();
            UUID card = new CompensationLedger(ledger).fundPaid(caseId, gym, fundFen);
            return claims.file(new NewClaim(caseId, gym, ClosureTrigger.CLOSURE_CONFIRMED, policies.today(),
                    List.of(new NewClaim.Line(card, UUID.randomUUID(), Money.fen(fundFen)))));
        });
    }

    /** A connection of its own to the directory shard. */
    static Connection directory() throws SQLException {
        return DriverManager.getConnection(ShardBooks.configuredUrls().get(0), "fangxin", "fangxin");
    }

    /** A directory connection that holds the policy's claims lock until it rolls back or closes. */
    static Connection holdingClaimsLock(UUID policyId) throws SQLException {
        Connection holder = directory();
        holder.setAutoCommit(false);
        try (PreparedStatement lock = holder.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, ClaimFiling.claimsLockOf(policyId));
            lock.execute();
        }
        return holder;
    }

    /** Sessions of this database that wait for the advisory lock of {@code key}. */
    static long waitingFor(Connection watcher, String key) throws Exception {
        try (PreparedStatement waiting = watcher.prepareStatement("""
                select count(*) from pg_locks where locktype = 'advisory' and not granted
                  and database = (select oid from pg_database where datname = current_database())
                  and ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, 0)""")) {
            waiting.setString(1, key);
            try (var rows = waiting.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
