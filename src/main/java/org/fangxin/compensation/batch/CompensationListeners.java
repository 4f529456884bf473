package org.fangxin.compensation.batch;

import org.fangxin.payment.RefundFailed;
import org.fangxin.payment.RefundSucceeded;
import org.fangxin.payment.RefundsSucceeded;
import org.fangxin.compensation.batch.CompensationRepository.Line;
import java.util.List;
import org.fangxin.protection.ClosureConfirmed;
import org.fangxin.shared.Money;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Events the batch reacts to (delivered after commit, at least once, each in its own transaction): a confirmed
 * closure plans the batch; a refund of a compensation reference marks its line PAID (or, refused, moves it to the
 * manual payout queue). A replayed event changes nothing.
 */
@Component
class CompensationListeners {

    static final String PREFIX = "compensation:";

    private final CompensationPlanner planner;
    private final CompensationRepository repository;
    private final CompensationCompletion completion;
    private final CompensationNotices notices;

    CompensationListeners(CompensationPlanner planner, CompensationRepository repository,
                          CompensationCompletion completion, CompensationNotices notices) {
        this.planner = planner;
        this.repository = repository;
        this.completion = completion;
        this.notices = notices;
    }

    @ApplicationModuleListener
    void on(ClosureConfirmed event) {
        planner.plan(event.caseId(), "closure confirmed by " + event.decidedBy());
    }

    @ApplicationModuleListener
    void on(RefundSucceeded event) {
        if (!event.refundReference().startsWith(PREFIX)) {
            return;
        }
        repository.lockPayingByReference(event.refundReference()).ifPresent(line -> {
            if (repository.markPaid(line.id(), "PAYING", event.occurredAt(), event.refundReference())) {
                notices.paid(line, Money.fen(line.unredeemedMinor()));
                completion.completeIfDone(line.batchId());
            }
        });
    }

    /** The batch form: the batch's compensation lines marked PAID in one statement and noticed together. */
    @ApplicationModuleListener
    void on(RefundsSucceeded event) {
        List<String> ours = event.refundReferences().stream().filter(reference -> reference.startsWith(PREFIX)).toList();
        if (ours.isEmpty()) {
            return;
        }
        List<Line> paid = repository.markAllPaid(ours, event.occurredAt());
        notices.paidAll(paid);
        paid.stream().map(Line::batchId).distinct().forEach(completion::completeIfDone);
    }

    @ApplicationModuleListener
    void on(RefundFailed event) {
        if (!event.refundReference().startsWith(PREFIX)) {
            return;
        }
        repository.lockPayingByReference(event.refundReference())
                .ifPresent(line -> repository.toManual(line.id(), "provider refused the refund: " + event.reason()));
    }
}
