package org.fangxin.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.Sector;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo seeding logic, run against uniquely named merchants (the demo profile itself is off in tests). */
class DemoCatalogTests extends IntegrationTest {

    @Autowired
    Products products;
    @Autowired
    Users accounts;
    @Autowired
    Merchants merchants;

    @Test
    void seedsTheDemoProductsOnceAndSkipsUnknownOwners() {
        var demo = new DemoCatalog(products, accounts, merchants);
        var gym = new TestMerchants(merchants, accounts).activeMerchant(Sector.SPORTS_FITNESS, "310104");
        var school = new TestMerchants(merchants, accounts).activeMerchant(Sector.EDUCATION, "440305");

        int first = demo.seedFor(gym.ownerUsername(), m -> List.of(
                DemoCatalog.sessionPack("60 sessions", "pt", 2000, 60, 6, m), DemoCatalog.monthlyPass("monthly", 300, m)));
        int again = demo.seedFor(gym.ownerUsername(), m -> List.of(
                DemoCatalog.sessionPack("60 sessions", "pt", 2000, 60, 6, m), DemoCatalog.monthlyPass("monthly", 300, m)));
        int course = demo.seedFor(school.ownerUsername(), m -> List.of(DemoCatalog.sessionPack("48 hours", "English", 4800, 48, 3, m)));
        int tooLong = demo.seedFor(school.ownerUsername(), m -> List.of(DemoCatalog.sessionPack("6 months", "English", 4800, 48, 6, m)));

        assertThat(first).isEqualTo(2);
        assertThat(again).isZero();
        assertThat(course).isEqualTo(1);
        assertThat(tooLong).isZero();
        assertThat(demo.seedFor("nobody-" + System.nanoTime(), m -> List.of())).isZero();
        assertThat(products.list(gym.ownerActor(), 10)).extracting(ProductView::name).containsExactlyInAnyOrder("60 sessions", "monthly");
    }
}
