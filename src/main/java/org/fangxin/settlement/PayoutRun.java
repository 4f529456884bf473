package org.fangxin.settlement;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.LedgerPage;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.ledger.TransferView;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.merchant.SettlementAccount;
import org.fangxin.settlement.domain.Payout;
import org.fangxin.settlement.domain.PayoutDecision;
import org.fangxin.settlement.persistence.ApprovalRepository;
import org.fangxin.settlement.persistence.SettlementRepository;
import org.fangxin.settlement.persistence.SettlementRepository.MovedSince;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A settlement run: every merchant whose cycle pays that day gets its payable as of the cutoff, minus holds, each in
 * its own transaction under a per-merchant lock, where the payout row and its posting {@code payout:<id>} (Dr
 * MERCHANT_PAYABLE / Cr MERCHANT_SETTLEMENT) commit together. A payout above the dual-control threshold is only
 * proposed (nothing posted until approved). Rerunning a date pays nobody twice.
 */
@Component
class PayoutRun {

    private static final Logger log = LoggerFactory.getLogger(PayoutRun.class);

    private final SettlementRepository repository;
    private final Ledger ledger;
    private final Merchants merchants;
    private final ObjectProvider<PayoutHolds> holds;
    private final SettlementCycles cycles;
    private final DualControl dualControl;
    private final ApprovalRepository approvals;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Shards shards;
    private final TransactionTemplate ownTransaction;
    private final Currency currency = Money.CNY;

    PayoutRun(SettlementRepository repository, Ledger ledger, Merchants merchants, ObjectProvider<PayoutHolds> holds,
              SettlementCycles cycles, DualControl dualControl, ApprovalRepository approvals, AuditTrail audit,
              IdGenerator ids, Clock clock, PlatformTransactionManager transactions, Shards shards) {
        this.shards = shards;
        this.repository = repository;
        this.ledger = ledger;
        this.merchants = merchants;
        this.holds = holds;
        this.cycles = cycles;
        this.dualControl = dualControl;
        this.approvals = approvals;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        // Each merchant settles in a transaction of its own, even when called inside another (idempotency key claim):
        // the instruction may only reach the bank after its payout and posting have committed.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Pays every merchant whose cycle pays on {@code settlementDate}, each in its own transaction; answers the run. */
    RunView settle(LocalDate settlementDate, String by) {
        UUID runId = ownTransaction.execute(status -> repository.startRun(ids.next(), settlementDate, clock.instant(), by));
        int page = 0;
        LedgerPage<AccountView> accounts;
        do {
            accounts = ledger.accounts(AccountType.MERCHANT_PAYABLE, null, page++, org.fangxin.ledger.Ledger.PAGE_SIZE_MAX);
            for (AccountView payable : accounts.items()) {
                if (payable.normalBalance().isPositive() && payable.normalBalance().currency().equals(currency)) {
                    settleMerchant(runId, payable.ownerId(), settlementDate, by);
                }
            }
        } while ((long) page * accounts.size() < accounts.totalItems());
        return repository.run(runId).orElseThrow();
    }

    /** Settles one merchant for a date in its own transaction; the run then sends the instructions in one file. */
    Optional<PayoutView> settleMerchant(UUID runId, UUID merchantId, LocalDate settlementDate, String by) {
        Optional<PayoutView> payout;
        try {
            payout = inMerchantSlot(merchantId,
                    () -> ownTransaction.execute(status -> decideAndRecord(runId, merchantId, settlementDate, by)));
        } catch (Rejection rejection) {
            // e.g. the payable moved under us (clawback): nothing was written; the next run tries again.
            log.warn("settlement of merchant {} for {} refused: {}", merchantId, settlementDate, rejection.getMessage());
            return Optional.empty();
        }
        return payout.flatMap(p -> repository.payout(p.id()));
    }

    /**
     * Sharded: the ids made while settling a merchant (its payout's, its posting's) carry the merchant's slot, so a
     * request naming the payout is routed to its shard (ADR 12 §8g). The run itself names no merchant. A run called
     * inside another merchant's slot (a test acting as one merchant) keeps that slot: it maps to the shard the run is
     * on, so the ids still route there. Default deployment: in place, ids as before.
     */
    private <T> T inMerchantSlot(UUID merchantId, java.util.function.Supplier<T> work) {
        return shards.count() > 1 && MerchantSlot.current().isEmpty()
                ? MerchantSlot.within(MerchantSlot.of(merchantId), work) : work.get();
    }

    private Optional<PayoutView> decideAndRecord(UUID runId, UUID merchantId, LocalDate settlementDate, String by) {
        repository.lockMerchant(merchantId);
        Optional<PayoutView> existing = repository.payoutFor(merchantId, settlementDate, currency);
        if (existing.isPresent()) {
            return existing;
        }
        Optional<MerchantView> found = merchants.find(merchantId);
        if (found.isEmpty()) {
            log.warn("payable account of unknown merchant {} is not settled", merchantId);
            return Optional.empty();
        }
        MerchantView merchant = found.get();
        Instant now = clock.instant();
        Optional<Instant> cutoff = cycles.of(merchant).cutoff(settlementDate, merchant.zone())
                .filter(instant -> !instant.isAfter(now));
        if (cutoff.isEmpty()) {
            return Optional.empty();
        }
        Optional<SettlementAccount> account = merchants.settlementAccount(merchantId);
        PayoutDecision decision = decide(merchant, account, cutoff.get());
        Slot slot = new Slot(ids.next(), runId, merchantId, settlementDate, cutoff.get(), now);
        return switch (decision.kind()) {
            case NOTHING -> Optional.empty();
            case HOLD -> {
                repository.insert(new SettlementRepository.NewPayout(slot.payoutId(), runId, merchantId, settlementDate,
                        Money.zero(currency), decision.held(), decision.holdReason(), PayoutStatus.HELD, slot.cutoff(),
                        null, null, null, null, now, null));
                yield record("settlement.payout.held", slot.payoutId());
            }
            case PAY -> pay(slot, decision, account.get(), by);
        };
    }

    /** One merchant's payout being decided in a run: its id, the run, the date and cutoff, and when. */
    private record Slot(UUID payoutId, UUID runId, UUID merchantId, LocalDate settlementDate, Instant cutoff, Instant at) { }

    /** Due at the cutoff (less what moved since), what holds keep back, and why the merchant is held, if it is. */
    private PayoutDecision decide(MerchantView merchant, Optional<SettlementAccount> account, Instant cutoff) {
        AccountView payable = ledger.open(AccountType.MERCHANT_PAYABLE, merchant.id(), currency);
        // balanceAsOf includes entries posted at the instant given; the cutoff is exclusive (timestamps are in µs).
        Money atCutoff = ledger.balanceAsOf(payable.id(), cutoff.minus(1, ChronoUnit.MICROS));
        MovedSince moved = repository.movedSince(merchant.id(), currency, cutoff);
        Money due = PayoutDecision.due(atCutoff, new Money(moved.instructedMinor(), currency),
                new Money(moved.returnedMinor(), currency), ledger.balance(payable.id()));
        Optional<String> holdReason = holdReason(merchant, account);
        if (holdReason.isEmpty() && approvals.awaitingFor(merchant.id())) {
            // Its payable still contains the payout awaiting approval: paying now would pay that money twice.
            holdReason = Optional.of(Settlements.AWAITING_APPROVAL_HOLD);
        }
        return PayoutDecision.decide(due, heldFor(merchant.id()), holdReason);
    }

    /** Instructs the payout (posted with it), or under dual control only proposes it (nothing posted until approved). */
    private Optional<PayoutView> pay(Slot slot, PayoutDecision decision, SettlementAccount account, String by) {
        UUID payoutId = slot.payoutId();
        if (dualControl.requiresApproval(decision.pay())) {
            repository.insert(new SettlementRepository.NewPayout(payoutId, slot.runId(), slot.merchantId(),
                    slot.settlementDate(), decision.pay(), decision.held(), decision.holdReason(),
                    PayoutStatus.AWAITING_APPROVAL, slot.cutoff(), endToEndId(payoutId), account.accountName(),
                    account.bankName(), account.accountNumber(), slot.at(), null));
            approvals.setProposedBy(payoutId, by);
            return record("settlement.payout.awaiting-approval", payoutId);
        }
        Payout.instructed(payoutId, decision.pay());
        AccountView payable = ledger.open(AccountType.MERCHANT_PAYABLE, slot.merchantId(), currency);
        AccountView settlement = ledger.open(AccountType.MERCHANT_SETTLEMENT, slot.merchantId(), currency);
        TransferView posted = ledger.post(NewTransfer.of("payout:" + payoutId,
                "payout to merchant " + slot.merchantId() + " for " + slot.settlementDate(),
                EntryLine.debit(payable.id(), decision.pay()), EntryLine.credit(settlement.id(), decision.pay())));
        repository.insert(new SettlementRepository.NewPayout(payoutId, slot.runId(), slot.merchantId(),
                slot.settlementDate(), decision.pay(), decision.held(), decision.holdReason(), PayoutStatus.INSTRUCTED,
                slot.cutoff(), endToEndId(payoutId), account.accountName(), account.bankName(), account.accountNumber(),
                slot.at(), posted.postedAt()));
        return record("settlement.payout.instructed", payoutId);
    }

    private Optional<PayoutView> record(String action, UUID payoutId) {
        PayoutView payout = repository.payout(payoutId).orElseThrow();
        audit.record(action, "settlement.payout", payoutId, null, payout);
        return Optional.of(payout);
    }

    /** Why this merchant gets nothing today, whatever it earned; empty when it may be paid. */
    Optional<String> holdReason(MerchantView merchant, Optional<SettlementAccount> account) {
        if (merchant.status() != MerchantStatus.ACTIVE) {
            return Optional.of("merchant is " + merchant.status());
        }
        if (account.isEmpty()) {
            return Optional.of("no settlement account");
        }
        // Any return from the current account holds, not only the latest payout's: with a value-date delay the next
        // run may have instructed again before the bank returned the previous payout.
        return repository.latestReturnedTo(merchant.id(), currency, account.get().accountNumber())
                .map(last -> Settlements.RETURNED_ACCOUNT_HOLD + " (" + last.returnCode() + ")");
    }

    /** Why an approved payout of this amount may not be instructed now (merchant on hold, value withheld); empty if it may. */
    Optional<String> reasonNotToInstruct(UUID merchantId, Money amount) {
        MerchantView merchant = merchants.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        Optional<String> hold = holdReason(merchant, merchants.settlementAccount(merchantId));
        if (hold.isPresent()) {
            return hold;
        }
        Money payable = ledger.findAccount(AccountType.MERCHANT_PAYABLE, merchantId, currency)
                .map(AccountView::normalBalance).orElse(Money.zero(currency));
        Money free = payable.minus(heldFor(merchantId));
        return free.compareTo(amount) < 0 ? Optional.of("only " + free.format() + " of the payable is free to pay") : Optional.empty();
    }

    Money heldFor(UUID merchantId) {
        Money total = Money.zero(currency);
        for (PayoutHolds source : holds.orderedStream().toList()) {
            Money held = source.heldFor(merchantId, currency);
            if (held != null && held.isPositive()) {
                total = total.plus(held);
            }
        }
        return total;
    }

    static String endToEndId(UUID payoutId) {
        return "FX" + payoutId.toString().replace("-", "");
    }
}
