package org.fangxin.protection.compensation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.ledger.AccountType;
import org.fangxin.merchant.Merchants;
import org.fangxin.protection.ClosureStatus;
import org.fangxin.protection.compensation.CompensationRepository.Batch;
import org.fangxin.protection.compensation.CompensationRepository.Line;
import org.fangxin.protection.compensation.domain.SourceAllocation;
import org.fangxin.protection.compensation.domain.SourceAllocation.Claim;
import org.fangxin.protection.compensation.domain.SourceAllocation.Share;
import org.fangxin.protection.domain.ClosureCase;
import org.fangxin.protection.persistence.ClosureRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plans the compensation of a confirmed closure in one transaction: holds the merchant's live cards (passes earn their
 * days through the day before confirmation, then every card is FROZEN), sets the earned payable off against the
 * advance ({@code compensation-setoff:<caseId>}), reads each card's unredeemed value U from the ledger, splits it into
 * escrow → deposit → guarantee fund ({@link SourceAllocation}) and stores the batch with one line per card. Idempotent:
 * a case has at most one batch (unique case_id); planning again answers the existing one.
 */
@Component
class CompensationPlanner {

    static final ProblemType CASE_NOT_CONFIRMED = new ProblemType("closure-case-not-confirmed", 409);

    private final ClosureRepository closures;
    private final CompensationRepository repository;
    private final CompensationPostings postings;
    private final CompensationCompletion completion;
    private final CompensationNoticeSender noticeSender;
    private final Cards cards;
    private final Merchants merchants;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration choicePeriod;

    CompensationPlanner(ClosureRepository closures, CompensationRepository repository, CompensationPostings postings,
                        CompensationCompletion completion, CompensationNoticeSender noticeSender, Cards cards, Merchants merchants,
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
        this.merchants = merchants;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.choicePeriod = choicePeriod;
    }

    @Transactional
    public Batch plan(UUID caseId, String plannedBy) {
        ClosureCase closure = closures.lock(caseId).orElseThrow(() -> Rejection.notFound("closure case"));
        var existing = repository.batchOfCase(caseId);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (closure.status() != ClosureStatus.CONFIRMED) {
            throw new Rejection(CASE_NOT_CONFIRMED, "only a CONFIRMED closure is compensated; this case is " + closure.status());
        }
        UUID merchantId = closure.merchantId();
        Currency cny = Money.CNY;
        Instant now = clock.instant();
        Instant confirmedAt = closure.decidedAt();
        cards.holdForCompensation(merchantId, confirmedAt);

        Money payable = postings.balance(AccountType.MERCHANT_PAYABLE, merchantId, cny);
        Money advance = postings.balance(AccountType.MERCHANT_ADVANCE, merchantId, cny);
        Money setOff = payable.min(advance);
        if (setOff.isPositive()) {
            postings.setOff(caseId, merchantId, setOff);
            cards.settleAdvance(merchantId, setOff);
        }

        List<CardView> live = cards.liveCards(merchantId).stream()
                .filter(card -> card.unredeemed().currency().equals(cny) && card.unredeemed().isPositive()).toList();
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

        List<Claim> claims = live.stream().map(card -> new Claim(card.id(), card.unredeemed().amountMinor(),
                card.advanceOutstanding().amountMinor())).toList();
        List<Share> shares = SourceAllocation.allocate(claims, escrowAvailable, depositAvailable);

        Instant chooseBy = confirmedAt.plus(choicePeriod);
        Batch batch = new Batch(ids.next(), caseId, merchantId, cny, shares.isEmpty() ? "COMPLETED" : "PAYING",
                setOff.amountMinor(), escrowAvailable, depositAvailable, now, chooseBy, plannedBy,
                shares.isEmpty() ? now : null);
        repository.insertBatch(batch);
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
        // the notices go out after commit, a chunk per transaction (inside this one they took most of the plan)
        noticeSender.afterCommit();
        audit.record("compensation.planned", "closure_case", caseId, null, Map.of("batchId", batch.id(),
                "lines", lines.size(), "unredeemedMinor", unredeemed, "setOffMinor", setOff.amountMinor(),
                "escrowAvailableMinor", escrowAvailable, "depositAvailableMinor", depositAvailable));
        if (shares.isEmpty()) {
            completion.publish(batch);
        }
        return batch;
    }
}
