package org.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.fangxin.identity.Users;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class MerchantSettlementAccountTests extends IntegrationTest {

    @Autowired
    Merchants merchants;

    @Autowired
    Users accounts;

    @Test
    void givesSettlementTheAccountFromTheApplicationNormalized() {
        var testMerchants = new TestMerchants(merchants, accounts);
        var application = testMerchants.application(Sector.RETAIL, "410200");
        var spaced = new SettlementAccount(" " + application.settlementAccount().accountName() + " ",
                application.settlementAccount().bankName(), application.settlementAccount().accountNumber());
        var created = testMerchants.pendingMerchant(new MerchantApplication(application.legalName(), application.creditCode(),
                application.sector(), application.regionCode(), application.stores(), spaced, application.flags(),
                application.ownerUsername(), application.ownerPassword(), application.ownerDisplayName(),
                application.contactMobile()));
        assertThat(merchants.settlementAccount(created.id())).contains(application.settlementAccount());
        assertThat(merchants.settlementAccount(UUID.randomUUID())).isEmpty();
        assertThat(merchants.settlementAccount(null)).isEmpty();
    }
}
