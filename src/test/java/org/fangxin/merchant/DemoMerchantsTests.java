package org.fangxin.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import org.fangxin.identity.Users;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo seeding (normally run by the "demo" profile) creates its merchants once and is harmless on restart. */
class DemoMerchantsTests extends IntegrationTest {

    @Autowired
    Merchants merchants;

    @Autowired
    Users accounts;

    @Test
    void seedsThreeActiveKaifengMerchantsAndOnePendingApplicationOnce() {
        var demo = new DemoMerchants(merchants, accounts, clock);
        demo.run(null);
        demo.run(null);
        for (String owner : new String[] {"gym-owner", "school-owner", "salon-owner"}) {
            var account = accounts.findByUsername(owner).orElseThrow();
            var merchant = merchants.find(account.merchantId()).orElseThrow();
            assertThat(merchant.status()).isEqualTo(MerchantStatus.ACTIVE);
            assertThat(merchant.regionCode()).isEqualTo("410200");
            assertThat(accounts.ofMerchant(merchant.id())).hasSize(2);
            assertThat(api().as(owner, DemoMerchants.PASSWORD).get("/api/v1/merchants/" + merchant.id()).status()).isEqualTo(200);
        }
        var bakery = merchants.find(accounts.findByUsername("bakery-owner").orElseThrow().merchantId()).orElseThrow();
        assertThat(bakery.status()).isEqualTo(MerchantStatus.PENDING);
        assertThat(merchants.find(accounts.findByUsername("gym-owner").orElseThrow().merchantId()).orElseThrow().sector())
                .isEqualTo(Sector.SPORTS_FITNESS);
    }
}
