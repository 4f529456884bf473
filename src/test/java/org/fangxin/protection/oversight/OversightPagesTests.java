package org.fangxin.protection.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.fangxin.identity.Role;
import org.fangxin.identity.UserAccount;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Sector;
import org.fangxin.shared.Money;
import org.fangxin.testing.FormSession;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Who may open the recovery and dashboard pages, and the top-up form acting once per form key. */
class OversightPagesTests extends IntegrationTest {

    @Autowired Ledger ledger;

    long fund() {
        return ledger.findAccount(AccountType.PLATFORM_GUARANTEE_FUND, null, Money.CNY).map(a -> a.normalBalance().amountMinor()).orElse(0L);
    }

    @Test
    void supervisorsOpenThePagesAndOthersAreRefused() {
        for (Role role : new Role[] {Role.OPERATOR, Role.REGULATOR}) {
            FormSession session = FormSession.loggedIn(port, users.create(role).username());
            assertThat(session.get("/protection/recovery").statusCode()).as(role.name()).isEqualTo(200);
            assertThat(session.get("/protection/oversight").statusCode()).as(role.name()).isEqualTo(200);
        }
        FormSession education = FormSession.loggedIn(port, users.create(Role.REGULATOR, null, Sector.EDUCATION.name()).username());
        assertThat(education.get("/protection/oversight").body()).contains("closures-chart");
        FormSession association = FormSession.loggedIn(port, users.create(Role.ASSOCIATION).username());
        assertThat(association.get("/protection/oversight").statusCode()).isEqualTo(200);
        assertThat(association.get("/protection/recovery").statusCode()).isEqualTo(403);
        FormSession consumer = FormSession.loggedIn(port, users.create(Role.CONSUMER).username());
        assertThat(consumer.get("/protection/oversight").statusCode()).isEqualTo(403);
        assertThat(consumer.get("/protection/recovery").statusCode()).isEqualTo(403);
        assertThat(FormSession.anonymous(port).get("/protection/oversight").statusCode()).isEqualTo(302);
    }

    @Test
    void theTopUpFormTopsUpOncePerFormKeyAndARegulatorCannotTopUp() {
        UserAccount operator = users.create(Role.OPERATOR);
        FormSession session = FormSession.loggedIn(port, operator.username());
        long before = fund();
        String form = "amountYuan=1234.56&reference=" + FormSession.encode("注资 " + UUID.randomUUID()) + "&formKey=" + UUID.randomUUID();
        assertThat(session.post("/protection/recovery/top-ups", form).statusCode()).isEqualTo(302);
        assertThat(session.post("/protection/recovery/top-ups", form).statusCode()).isEqualTo(302);
        assertThat(fund() - before).isEqualTo(123_456);

        FormSession regulator = FormSession.loggedIn(port, users.create(Role.REGULATOR).username());
        regulator.post("/protection/recovery/top-ups", "amountYuan=1&reference=x&formKey=" + UUID.randomUUID());
        assertThat(fund() - before).isEqualTo(123_456);
    }
}
