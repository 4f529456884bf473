package org.fangxin.oversight;

import org.fangxin.identity.Role;
import org.fangxin.identity.Users;
import org.fangxin.merchant.Merchants;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestCards;
import org.fangxin.testing.TestMerchants;
import org.springframework.beans.factory.annotation.Autowired;

/** The fixtures of the oversight tests: merchants in named regions, cards bought through the real modules, snapshots. */
abstract class OversightTest extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired org.fangxin.catalog.Products products;
    @Autowired org.fangxin.payment.Payments payments;
    @Autowired org.fangxin.payment.sandbox.SandboxGateway sandbox;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    TestMerchants testMerchants() {
        return new TestMerchants(merchants, accounts);
    }

    TestCards testCards() {
        return new TestCards(products, payments, sandbox, jdbc, users, this::api);
    }

    /** An operator takes today's balance snapshot (which also opens the filings it makes due). */
    void takeSnapshot() {
        int status = api().as(users.create(Role.OPERATOR)).post("/api/v1/oversight/snapshots", java.util.Map.of()).status();
        if (status != 201) {
            throw new AssertionError("snapshot answered " + status);
        }
    }
}
