package org.fangxin.compensation.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.CardView;
import org.fangxin.card.ClosureCards;
import org.fangxin.compensation.Compensations;
import org.fangxin.compensation.batch.CompensationRepository.Batch;
import org.fangxin.compensation.batch.CompensationRepository.Line;
import org.fangxin.compensation.domain.SourceAllocation;
import org.fangxin.compensation.domain.SourceAllocation.Claim;
import org.fangxin.compensation.domain.SourceAllocation.Share;
import org.fangxin.ledger.AccountType;
import org.fangxin.protection.ClosureCaseView;
import org.fangxin.protection.ClosureStatus;
import org.fangxin.protection.Closures;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans the compensation of a confirmed closure in one transaction: holds the merchant's live cards (passes earn their
 * days through the day before the case's earning stop — the freeze, or the closing date it names — then every card is
 * FROZEN), sets the earned payable off against the
 * advance ({@code compensation-setoff:<caseId>}), reads each card's unredeemed value U from the ledger, splits it into
 * escrow → deposit → guarantee fund ({@link SourceAllocation}) and stores the batch with one line per card. Idempotent:
 * a case has at most one batch (unique case_id); planning again answers the existing one.
 */
@Component
class CompensationPlanner {

    private final Closures closures;
    private final CompensationRepository repository;
    private final CompensationPostings postings;
    private final CompensationCompletion completion;
    private final CompensationNoticeSender noticeSender;
    private final ClosureCards cards;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration choicePeriod;

    CompensationPlanner(Closures closures, CompensationRepository repository, CompensationPostings postings,
                        CompensationCompletion completion, CompensationNoticeSender noticeSender, ClosureCards cards,
                        AuditTrail audit, IdGenerator ids, Clock clock,
                        @Value("${fangxin.protection.compensation.choice-period:P7D}") Duration choicePeriod) {
        if (choicePeriod.isNegative()) {
            throw new IllegalArgumentException("fangxin.protection.compensation.choice-period must not be negative");
        }
        this.closures = closures;
        this.repository = repository;
        this.postings = postings;
        this.completion = completion;
        this.noticeSender = noticeSender;
        this.cards = cards;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.choicePeriod = choicePeriod;
    }

    /** Plans the case's batch, or answers the one planned before (planners of one case take turns). */
    @Transactional
    public Batch plan(UUID caseId, String plannedBy) {
        repository.lockPlanning(caseId);
        ClosureCaseView closure = closures.find(caseId).orElseThrow(() -> Rejection.notFound("closure case"));
        var existing = repository.batchOfCase(caseId);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (closure.status() != ClosureStatus.CONFIRMED) {
            throw new Rejection(Compensations.CASE_NOT_CONFIRMED,
                    "only a CONFIRMED closure is compensated; this case is " + closure.status());
        }
        UUID merchantId = closure.merchantId();
        Instant confirmedAt = closure.decidedAt();
        // passes earn through the day before the freeze (or the closing date the case names), not the confirmation
        cards.holdForCompensation(merchantId, closures.earningStopsAt(caseId));
        Money setOff = setOff(caseId, merchantId);
        List<CardView> live = cards.liveCards(merchantId).stream()
                .filter(card -> card.unredeemed().currency().equals(Money.CNY) && card.unredeemed().isPositive()).toList();
        Sources sources = sources(merchantId, live);
        List<Claim> claims = live.stream().map(card -> new Claim(card.id(), card.unredeemed().amountMinor(),
                card.advanceOutstanding().amountMinor())).toList();
        List<Share> shares = SourceAllocation.allocate(claims, sources.escrowMinor(), sources.depositMinor());
        Batch batch = store(caseId, merchantId, confirmedAt.plus(choicePeriod), setOff, sources, live, claims, shares, plannedBy);
        // the notices go out after commit, a chunk per transaction (inside this one they took most of the plan)
        noticeSender.afterCommit();
        audit.record("compensation.planned", "closure_case", caseId, null, Map.of("batchId", batch.id(),
                "lines", shares.size(), "unredeemedMinor", sources.unredeemedMinor(), "setOffMinor", setOff.amountMinor(),
                "escrowAvailableMinor", sources.escrowMinor(), "depositAvailableMinor", sources.depositMinor()));
        if (shares.isEmpty()) {
            completion.publish(batch);
        }
        return batch;
    }

    /** Set-off {@code compensation-setoff:<caseId>}: the earned payable settles the advance, c = min(payable, advance). */
    private Money setOff(UUID caseId, UUID merchantId) {
        Money payable = postings.balance(AccountType.MERCHANT_PAYABLE, merchantId, Money.CNY);
        Money advance = postings.balance(AccountType.MERCHANT_ADVANCE, merchantId, Money.CNY);
        Money setOff = payable.min(advance);
        if (setOff.isPositive()) {
            postings.setOff(caseId, merchantId, setOff);
            cards.settleAdvance(merchantId, setOff);
        }
        return setOff;
    }

    /** What the cards' value is paid from: escrow not owed to anyone else, and the deposit that may be forfeited. */
    private record Sources(long unredeemedMinor, long escrowMinor, long depositMinor) { }

    private Sources sources(UUID merchantId, List<CardView> live) {
        Currency cny = Money.CNY;
        long unredeemed = live.stream().mapToLong(card -> card.unredeemed().amountMinor()).sum();
        long advanceLeft = postings.balance(AccountType.MERCHANT_ADVANCE, merchantId, cny).amountMinor();
        long escrowFree = postings.balance(AccountType.ESCROW, merchantId, cny).amountMinor()
                - postings.balance(AccountType.MERCHANT_SETTLEMENT, merchantId, cny).amountMinor()
                - postings.balance(AccountType.MERCHANT_PAYABLE, merchantId, cny).amountMinor();
        // By the escrow identity the escrow not owed to refunds, payouts or earned payable is Σ U − advance; the second
        // bound only matters if the identity were broken, and then never takes more than the escrow holds.
        long escrowAvailable = Math.max(0, Math.min(unredeemed - advanceLeft, escrowFree));
        long depositAvailable = Math.max(0, Math.min(
                postings.balance(AccountType.RISK_DEPOSIT, merchantId, cny).amountMinor(),
                postings.balance(AccountType.RISK_DEPOSIT_HELD, merchantId, cny).amountMinor()));
        return new Sources(unredeemed, escrowAvailable, depositAvailable);
    }

    /** The batch and its lines, one per card in card-id order, each due at {@code chooseBy} with the choice CASH. */
    private Batch store(UUID caseId, UUID merchantId, Instant chooseBy, Money setOff, Sources sources, List<CardView> live,
                        List<Claim> claims, List<Share> shares, String plannedBy) {
        Instant now = clock.instant();
        Batch batch = new Batch(ids.next(), caseId, merchantId, Money.CNY, shares.isEmpty() ? "COMPLETED" : "PAYING",
                setOff.amountMinor(), sources.escrowMinor(), sources.depositMinor(), now, chooseBy, plannedBy,
                shares.isEmpty() ? now : null);
        repository.insertBatch(batch, shares.size());
        List<Line> lines = new ArrayList<>(shares.size());
        for (int i = 0; i < shares.size(); i++) {
            Share share = shares.get(i);
            CardView card = live.get(i);
            lines.add(new Line(ids.next(), batch.id(), caseId, i + 1, card.id(), card.holderUserId(),
                    card.received() ? null : card.paymentOrderId(), share.unredeemedMinor(),
                    claims.get(i).advanceMinor(), share.escrowMinor(), share.depositMinor(), share.fundMinor(), "CASH",
                    null, chooseBy, "PLANNED", null, null, null, null, null));
        }
        repository.insertLines(lines);
        repository.insertNoticeProgress(batch.id());
        return batch;
    }
}
