package org.fangxin.merchant;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.domain.ApplicationRules;
import org.fangxin.merchant.domain.FieldProblem;
import org.fangxin.merchant.persistence.MerchantRepository;
import org.fangxin.merchant.persistence.SettlementAccountChangeRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes of a merchant's settlement account, under dual control: the merchant's owner proposes the new account (after
 * the bank returned a payout, or any time), an operator approves it — only then does it replace the account, which
 * lifts settlement's hold on a returned account — or rejects it with a reason. One pending change per merchant.
 * Every step is audited and the approval is in the merchant's history.
 */
@Service
@Transactional
public class SettlementAccountChanges {

    public static final ProblemType CHANGE_PENDING = new ProblemType("settlement-account-change-pending", 409);
    public static final ProblemType CHANGE_DECIDED = new ProblemType("settlement-account-change-decided", 409);
    public static final ProblemType ACCOUNT_UNCHANGED = new ProblemType("settlement-account-unchanged", 409);
    public static final int LIST_SIZE_MAX = 100;
    public static final int REASON_LENGTH_MAX = 500;

    private final SettlementAccountChangeRepository changes;
    private final MerchantRepository merchants;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final IdGenerator ids;
    private final Clock clock;

    SettlementAccountChanges(SettlementAccountChangeRepository changes, MerchantRepository merchants, AuditTrail audit,
                             ApplicationEventPublisher events, IdGenerator ids, Clock clock) {
        this.changes = changes;
        this.merchants = merchants;
        this.audit = audit;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    /** The owner proposes a new account for its merchant (another merchant: 404; other roles: 403). */
    public SettlementAccountChangeView request(Actor actor, UUID merchantId, SettlementAccount proposed) {
        if (!actor.is(Role.MERCHANT_OWNER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only the merchant's owner changes its settlement account");
        }
        MerchantView merchant = merchants.lock(merchantId).filter(m -> actor.worksFor(m.id()))
                .orElseThrow(() -> Rejection.notFound("merchant"));
        SettlementAccount account = normalized(proposed);
        List<FieldProblem> problems = ApplicationRules.settlementAccountProblems(account);
        if (!problems.isEmpty()) {
            throw MerchantChecks.invalid(problems);
        }
        if (merchants.settlementAccount(merchantId).map(account::equals).orElse(false)) {
            throw new Rejection(ACCOUNT_UNCHANGED, "this is already the settlement account");
        }
        UUID id = ids.next();
        if (!changes.insert(id, merchant.id(), account, actor.userId(), clock.instant())) {
            throw new Rejection(CHANGE_PENDING, "a change of settlement account already waits for an operator");
        }
        SettlementAccountChangeView view = changes.find(id).orElseThrow();
        audit.record("merchant.settlement-account.change-requested", "merchant", merchantId, null, view);
        return view;
    }

    /** An operator approves: the account replaces the current one at once (the requester never approves). */
    public SettlementAccountChangeView approve(Actor actor, UUID changeId) {
        SettlementAccountChangeView change = pendingFor(actor, changeId);
        Instant now = clock.instant();
        var before = merchants.settlementAccount(change.merchantId()).orElse(null);
        changes.decide(changeId, SettlementAccountChangeView.Status.APPROVED, actor.userId(), now, null);
        changes.replaceAccount(change.merchantId(), change.account());
        MerchantView merchant = merchants.find(change.merchantId()).orElseThrow();
        merchants.insertHistory(ids.next(), merchant.id(), "SETTLEMENT_ACCOUNT_CHANGED", merchant.status(), merchant.status(),
                null, actor.username(), now, MerchantHistoryEntry.Text.of("merchant.history.detail.accountEnding",
                        last4(change.account().accountNumber())), null);
        audit.record("merchant.settlement-account.changed", "merchant", merchant.id(), before, change.account());
        events.publishEvent(new MerchantSettlementAccountChanged(merchant.id(), changeId, now));
        return changes.find(changeId).orElseThrow();
    }

    /** An operator rejects, with a reason the owner sees; the current account stays. */
    public SettlementAccountChangeView reject(Actor actor, UUID changeId, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > REASON_LENGTH_MAX) {
            throw Rejection.invalid("reason", "give a reason of 1 to " + REASON_LENGTH_MAX + " characters");
        }
        SettlementAccountChangeView change = pendingFor(actor, changeId);
        changes.decide(changeId, SettlementAccountChangeView.Status.REJECTED, actor.userId(), clock.instant(), why);
        audit.record("merchant.settlement-account.change-rejected", "merchant", change.merchantId(), change,
                Map.of("reason", why));
        return changes.find(changeId).orElseThrow();
    }

    /** The merchant's requests, newest first: its owner and staff, and operators. */
    @Transactional(readOnly = true)
    public List<SettlementAccountChangeView> ofMerchant(Actor actor, UUID merchantId) {
        if (!actor.is(Role.OPERATOR) && !(actor.role().isMerchantSide() && actor.worksFor(merchantId))) {
            throw actor.role().isMerchantSide() ? Rejection.notFound("merchant") : new Rejection(ProblemType.FORBIDDEN,
                    "settlement accounts are for the merchant and operators");
        }
        return changes.ofMerchant(merchantId, LIST_SIZE_MAX);
    }

    /** Operators: every change waiting for a decision, oldest first. */
    @Transactional(readOnly = true)
    public List<SettlementAccountChangeView> pending(Actor actor) {
        requireOperator(actor);
        return changes.pending(LIST_SIZE_MAX);
    }

    private SettlementAccountChangeView pendingFor(Actor actor, UUID changeId) {
        requireOperator(actor);
        SettlementAccountChangeView change = changes.lock(changeId).orElseThrow(() -> Rejection.notFound("settlement account change"));
        if (change.status() != SettlementAccountChangeView.Status.PENDING) {
            throw new Rejection(CHANGE_DECIDED, "this change was already " + change.status());
        }
        if (change.requestedBy().equals(actor.userId())) {
            throw new Rejection(ProblemType.FORBIDDEN, "the requester cannot decide its own change");
        }
        return change;
    }

    private static void requireOperator(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "operators decide on settlement account changes");
        }
    }

    private static SettlementAccount normalized(SettlementAccount account) {
        SettlementAccount given = account == null ? new SettlementAccount(null, null, null) : account;
        return new SettlementAccount(given.accountName() == null ? null : given.accountName().strip(),
                given.bankName() == null ? null : given.bankName().strip(),
                ApplicationRules.normalizeAccountNumber(given.accountNumber()));
    }

    private static String last4(String number) {
        return number.length() <= 4 ? number : number.substring(number.length() - 4);
    }
}
