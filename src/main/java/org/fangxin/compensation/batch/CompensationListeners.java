package org.fangxin.compensation.batch;

import org.fangxin.payment.RefundFailed;
import org.fangxin.payment.RefundSucceeded;
import org.fangxin.payment.RefundsSucceeded;
import org.fangxin.compensation.batch.CompensationRepository.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
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
        LineReference.parse(event.refundReference()).flatMap(repository::lockPaying).ifPresent(line -> {
            if (repository.markPaid(line.id(), "PAYING", event.occurredAt(), event.refundReference())) {
                notices.paid(line, Money.fen(line.unredeemedMinor()));
                completion.paid(line.batchId(), 1);
            }
        });
    }

    /**
     * The batch form: each case's compensation lines marked PAID in one statement (its refunds are usually one pay
     * chunk's, so of one case) and noticed together.
     */
    @ApplicationModuleListener
    void on(RefundsSucceeded event) {
        Map<UUID, List<UUID>> cardsByCase = new TreeMap<>(); // cases in one order: two replays lock their lines alike
        event.refundReferences().stream().map(LineReference::parse).flatMap(Optional::stream).forEach(reference ->
                cardsByCase.computeIfAbsent(reference.caseId(), c -> new ArrayList<>()).add(reference.cardId()));
        cardsByCase.forEach((caseId, cardIds) -> {
            List<Line> paid = repository.markAllPaid(caseId, cardIds, event.occurredAt());
            notices.paidAll(paid);
            paid.stream().collect(Collectors.groupingBy(Line::batchId, TreeMap::new, Collectors.counting()))
                    .forEach((batchId, lines) -> completion.paid(batchId, Math.toIntExact(lines)));
        });
    }

    @ApplicationModuleListener
    void on(RefundFailed event) {
        LineReference.parse(event.refundReference()).flatMap(repository::lockPaying)
                .ifPresent(line -> repository.toManual(line.id(), "provider refused the refund: " + event.reason()));
    }
}
