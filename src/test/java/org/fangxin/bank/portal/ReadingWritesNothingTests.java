package org.fangxin.bank.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #14 item 4: the audit trail records state changes only. Before, opening a bank-portal page numbered the
 * merchant's sub-accounts and recorded {@code bank.sub-account.assigned} in the viewer's name; now the numbers are
 * assigned when the merchant is approved, and reading the portal, the audit trail or its export writes nothing.
 */
class ReadingWritesNothingTests extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired JdbcClient jdbc;

    @Test
    void approvalNumbersTheSubAccountsInTheApproversName() {
        var gym = new TestMerchants(merchants, accounts).pendingMerchant(Sector.SPORTS_FITNESS, "410200");
        UserAccount operator = users.create(Role.OPERATOR);
        var approved = api().as(operator).post("/api/v1/merchants/" + gym.id() + "/approve", java.util.Map.of(), "approve-" + gym.id());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        var assigned = jdbc.sql("select actor from audit.entry where action = 'bank.sub-account.assigned' and object_id = :m")
                .param("m", gym.id().toString()).query(String.class).list();
        assertThat(assigned).containsExactly(operator.username());
    }

    @Test
    void readingThePortalAndTheAuditTrailWritesNoEntry() {
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "410200");
        UUID unnumbered = new TestMerchants(merchants, accounts).activeMerchant(Sector.EDUCATION, "410200").id();
        // as a merchant approved before sub-accounts were numbered at approval
        jdbc.sql("delete from bank.custody_sub_account where merchant_id = :m").param("m", unnumbered).update();
        UserAccount bank = users.create(Role.BANK);
        UserAccount operator = users.create(Role.OPERATOR);
        long before = entriesBy(bank, operator);

        for (UUID merchant : List.of(gym.id(), unnumbered)) {
            api().as(bank).get("/api/v1/bank/merchants/" + merchant + "/accounts");
            api().as(bank).get("/api/v1/bank/merchants/" + merchant + "/balance");
            api().as(bank).get("/api/v1/bank/merchants/" + merchant + "/movements");
            api().as(operator).get("/api/v1/reconciliation/sub-accounts/" + merchant);
        }
        FormSession bankPages = FormSession.loggedIn(port, bank.username());
        assertThat(bankPages.get("/bank/portal").statusCode()).isEqualTo(200);
        assertThat(bankPages.get("/bank/portal/merchants/" + unnumbered).statusCode()).isEqualTo(200);
        FormSession operatorPages = FormSession.loggedIn(port, operator.username());
        assertThat(operatorPages.get("/audit").statusCode()).isEqualTo(200);
        assertThat(operatorPages.get("/audit/export.csv?objectType=user").statusCode()).isEqualTo(200);
        api().as(operator).get("/api/v1/audit?limit=5");

        // logging in issues a token (a state change); everything after it is reading
        long tokens = jdbc.sql("select count(*) from audit.entry where action = 'token.issued' and actor in (:a, :b)")
                .param("a", bank.username()).param("b", operator.username()).query(Long.class).single();
        assertThat(entriesBy(bank, operator) - before - tokens).isZero();
        assertThat(jdbc.sql("select count(*) from bank.custody_sub_account where merchant_id = :m").param("m", unnumbered)
                .query(Long.class).single()).isZero();
    }

    private long entriesBy(UserAccount... actors) {
        return jdbc.sql("select count(*) from audit.entry where actor in (:actors)")
                .param("actors", java.util.Arrays.stream(actors).map(UserAccount::username).toList())
                .query(Long.class).single();
    }
}
