package org.fangxin.compensation.batch;

import java.util.UUID;
import org.fangxin.compensation.CompensationCompleted;
import org.fangxin.compensation.batch.CompensationRepository.Batch;
import org.fangxin.compensation.batch.CompensationRepository.Totals;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Completes a batch when its last line is paid: each transaction that pays lines lowers the batch's unpaid count, which
 * locks the batch row, so of two lines paid at the same time exactly one sees nothing left, marks the batch COMPLETED and publishes {@link CompensationCompleted} (once per case).
 */
@Component
class CompensationCompletion {

    private final CompensationRepository repository;
    private final ApplicationEventPublisher events;
    private final org.fangxin.shared.AuditTrail audit;
    private final Clock clock;

    CompensationCompletion(CompensationRepository repository, ApplicationEventPublisher events,
                           org.fangxin.shared.AuditTrail audit, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Counts {@code paid} lines of the batch just moved to PAID in this transaction (every move to PAID calls this, in
     * its transaction: the batch's unpaid count is what tells the batch done) and completes the batch if none is left.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void paid(UUID batchId, int paid) {
        if (paid == 0) {
            return;
        }
        CompensationRepository.Unpaid left = repository.lowerUnpaid(batchId, paid);
        if (!"COMPLETED".equals(left.status()) && left.unpaid() == 0) {
            repository.complete(batchId, clock.instant());
            publish(repository.batch(batchId).orElseThrow());
        }
    }

    /** Publishes the event of a batch just marked COMPLETED (in the same transaction). */
    @Transactional(propagation = Propagation.MANDATORY)
    void publish(Batch batch) {
        Totals t = repository.totals(batch.id());
        var funded = repository.fundedLines(batch.id()).stream()
                .map(l -> new CompensationCompleted.FundedLine(l.id(), l.cardId(), l.consumerId(),
                        batch.money(l.unredeemedMinor()), batch.money(l.fundMinor()))).toList();
        CompensationCompleted event = new CompensationCompleted(batch.caseId(), batch.merchantId(),
                batch.completedAt() == null ? clock.instant() : batch.completedAt(), batch.money(t.paidTotal()),
                batch.money(t.paidEscrow()), batch.money(t.paidDeposit()), batch.money(t.paidFund()), funded);
        audit.record("compensation.completed", "closure_case", batch.caseId(), null, java.util.Map.of("lines", t.lines(),
                "paidMinor", t.paidTotal(), "fromEscrowMinor", t.paidEscrow(), "fromDepositMinor", t.paidDeposit(),
                "fromGuaranteeFundMinor", t.paidFund(), "fundedLines", funded.size()));
        events.publishEvent(event);
    }
}
