package org.fangxin.settlement;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.fangxin.bank.BankScope;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.ledger.TransferView;
import org.fangxin.settlement.persistence.ApprovalRepository;
import org.fangxin.settlement.persistence.SettlementRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.PageRequest;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dual control (maker-checker) of large payouts. A run proposes a payout above the threshold AWAITING_APPROVAL and
 * posts nothing: the money stays in MERCHANT_PAYABLE and later runs hold the merchant. A second operator — never the
 * maker, i.e. the user whose run proposed it — approves or rejects it with a reason; when configured the bank must
 * approve too (either order). With every required approval the payout is instructed: {@code payout:<id>} is posted
 * (Dr MERCHANT_PAYABLE / Cr MERCHANT_SETTLEMENT) in the approval's transaction and the instruction goes to the bank
 * after commit (the bank job resubmits if that fails). A rejection ends it REJECTED; the amount is still payable and
 * the next run proposes it again. Every decision is stored and audited.
 */
@Service
public class PayoutApprovals {

    public static final int REASON_LENGTH_MAX = 500;
    private static final int SCAN_BATCH = 200;
    public static final ProblemType APPROVER_IS_MAKER = new ProblemType("approver-is-maker", 403);
    public static final ProblemType ALREADY_DECIDED = new ProblemType("payout-already-decided", 409);
    public static final ProblemType NOT_AWAITING_APPROVAL = new ProblemType("payout-not-awaiting-approval", 409);
    public static final ProblemType CANNOT_INSTRUCT = new ProblemType("payout-cannot-be-instructed", 409);

    private final SettlementRepository payouts;
    private final ApprovalRepository approvals;
    private final Settlements settlements;
    private final DualControl dualControl;
    private final BankScope bankScope;
    private final Ledger ledger;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate readOnly;
    private final org.fangxin.shared.Shards shards;

    /** The order of {@code ApprovalRepository.awaiting}: oldest made first. */
    private static final java.util.Comparator<PayoutApprovalView> OLDEST_FIRST = java.util.Comparator
            .comparing((PayoutApprovalView a) -> a.payout().createdAt()).thenComparing(a -> a.payout().id());

    PayoutApprovals(SettlementRepository payouts, ApprovalRepository approvals, Settlements settlements, DualControl dualControl,
                    BankScope bankScope, Ledger ledger, AuditTrail audit, Clock clock, PlatformTransactionManager transactions,
                    org.fangxin.shared.Shards shards) {
        this.shards = shards;
        this.bankScope = bankScope;
        this.payouts = payouts;
        this.approvals = approvals;
        this.settlements = settlements;
        this.dualControl = dualControl;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
        // Own transaction even inside the idempotency claim: the instruction may reach the bank only after commit.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public DualControl settings() {
        return dualControl;
    }

    /**
     * OPERATOR (and BANK when its approval is required: the payouts of merchants at its own bank): payouts awaiting
     * approval, oldest first.
     */
    public List<PayoutApprovalView> awaiting(Actor actor, int page, int size) {
        requireChecker(actor);
        PageRequest rows = rows(page, size);
        if (!bankScope.limits(actor)) { // an operator's list: each shard's first offset + limit, merged (ADR 12 §8g)
            return shards.page((offset, limit) -> readOnly.execute(s -> approvals.awaiting(offset, limit).stream()
                    .map(this::view).toList()), OLDEST_FIRST, rows.offset(), rows.limit());
        }
        // A bank user's list: each shard's first offset + limit of its own bank's payouts, merged (ADR 12 §8i).
        return shards.page((offset, limit) -> readOnly.execute(s -> visiblePage(actor, new PageRequest(offset, limit),
                approvals::awaiting)), OLDEST_FIRST, rows.offset(), rows.limit());
    }

    /** OPERATOR (and BANK, its own bank's as above): payouts that were under dual control and are decided, newest first. */
    public List<PayoutApprovalView> decided(Actor actor, int page, int size) {
        requireChecker(actor);
        PageRequest rows = rows(page, size);
        if (!bankScope.limits(actor)) {
            return shards.page((offset, limit) -> readOnly.execute(s -> approvals.decided(offset, limit).stream()
                    .map(this::view).toList()), OLDEST_FIRST.reversed(), rows.offset(), rows.limit());
        }
        return shards.page((offset, limit) -> readOnly.execute(s -> visiblePage(actor, new PageRequest(offset, limit),
                approvals::decided)), OLDEST_FIRST.reversed(), rows.offset(), rows.limit());
    }

    /**
     * A page of the payouts the actor sees. A BANK user sees only its own bank's merchants, so its page is cut from
     * the filtered list (reading on past the page when rows of other banks are skipped), not filtered after cutting,
     * which would leave short or empty pages while its payouts sit further down.
     */
    private List<PayoutApprovalView> visiblePage(Actor actor, PageRequest rows, BiFunction<Integer, Integer, List<UUID>> ids) {
        if (!bankScope.limits(actor)) {
            return ids.apply(rows.offset(), rows.limit()).stream().map(this::view).toList();
        }
        List<PayoutApprovalView> page = new ArrayList<>();
        int skip = rows.offset();
        int read = 0;
        while (page.size() < rows.limit()) {
            List<UUID> batch = ids.apply(read, SCAN_BATCH);
            read += batch.size();
            for (UUID id : batch) {
                PayoutView payout = payouts.payout(id).orElseThrow();
                if (!bankScope.sees(actor, payout.merchantId())) {
                    continue;
                }
                if (skip > 0) {
                    skip--;
                    continue;
                }
                page.add(view(payout));
                if (page.size() == rows.limit()) {
                    break;
                }
            }
            if (batch.size() < SCAN_BATCH) {
                break;
            }
        }
        return page;
    }

    /** One payout under dual control; 404 when there is none (or it never needed approval, or is at another bank). */
    public PayoutApprovalView payout(Actor actor, UUID payoutId) {
        requireChecker(actor);
        return whereKept(payoutId, () -> payoutHere(actor, payoutId));
    }

    private PayoutApprovalView payoutHere(Actor actor, UUID payoutId) {
        return readOnly.execute(s -> underDualControl(payoutId).filter(p -> bankScope.sees(actor, p.merchantId())).map(this::view)
                .orElseThrow(() -> Rejection.notFound("payout awaiting approval " + payoutId)));
    }

    /** Approves as the actor's side; instructs the payout once every required side approved. */
    public PayoutApprovalView approve(Actor actor, UUID payoutId, String reason) {
        requireChecker(actor);
        String why = reason == null || reason.isBlank() ? null : checkedReason(reason);
        return whereKept(payoutId, () -> approveHere(actor, payoutId, why));
    }

    private PayoutApprovalView approveHere(Actor actor, UUID payoutId, String why) {
        PayoutApprovalView decided = ownTransaction.execute(s -> decide(actor, payoutId, "APPROVED", why));
        PayoutView payout = decided.payout();
        if (payout.status() == PayoutStatus.INSTRUCTED && payout.submittedAt() == null) {
            settlements.sendNow();
            return payoutHere(actor, payoutId);
        }
        return decided;
    }

    /** Rejects with a reason: the payout ends REJECTED and nothing moves (the amount was never taken from payable). */
    public PayoutApprovalView reject(Actor actor, UUID payoutId, String reason) {
        requireChecker(actor);
        if (reason == null || reason.isBlank()) {
            throw Rejection.invalid("reason", "give a reason for the rejection");
        }
        String why = checkedReason(reason);
        return whereKept(payoutId, () -> ownTransaction.execute(s -> decide(actor, payoutId, "REJECTED", why)));
    }

    /**
     * Runs {@code work} where the payout is kept. Payout ids made since session 8 carry the merchant's gene, so the
     * request is routed to that shard already; an older payout may live on another, so each shard is asked once and
     * the work runs on the one that has it (ADR 12 §8i). With one database: in place.
     */
    private <T> T whereKept(UUID payoutId, java.util.function.Supplier<T> work) {
        if (shards.count() == 1 || readOnly.execute(s -> payouts.payout(payoutId)).isPresent()) {
            return work.get();
        }
        return shards.each(() -> payouts.payout(payoutId).map(found -> work.get())).stream()
                .flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> Rejection.notFound("payout awaiting approval " + payoutId));
    }

    private PayoutApprovalView decide(Actor actor, UUID payoutId, String decision, String reason) {
        PayoutView row = payouts.payout(payoutId).filter(p -> approvals.proposedBy(p.id()).isPresent())
                .filter(p -> bankScope.sees(actor, p.merchantId()))
                .orElseThrow(() -> Rejection.notFound("payout awaiting approval " + payoutId));
        // The merchant lock first (as a run takes it), then the row: a run and an approval never interleave.
        payouts.lockMerchant(row.merchantId());
        PayoutView locked = payouts.lockPayout(payoutId).orElseThrow();
        PayoutApprovalView before = view(locked);
        String side = actor.role().name();
        boolean alreadyByMe = before.decisions().stream().anyMatch(d -> d.userId().equals(actor.userId()));
        if (alreadyByMe) {
            throw new Rejection(ALREADY_DECIDED, "you already decided on payout " + payoutId, Map.of("status", locked.status().name()));
        }
        if (locked.status() != PayoutStatus.AWAITING_APPROVAL) {
            throw new Rejection(NOT_AWAITING_APPROVAL, "payout " + payoutId + " is " + locked.status(),
                    Map.of("status", locked.status().name()));
        }
        if (actor.is(Role.OPERATOR) && actor.username().equals(before.proposedBy())) {
            throw new Rejection(APPROVER_IS_MAKER, "your run proposed payout " + payoutId + "; another operator must decide");
        }
        if (before.decidedBy(side)) {
            throw new Rejection(ALREADY_DECIDED, "the " + side + " side already approved payout " + payoutId,
                    Map.of("status", locked.status().name()));
        }
        Instant now = clock.instant();
        approvals.insertDecision(payoutId, actor.userId(), actor.username(), side, decision, reason, now);
        if (decision.equals("REJECTED")) {
            approvals.markRejected(payoutId);
        } else if (allApproved(payoutId)) {
            instruct(locked);
        }
        PayoutApprovalView after = view(payouts.payout(payoutId).orElseThrow());
        audit.record("settlement.payout." + decision.toLowerCase(), "settlement.payout", payoutId, before,
                Map.of("by", actor.username(), "side", side, "reason", reason == null ? "" : reason,
                        "status", after.payout().status().name()));
        return after;
    }

    private boolean allApproved(UUID payoutId) {
        List<PayoutApprovalView.Decision> decisions = approvals.decisions(payoutId);
        boolean operator = decisions.stream().anyMatch(d -> d.role().equals("OPERATOR") && d.decision().equals("APPROVED"));
        boolean bank = decisions.stream().anyMatch(d -> d.role().equals("BANK") && d.decision().equals("APPROVED"));
        return operator && (bank || !dualControl.bankApprovalRequired());
    }

    /** Posts the payout as a run would have (same key {@code payout:<id>}), now that it is approved. */
    private void instruct(PayoutView payout) {
        Optional<String> blocked = settlements.reasonNotToInstruct(payout.merchantId(), payout.amount());
        if (blocked.isPresent()) {
            throw new Rejection(CANNOT_INSTRUCT, "payout " + payout.id() + " cannot be instructed now: " + blocked.get());
        }
        AccountView payable = ledger.open(AccountType.MERCHANT_PAYABLE, payout.merchantId(), payout.amount().currency());
        AccountView settlement = ledger.open(AccountType.MERCHANT_SETTLEMENT, payout.merchantId(), payout.amount().currency());
        TransferView posted = ledger.post(NewTransfer.of("payout:" + payout.id(),
                "payout to merchant " + payout.merchantId() + " for " + payout.settlementDate() + " (dual control approved)",
                EntryLine.debit(payable.id(), payout.amount()), EntryLine.credit(settlement.id(), payout.amount())));
        approvals.markInstructed(payout.id(), posted.postedAt());
    }

    private Optional<PayoutView> underDualControl(UUID payoutId) {
        return payouts.payout(payoutId).filter(p -> approvals.proposedBy(p.id()).isPresent());
    }

    private PayoutApprovalView view(UUID payoutId) {
        return view(payouts.payout(payoutId).orElseThrow());
    }

    private PayoutApprovalView view(PayoutView payout) {
        return new PayoutApprovalView(payout, approvals.proposedBy(payout.id()).orElse(null), dualControl.bankApprovalRequired(),
                approvals.decisions(payout.id()));
    }

    private void requireChecker(Actor actor) {
        if (actor.is(Role.OPERATOR) || (actor.is(Role.BANK) && dualControl.bankApprovalRequired())) {
            return;
        }
        throw new Rejection(ProblemType.FORBIDDEN, "only operators" + (dualControl.bankApprovalRequired() ? " and the bank" : "")
                + " decide on payouts under dual control");
    }

    private static String checkedReason(String reason) {
        String why = reason.strip();
        if (why.length() > REASON_LENGTH_MAX) {
            throw Rejection.invalid("reason", "reason must be at most " + REASON_LENGTH_MAX + " characters");
        }
        return why;
    }

    private static PageRequest rows(int page, int size) {
        return PageRequest.of(page, size, Settlements.PAGE_SIZE_MAX);
    }
}
