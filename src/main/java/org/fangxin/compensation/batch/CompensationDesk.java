package org.fangxin.compensation.batch;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.ClosureCards;
import org.fangxin.compensation.CompensationBatchView;
import org.fangxin.compensation.CompensationLineView;
import org.fangxin.compensation.Compensations;
import org.fangxin.compensation.batch.CompensationRepository.Batch;
import org.fangxin.compensation.batch.CompensationRepository.Line;
import org.fangxin.compensation.batch.CompensationRepository.Totals;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.protection.ClosureCaseView;
import org.fangxin.protection.ClosureNotices;
import org.fangxin.protection.Closures;
import org.fangxin.protection.CompensationProgressView;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The {@link Compensations} facade. */
@Service
@Transactional
class CompensationDesk implements Compensations {

    private final CompensationRepository repository;
    private final CompensationPlanner planner;
    private final CompensationCompletion completion;
    private final CompensationNotices notices;
    private final Closures closures;
    private final ClosureNotices closureNotices;
    private final Merchants merchants;
    private final ClosureCards cards;
    private final AuditTrail audit;
    private final Clock clock;

    CompensationDesk(CompensationRepository repository, CompensationPlanner planner, CompensationCompletion completion,
                     CompensationNotices notices, Closures closures, ClosureNotices closureNotices, Merchants merchants, ClosureCards cards,
                     AuditTrail audit, Clock clock) {
        this.repository = repository;
        this.planner = planner;
        this.completion = completion;
        this.notices = notices;
        this.closures = closures;
        this.closureNotices = closureNotices;
        this.merchants = merchants;
        this.cards = cards;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public CompensationBatchView start(Actor actor, UUID caseId) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators start a compensation");
        }
        closures.view(actor, caseId);
        return view(planner.plan(caseId, actor.username()), true);
    }

    @Override
    @Transactional(readOnly = true)
    public CompensationBatchView batch(Actor actor, UUID caseId) {
        ClosureCaseView c = closures.view(actor, caseId);
        Batch batch = repository.batchOfCase(c.id()).orElseThrow(() -> Rejection.notFound("compensation of case " + caseId));
        return view(batch, actor.is(Role.OPERATOR, Role.REGULATOR));
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Map<UUID, Money> guaranteeFundPaidPerCard(UUID caseId) {
        return repository.batchOfCase(caseId).map(batch -> repository.fundedLines(batch.id()).stream()
                        .filter(line -> !"PLANNED".equals(line.status()))
                        .collect(java.util.stream.Collectors.toMap(Line::cardId, line -> Money.fen(line.fundMinor()))))
                .orElse(java.util.Map.of());
    }

    @Override
    @Transactional(readOnly = true)
    public List<CompensationLineView> lines(Actor actor, UUID caseId, String status, int limit) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators and regulators see compensation lines");
        }
        ClosureCaseView c = closures.view(actor, caseId);
        Batch batch = repository.batchOfCase(c.id()).orElseThrow(() -> Rejection.notFound("compensation of case " + caseId));
        String successor = successorName(batch);
        return repository.lines(batch.id(), status, Math.min(Math.max(limit, 1), LINES_MAX)).stream()
                .map(l -> line(batch, c.merchantName(), successor, l)).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<CompensationLineView> mine(Actor actor) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only consumers have compensation lines");
        }
        return repository.linesOfConsumer(actor.userId()).stream().map(l -> {
            Batch batch = repository.batch(l.batchId()).orElseThrow();
            return line(batch, merchantName(batch.merchantId()), l);
        }).toList();
    }

    @Override
    public CompensationLineView choose(Actor actor, UUID lineId, String choice) {
        Line seen = ownLine(actor, lineId, false);
        // the line's queue row first, then the line (the pay job claims in that order); no row: a payer took the line
        boolean queued = "PLANNED".equals(seen.status()) && repository.lockQueued(seen);
        Line line = repository.lockLine(lineId).orElseThrow();
        if (!queued || !"PLANNED".equals(line.status()) || line.chosenAt() != null) {
            throw new Rejection(LINE_NOT_OPEN, "this compensation is already " + (line.chosenAt() != null
                    ? "chosen (" + line.choice() + ")" : line.status()));
        }
        if ("TAKEOVER".equals(choice) && repository.successor(line.batchId()).isEmpty()) {
            throw new Rejection(TAKEOVER_UNAVAILABLE, "no successor merchant has taken over this store's customers");
        }
        if (!"CASH".equals(choice) && !"TAKEOVER".equals(choice)) {
            throw Rejection.invalid("choice", "CASH or TAKEOVER");
        }
        Instant now = clock.instant();
        repository.choose(line, choice, now, now);
        audit.record("compensation.chosen", "compensation_line", lineId, Map.of("choice", line.choice()),
                Map.of("choice", choice));
        Batch batch = repository.batch(line.batchId()).orElseThrow();
        return line(batch, merchantName(batch.merchantId()), repository.line(lineId).orElseThrow());
    }

    @Override
    public CompensationBatchView registerSuccessor(Actor actor, UUID caseId, UUID merchantId, UUID productId) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators register a successor merchant");
        }
        closures.view(actor, caseId);
        Batch batch = repository.batchOfCase(caseId).orElseThrow(() -> Rejection.notFound("compensation of case " + caseId));
        MerchantView successor = merchants.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant " + merchantId));
        if (successor.id().equals(batch.merchantId()) || successor.status() != org.fangxin.merchant.MerchantStatus.ACTIVE) {
            throw new Rejection(SUCCESSOR_NOT_ELIGIBLE, "the successor must be another ACTIVE merchant");
        }
        if (!cards.offersTakeover(merchantId, productId)) {
            throw new Rejection(SUCCESSOR_NOT_ELIGIBLE, "the product must be an ACTIVE product of the successor");
        }
        repository.saveSuccessor(new CompensationRepository.Successor(batch.id(), merchantId, productId, actor.username(),
                clock.instant()));
        audit.record("compensation.successor", "closure_case", caseId, null, Map.of("merchantId", merchantId,
                "productId", productId));
        return view(batch, true);
    }

    @Override
    public CompensationLineView recordManualPayout(Actor actor, UUID caseId, UUID lineId, String reference) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators record manual payouts");
        }
        if (reference == null || reference.isBlank() || reference.strip().length() > 200) {
            throw Rejection.invalid("reference", "the bank transfer's reference, 1 to 200 characters");
        }
        Line line = repository.lockLine(lineId).filter(l -> l.caseId().equals(caseId))
                .orElseThrow(() -> Rejection.notFound("compensation line"));
        if (!repository.markPaid(lineId, "MANUAL_PAYOUT", clock.instant(), "manual:" + reference.strip())) {
            throw new Rejection(NOT_AWAITING_MANUAL_PAYOUT, "this line is " + line.status() + ", not awaiting a manual payout");
        }
        audit.record("compensation.paid-manually", "compensation_line", lineId, Map.of("status", line.status()),
                Map.of("status", "PAID", "reference", reference.strip()));
        notices.paid(line, Money.fen(line.unredeemedMinor()));
        completion.paid(line.batchId(), 1);
        Batch batch = repository.batch(line.batchId()).orElseThrow();
        return line(batch, merchantName(batch.merchantId()), repository.line(lineId).orElseThrow());
    }

    @Override
    @Transactional(readOnly = true)
    public CompensationProgressView progress(UUID caseId) {
        closureNotices.notice(caseId);
        return repository.batchOfCase(caseId).map(batch -> {
            Totals t = repository.totals(batch.id());
            return new CompensationProgressView(true, t.lines(), t.paid(), batch.money(t.paidTotal()),
                    batch.money(t.total() - t.paidTotal()));
        }).orElse(new CompensationProgressView(false, 0, 0, Money.zero(Money.CNY), Money.zero(Money.CNY)));
    }

    private Line ownLine(Actor actor, UUID lineId, boolean lock) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only the consumer chooses how to be compensated");
        }
        return (lock ? repository.lockLine(lineId) : repository.line(lineId))
                .filter(l -> l.consumerId().equals(actor.userId()))
                .orElseThrow(() -> Rejection.notFound("compensation line"));
    }

    private String merchantName(UUID merchantId) {
        return merchants.find(merchantId).map(MerchantView::legalName).orElse("?");
    }

    private CompensationBatchView view(Batch batch, boolean withManualLines) {
        Totals t = repository.totals(batch.id());
        String name = merchantName(batch.merchantId());
        String successor = successorName(batch);
        List<CompensationLineView> manual = withManualLines
                ? repository.lines(batch.id(), "MANUAL_PAYOUT", LINES_MAX).stream().map(l -> line(batch, name, successor, l)).toList()
                : List.of();
        return new CompensationBatchView(batch.id(), batch.caseId(), batch.merchantId(), name, batch.status(),
                batch.plannedAt(), batch.chooseBy(), batch.completedAt(), batch.money(batch.setoffMinor()), t.lines(),
                t.planned(), t.paying(), t.manual(), t.paid(), batch.money(t.total()), batch.money(t.escrow()),
                batch.money(t.deposit()), batch.money(t.fund()), batch.money(t.paidTotal()), batch.money(t.paidEscrow()),
                batch.money(t.paidDeposit()), batch.money(t.paidFund()), manual);
    }

    private CompensationLineView line(Batch batch, String merchantName, Line l) {
        return line(batch, merchantName, successorName(batch), l);
    }

    private String successorName(Batch batch) {
        return repository.successor(batch.id()).map(s -> merchantName(s.merchantId())).orElse(null);
    }

    private static CompensationLineView line(Batch batch, String merchantName, String successor, Line l) {
        return new CompensationLineView(l.id(), l.caseId(), batch.merchantId(), merchantName, l.cardId(), l.consumerId(),
                batch.money(l.unredeemedMinor()), batch.money(l.escrowMinor()), batch.money(l.depositMinor()),
                batch.money(l.fundMinor()), l.choice(), batch.chooseBy(), l.chosenAt(), l.status(), l.manualReason(),
                l.paidAt(), successor);
    }
}
