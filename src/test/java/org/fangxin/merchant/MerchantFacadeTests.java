package org.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fangxin.identity.Users;
import org.fangxin.shared.Rejection;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class MerchantFacadeTests extends IntegrationTest {

    @Autowired
    Merchants merchants;

    @Autowired
    Users accounts;

    TestMerchants testMerchants;

    @BeforeEach
    void fixtures() {
        testMerchants = new TestMerchants(merchants, accounts);
    }

    @Test
    void appliesAsPendingWithAnOwnerLoginOfThatMerchant() {
        var created = testMerchants.pendingMerchant(Sector.EDUCATION, "410200");
        assertThat(created.merchant().status()).isEqualTo(MerchantStatus.PENDING);
        assertThat(created.merchant().stores()).hasSize(1);
        assertThat(created.owner().merchantId()).isEqualTo(created.id());
        assertThat(merchants.find(created.id())).contains(created.merchant());
        assertThat(created.merchant().reasonItMayNotSell()).contains("merchant is PENDING");
    }

    @Test
    void approvedMerchantMaySell() {
        var created = testMerchants.activeMerchant(Sector.SPORTS_FITNESS, "410200");
        assertThat(created.merchant().status()).isEqualTo(MerchantStatus.ACTIVE);
        assertThat(created.merchant().reasonItMayNotSell()).isEmpty();
        assertThat(merchants.view(created.ownerActor(), created.id()).legalName()).isEqualTo(created.merchant().legalName());
    }

    @Test
    void rejectsWithAReasonOnly() {
        var created = testMerchants.pendingMerchant(Sector.BEAUTY, "410200");
        var operator = testMerchants.operator();
        assertThatThrownBy(() -> merchants.reject(operator, created.id(), " "))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type().status()).isEqualTo(400));
        assertThat(merchants.reject(operator, created.id(), "licence scan unreadable").status()).isEqualTo(MerchantStatus.REJECTED);
    }

    @Test
    void refusesADuplicateCreditCodeWithoutCreatingTheOwner() {
        var first = testMerchants.pendingMerchant(Sector.CATERING, "410200");
        var second = testMerchants.application(Sector.CATERING, "410200");
        var duplicate = new MerchantApplication(second.legalName(), first.merchant().creditCode(), second.sector(),
                second.regionCode(), second.stores(), second.settlementAccount(), second.flags(), second.ownerUsername(),
                second.ownerPassword(), second.ownerDisplayName(), second.contactMobile());
        assertThatThrownBy(() -> merchants.apply(duplicate))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.type()).isEqualTo(Merchants.CREDIT_CODE_TAKEN));
        assertThat(accounts.findByUsername(second.ownerUsername())).isEmpty();
    }
}
