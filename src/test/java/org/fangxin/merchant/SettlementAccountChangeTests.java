package org.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Issue 13, item 12: the settlement account changes only when an operator approves the owner's request. */
class SettlementAccountChangeTests extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired SettlementAccountChanges changes;

    private static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    @Test
    void anOwnerAsksOnItsPageAndAnOperatorApprovesOnTheQueue() {
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var before = merchants.settlementAccount(gym.id()).orElseThrow();
        var owner = FormSession.loggedIn(port, gym.ownerUsername());

        var page = owner.get("/merchants/mine/settlement-account");
        assertThat(page.statusCode()).isEqualTo(302);
        var asked = owner.post("/merchants/" + gym.id() + "/settlement-account",
                form("accountName", "新户名", "bankName", "郑州银行", "accountNumber", "6222 0000 1234 5678"));
        assertThat(asked.statusCode()).isEqualTo(302);
        assertThat(owner.get("/merchants/" + gym.id() + "/settlement-account").body()).contains("6222000012345678")
                .contains("待审批");
        assertThat(merchants.settlementAccount(gym.id())).contains(before);

        var operatorLogin = users.create(Role.OPERATOR);
        var operator = FormSession.loggedIn(port, operatorLogin.username());
        UUID changeId = changes.ofMerchant(gym.ownerActor(), gym.id()).get(0).id();
        assertThat(operator.get("/settlement-account-changes").body()).contains(changeId.toString());
        assertThat(operator.post("/settlement-account-changes/" + changeId + "/approve", "").statusCode()).isEqualTo(302);

        assertThat(merchants.settlementAccount(gym.id())).contains(new SettlementAccount("新户名", "郑州银行", "6222000012345678"));
        assertThat(merchants.history(operatorLogin.actor(), gym.id())).extracting(MerchantHistoryEntry::event)
                .contains("SETTLEMENT_ACCOUNT_CHANGED");
    }

    @Test
    void refusesASecondPendingRequestBadNumbersOtherMerchantsAndOtherRoles() {
        var testMerchants = new TestMerchants(merchants, accounts);
        var gym = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        var other = testMerchants.activeMerchant(Sector.BEAUTY, "410200");
        var owner = api().as(gym.owner());
        String path = "/api/v1/merchants/" + gym.id() + "/settlement-account-changes";
        Map<String, Object> account = Map.of("accountName", "户名", "bankName", "开封银行", "accountNumber", "622200009999");

        assertThat(owner.post(path, Map.of("accountName", "户名", "bankName", "开封银行", "accountNumber", "12ab"), null)
                .json().get("field").asString()).isEqualTo("accountNumber");
        assertThat(owner.post(path, account, null).status()).isEqualTo(201);
        assertThat(owner.post(path, account, null).code()).isEqualTo("settlement-account-change-pending");
        assertThat(api().as(other.owner()).post(path, account, null).status()).isEqualTo(404);
        assertThat(api().as(testMerchants.staff(gym.id())).post(path, account, null).status()).isEqualTo(403);
        assertThat(api().as(users.create(Role.REGULATOR)).get("/api/v1/settlement-account-changes").status()).isEqualTo(403);
        String changeId = owner.get(path).json().get(0).get("id").asString();
        var operator = api().as(users.create(Role.OPERATOR));
        assertThat(operator.post("/api/v1/settlement-account-changes/" + changeId + "/reject", Map.of("reason", "户名与营业执照不符"), null)
                .json().get("status").asString()).isEqualTo("REJECTED");
        assertThat(operator.post("/api/v1/settlement-account-changes/" + changeId + "/approve", null, null).code())
                .isEqualTo("settlement-account-change-decided");
    }
}
