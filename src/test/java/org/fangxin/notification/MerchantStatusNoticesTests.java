package org.fangxin.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class MerchantStatusNoticesTests extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Notifications notifications;

    @Test
    void theOwnerIsToldWhenTheApplicationIsApprovedOnce() throws InterruptedException {
        TestMerchants testMerchants = new TestMerchants(merchants, accounts);
        TestMerchants.Created pending = testMerchants.pendingMerchant(Sector.BEAUTY, "410200");
        merchants.approve(testMerchants.operator(), pending.id());
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (notifications.inbox(pending.ownerActor(), 10).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(notifications.inbox(pending.ownerActor(), 10)).singleElement()
                .satisfies(n -> assertThat(n.subject()).isEqualTo("商户状态：正常经营"));
    }
}
