package org.fangxin.compensation.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fangxin.catalog.ProductKind;
import org.fangxin.catalog.ProductView;
import org.fangxin.catalog.RefundMethod;
import org.fangxin.catalog.Term;
import org.fangxin.identity.Role;
import org.fangxin.shared.Money;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A refund's outcome finds its line by the refund reference while the line waits for it (PAYING), and only then: the
 * reference names the line by (case, card), looked up with a PAYING filter (V15_101_10), so a planned line and a paid
 * one are not found by it, nor by a reference that only resembles it.
 */
class CompensationRefundReferenceTests extends CompensationTestBase {

    @Autowired TransactionTemplate transactions;

    @Test
    void aLineIsFoundByItsRefundReferenceOnlyWhileItWaitsForTheRefund() {
        TestMerchants.Created gym = gym();
        ProductView pack = product(gym, ProductKind.SESSION_PACK, Money.yuan(1200), 20, Term.months(3), RefundMethod.PRO_RATA_SESSIONS);
        buy(users.create(Role.CONSUMER), pack);
        buy(users.create(Role.CONSUMER), pack);
        ClosedWithBatch closed = closeAfterSettlement(gym.id());
        List<String> references = repository.lines(closed.batch().id(), null, 10).stream()
                .map(line -> LineReference.PREFIX + line.caseId() + ":" + line.cardId()).toList();
        assertThat(references).hasSize(2).allSatisfy(reference -> assertThat(paying(reference)).isFalse());

        assertThat(payer.payDue(closed.batch().id(), Integer.MAX_VALUE, line -> { })).isEqualTo(2);
        assertThat(references).allSatisfy(reference -> assertThat(paying(reference)).isTrue());
        String first = references.get(0);
        assertThat(paying(first.toUpperCase(java.util.Locale.ROOT).replace("COMPENSATION:", "compensation:"))).isFalse();
        assertThat(paying(first + ":extra")).isFalse();
        assertThat(paying("refund:" + first)).isFalse();

        payRefundsUntilSettled(closed.batch().id());
        assertThat(repository.totals(closed.batch().id()).paid()).isEqualTo(2);
        assertThat(references).allSatisfy(reference -> assertThat(paying(reference)).isFalse());
        assertEveryonePaidOnce(closed.closure().id(), 2, repository.totals(closed.batch().id()).total());
    }

    private boolean paying(String reference) {
        return Boolean.TRUE.equals(transactions.execute(status ->
                LineReference.parse(reference).flatMap(repository::lockPaying).map(line -> "PAYING".equals(line.status())).orElse(false)));
    }
}
