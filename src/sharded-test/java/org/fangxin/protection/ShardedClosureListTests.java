package org.fangxin.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.testing.Api;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.ShardBooks;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * ADR 12 §8g: an operator marks gyms on ds_1 and ds_2 closed through the API (each case is kept on its gym's shard).
 * The operator's case list, which ran on ds_0 and showed neither, asks each shard once and shows both, newest first;
 * each case is read by its id (the id's gene routes it), and another merchant's staff get 404.
 */
@Tag("sharded")
@ActiveProfiles("sharded")
class ShardedClosureListTests extends IntegrationTest {

    static final String CLOSURES = "/api/v1/protection/closures";

    @Autowired Merchants merchants;
    @Autowired Users accounts;

    @BeforeAll
    static void shardsAreUp() {
        ShardBooks.assumeShardsUp();
    }

    @Test
    void theOperatorsCaseListShowsCasesKeptOnEveryShard() {
        Api operator = api().as(users.create(Role.OPERATOR));
        List<String> caseIds = new ArrayList<>();
        List<UUID> gyms = new ArrayList<>();
        for (int shard = 1; shard <= 2; shard++) {
            int slot = (2 * shard + 1) * MerchantSlot.SLOTS / 6; // the middle of shard n's third of the slots
            UUID gym = ShardRouting.onNewMerchant(slot,
                    () -> new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200").id());
            assertThat(ShardRouting.shardOf(gym)).isEqualTo("ds_" + shard);
            Api.Response marked = operator.post(CLOSURES, Map.of("merchantId", gym.toString(), "evidence", "门店已搬空"),
                    UUID.randomUUID().toString());
            assertThat(marked.status()).as(marked.body()).isEqualTo(201);
            caseIds.add(marked.json().get("id").asString());
            gyms.add(gym);
            clock.advance(java.time.Duration.ofMinutes(1)); // the ds_2 case is the newer one
        }

        JsonNode listed = operator.get(CLOSURES).json();
        List<String> ids = new ArrayList<>();
        listed.forEach(c -> ids.add(c.get("id").asString()));
        assertThat(ids).contains(caseIds.get(0), caseIds.get(1));
        assertThat(ids.indexOf(caseIds.get(1))).as("newest first over the shards").isLessThan(ids.indexOf(caseIds.get(0)));
        List<String> open = new ArrayList<>();
        operator.get(CLOSURES + "?open=true").json().forEach(c -> open.add(c.get("id").asString()));
        assertThat(open).contains(caseIds.get(0), caseIds.get(1));

        for (int i = 0; i < 2; i++) {
            Api.Response one = operator.get(CLOSURES + "/" + caseIds.get(i));
            assertThat(one.status()).as(one.body()).isEqualTo(200);
            assertThat(one.json().get("merchantId").asString()).isEqualTo(gyms.get(i).toString());
        }
        UUID otherGym = ShardRouting.onNewMerchant(MerchantSlot.SLOTS / 6,
                () -> new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200").id());
        Api otherStaff = api().as(new TestMerchants(merchants, accounts).staff(otherGym));
        assertThat(otherStaff.get(CLOSURES + "/" + caseIds.get(1)).status()).as("another merchant's case").isEqualTo(404);
    }
}
