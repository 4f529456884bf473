package org.fangxin.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.fangxin.card.Cards;
import org.fangxin.catalog.Products;
import org.fangxin.identity.Users;
import org.fangxin.ledger.Ledger;
import org.fangxin.merchant.Merchants;
import org.fangxin.payment.Payments;
import org.fangxin.payment.lifecycle.RefundWorker;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.refund.lifecycle.RefundTimers;
import org.fangxin.testing.IntegrationTest;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wiring shared by the refund integration tests. */
abstract class RefundTestBase extends IntegrationTest {

    @Autowired Refunds refunds;
    @Autowired RefundTimers timers;
    @Autowired Cards cardsBean;
    @Autowired org.fangxin.card.EscrowChecks escrow;
    @Autowired org.fangxin.card.lifecycle.PeriodRelease periodRelease;
    @Autowired org.fangxin.rules.Rules rules;
    @Autowired Products products;
    @Autowired Payments payments;
    @Autowired SandboxGateway sandbox;
    @Autowired RefundWorker worker;
    @Autowired Ledger ledger;
    @Autowired Merchants merchantsFacade;
    @Autowired Users accounts;
    @Autowired JdbcClient jdbc;
    RefundFixtures fx;

    @BeforeEach
    void wire() {
        fx = new RefundFixtures(new TestMerchants(merchantsFacade, accounts), users, products, payments, sandbox, worker,
                cardsBean, escrow, periodRelease, rules, ledger, jdbc, clock, this::api);
    }

    RefundView awaitStatus(UUID refundId, RefundStatus status) {
        RefundFixtures.awaitTrue(() -> refunds.view(operator(), refundId).status() == status);
        RefundView view = refunds.view(operator(), refundId);
        assertThat(view.status()).isEqualTo(status);
        return view;
    }

    org.fangxin.identity.Actor operator() {
        return users.create(org.fangxin.identity.Role.OPERATOR).actor();
    }
}
