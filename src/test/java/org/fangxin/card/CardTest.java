package org.fangxin.card;

import org.fangxin.card.lifecycle.EscrowIdentityCheck;
import org.fangxin.catalog.Products;
import org.fangxin.identity.Users;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.payment.Payments;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Base of the card module's application tests: the facades a purchase needs and {@link CardFixtures} over them. */
abstract class CardTest extends IntegrationTest {

    @Autowired Merchants merchants;
    @Autowired Users accounts;
    @Autowired Products products;
    @Autowired Payments payments;
    @Autowired SandboxGateway sandbox;
    @Autowired Ledger ledger;
    @Autowired EscrowIdentityCheck escrow;
    @Autowired JdbcClient jdbc;

    CardFixtures f;

    @BeforeEach
    void cardFixtures() {
        f = new CardFixtures(merchants, accounts, products, payments, sandbox, ledger, escrow, jdbc, users);
    }
}
