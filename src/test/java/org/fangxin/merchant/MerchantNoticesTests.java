package org.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import org.fangxin.identity.Users;
import org.fangxin.notification.Notifications;
import org.fangxin.testing.Eventually;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class MerchantNoticesTests extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Notifications notifications;

    @Test
    void theOwnerIsToldOnceWhenTheApplicationIsApproved() {
        TestMerchants testMerchants = new TestMerchants(merchants, accounts);
        TestMerchants.Created pending = testMerchants.pendingMerchant(Sector.BEAUTY, "410200");
        merchants.approve(testMerchants.operator(), pending.id());
        Eventually.holds(() -> assertThat(notifications.inbox(pending.ownerActor(), 10)).singleElement()
                .satisfies(n -> assertThat(n.subject()).isEqualTo("商户状态：正常经营")));
        assertThat(notifications.inbox(pending.ownerActor(), 10, java.util.Locale.ENGLISH)).singleElement()
                .satisfies(n -> assertThat(n.subject()).isEqualTo("Merchant status: Active"));
    }
}
