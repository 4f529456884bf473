package org.fangxin.compensation.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sql.DataSource;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.shared.Money;
import org.fangxin.testing.GenericPlans;
import org.fangxin.testing.SentStatements;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The plan-shape guard over the compensation batch (issue 15, session 14): the statements a closure's planning, its
 * pay chunks and the refunds they send must plan as index probes in their generic plans, on empty and on full tables.
 * See {@link GenericPlans} and {@code card.HotStatementPlansTests}.
 */
class CompensationPlanShapeTests extends CompensationTestBase {

    @Autowired DataSource dataSource;

    @Test
    void theCompensationBatchsStatementsProbeIndexesInTheirGenericPlansOnEmptyAndOnFullTables() {
        TestMerchants.Created gym = gym();
        ProductView pack = product(gym, ProductKind.SESSION_PACK, Money.yuan(1200), 20, Term.months(3),
                RefundMethod.PRO_RATA_SESSIONS);
        for (int i = 0; i < 4; i++) {
            buy(users.create(Role.CONSUMER), pack);
        }
        List<GenericPlans.Sql> sent;
        try (SentStatements recording = SentStatements.record(dataSource)) {
            ClosedWithBatch closed = closeAfterSettlement(gym.id()); // the closure and the batch's planning
            while (payer.payDue(closed.batch().id(), 2, line -> { }) > 0) {
                // pay chunks of two lines
            }
            payRefundsUntilSettled(closed.batch().id());
            sent = recording.statements();
        }

        assertThat(sent).as("the recording saw the batch's statements")
                .anySatisfy(s -> assertThat(s.sql()).contains("compensation."))
                .anySatisfy(s -> assertThat(s.sql()).contains("ledger."));
        new GenericPlans(dataSource, GenericPlans.ALLOWED).assertIndexProbesOnly(sent);
    }
}
