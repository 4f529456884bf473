package org.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fangxin.identity.Users;
import org.fangxin.shared.AuditTrail;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@RecordApplicationEvents
class MerchantEventsTests extends IntegrationTest {

    @Autowired
    Merchants merchants;

    @Autowired
    Users accounts;

    @Autowired
    AuditTrail audit;

    @Autowired
    ApplicationEvents events;

    @Test
    void publishesAndAuditsEveryStateChange() {
        var fixtures = new TestMerchants(merchants, accounts);
        var merchant = fixtures.activeMerchant(Sector.BEAUTY, "410200");
        var operator = fixtures.operator();
        merchants.suspend(operator, merchant.id(), "complaints piling up");
        merchants.changeComplianceFlags(operator, merchant.id(), new ComplianceFlags(false, true, false), "on the list");

        assertThat(events.stream(MerchantApproved.class).filter(e -> e.merchantId().equals(merchant.id())))
                .singleElement().satisfies(e -> assertThat(e.sector()).isEqualTo(Sector.BEAUTY));
        assertThat(events.stream(MerchantStatusChanged.class).filter(e -> e.merchantId().equals(merchant.id()))
                .map(MerchantStatusChanged::to)).containsExactly(MerchantStatus.ACTIVE, MerchantStatus.SUSPENDED);
        assertThat(events.stream(MerchantComplianceFlagsChanged.class).filter(e -> e.merchantId().equals(merchant.id())))
                .singleElement().satisfies(e -> assertThat(e.after().abnormalOperation()).isTrue());

        List<String> actions = audit.history("merchant", merchant.id().toString(), 50).stream()
                .map(AuditTrail.Entry::action).toList();
        assertThat(actions).containsExactlyInAnyOrder("merchant.applied", "merchant.approve", "merchant.suspend",
                "merchant.flags-changed");
    }

    @Test
    void doesNotPublishOrAuditARefusedChange() {
        var fixtures = new TestMerchants(merchants, accounts);
        var merchant = fixtures.pendingMerchant(Sector.RETAIL, "410200");
        try {
            merchants.suspend(fixtures.operator(), merchant.id(), "cannot suspend a pending merchant");
        } catch (org.fangxin.shared.Rejection expected) {
            assertThat(expected.type()).isEqualTo(Merchants.STATUS_CONFLICT);
        }
        assertThat(events.stream(MerchantStatusChanged.class).filter(e -> e.merchantId().equals(merchant.id()))).isEmpty();
        assertThat(merchants.history(fixtures.operator(), merchant.id())).hasSize(1);
    }
}
