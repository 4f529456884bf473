package org.fangxin.insurance;

import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.insurance.PremiumBillView.MerchantShareStatus;
import org.fangxin.insurance.persistence.InsuranceRepository;
import org.fangxin.insurance.persistence.PremiumSettlementRepository;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * After billing (OPERATOR): collects merchant shares left DUE once the merchant's payable holds them (the same
 * {@code premium:<billId>:MERCHANT:<merchantId>} posting billing would have made), records the government subsidy's
 * arrival in the platform's account ({@code subsidy-received:<billId>} Dr PLATFORM_OPERATING_CASH / Cr
 * GOVERNMENT_SUBSIDY_RECEIVABLE) and remits the whole premium to the insurer once nothing is due and the subsidy is in
 * ({@code premium-paid:<billId>} Dr PREMIUM_PAYABLE(insurer) / Cr PREMIUM_COLLECTION merchants' shares / Cr
 * PLATFORM_OPERATING_CASH platform and government shares). Each step once per bill, under the settlement row's lock.
 * Sharded (ADR 12 §8h): a bill is kept, and posted, on the shard of its merchants; each shard is asked once for the
 * bill, and the one keeping it runs the step in its own transaction, so the postings stay on the bill's shard.
 */
@Service
@Transactional
public class PremiumSettlements {

    public static final ProblemType SHARES_DUE = new ProblemType("premium-shares-due", 409);
    public static final ProblemType SUBSIDY_OUTSTANDING = new ProblemType("premium-subsidy-outstanding", 409);
    public static final ProblemType ALREADY_SETTLED = new ProblemType("premium-already-settled", 409);
    public static final int REFERENCE_LENGTH_MAX = 100;

    private final InsuranceRepository bills;
    private final PremiumSettlementRepository settlements;
    private final Premiums premiums;
    private final Ledger ledger;
    private final AuditTrail audit;
    private final Clock clock;
    private final Shards shards;

    PremiumSettlements(InsuranceRepository bills, PremiumSettlementRepository settlements, Premiums premiums, Ledger ledger,
                       AuditTrail audit, Clock clock, Shards shards) {
        this.shards = shards;
        this.bills = bills;
        this.settlements = settlements;
        this.premiums = premiums;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    /** The bill's settlement (OPERATOR, REGULATOR; INSURER its own bills). */
    @Transactional(readOnly = true)
    public PremiumSettlementView settlement(Actor actor, UUID billId) {
        Optional<UUID> own = premiums.readerInsurer(actor);
        return shards.each(() -> premiums.visibleHere(actor, own, billId).map(settlements::find)).stream()
                .flatMap(Optional::stream).findFirst().orElseThrow(() -> Rejection.notFound("premium bill"));
    }

    /** Takes each DUE merchant share the merchant's payable now holds; shares still short stay DUE. */
    public PremiumBillView collectDue(Actor actor, UUID billId) {
        return onBillShard(actor, billId, bill -> collectDue(bill, billId));
    }

    private PremiumBillView collectDue(PremiumBillView bill, UUID billId) {
        PremiumSettlementView settlement = settlements.lock(bill);
        if (settlement.remittedAt() != null) {
            throw new Rejection(ALREADY_SETTLED, "bill " + billId + " was remitted");
        }
        Instant now = clock.instant();
        for (PremiumBillView.Line line : bills.bill(billId).orElseThrow().lines()) {
            if (line.merchantStatus() != MerchantShareStatus.DUE) {
                continue;
            }
            Money share = line.merchantShare();
            AccountView payable = ledger.open(AccountType.MERCHANT_PAYABLE, line.merchantId(), share.currency());
            if (payable.normalBalance().compareTo(share) < 0) {
                continue;
            }
            AccountView premiumPayable = ledger.open(AccountType.PREMIUM_PAYABLE, bill.insurerId(), share.currency());
            AccountView escrow = ledger.open(AccountType.ESCROW, line.merchantId(), share.currency());
            AccountView collection = ledger.open(AccountType.PREMIUM_COLLECTION, null, share.currency());
            // as at billing: the earned share still sits in the merchant's escrow, so its cash is swept with it
            ledger.post(NewTransfer.of("premium:" + billId + ":MERCHANT:" + line.merchantId(), "merchant premium share "
                    + bill.policyNumber() + " " + bill.period() + " (collected late)", EntryLine.debit(payable.id(), share),
                    EntryLine.credit(premiumPayable.id(), share), EntryLine.debit(collection.id(), share),
                    EntryLine.credit(escrow.id(), share)));
            settlements.collected(billId, line.merchantId(), share, now);
            audit.record("insurance.premium.collected", "premium-bill", billId, "DUE",
                    Map.of("merchantId", line.merchantId().toString(), "share", share));
        }
        return bills.bill(billId).orElseThrow();
    }

    /** The government's share arrived in the platform's operating account. */
    public PremiumSettlementView receiveSubsidy(Actor actor, UUID billId, String reference) {
        String ref = reference(reference);
        return onBillShard(actor, billId, bill -> receiveSubsidy(actor, bill, billId, ref));
    }

    private PremiumSettlementView receiveSubsidy(Actor actor, PremiumBillView bill, UUID billId, String ref) {
        PremiumSettlementView settlement = settlements.lock(bill);
        if (!bill.governmentShare().isPositive()) {
            throw Rejection.invalid("billId", "bill " + billId + " has no government share");
        }
        if (settlement.subsidyReceivedAt() != null) {
            throw new Rejection(ALREADY_SETTLED, "the subsidy of bill " + billId + " was received");
        }
        Money g = bill.governmentShare();
        AccountView cash = ledger.open(AccountType.PLATFORM_OPERATING_CASH, null, g.currency());
        AccountView receivable = ledger.open(AccountType.GOVERNMENT_SUBSIDY_RECEIVABLE, null, g.currency());
        ledger.post(NewTransfer.of("subsidy-received:" + billId, "government premium subsidy " + bill.policyNumber() + " "
                + bill.period(), EntryLine.debit(cash.id(), g), EntryLine.credit(receivable.id(), g)));
        Instant now = clock.instant();
        settlements.subsidyReceived(billId, ref, actor.username(), now);
        audit.record("insurance.premium.subsidy-received", "premium-bill", billId, null, Map.of("amount", g,
                "reference", ref == null ? "" : ref));
        return settlements.find(bill);
    }

    /** Pays the bill's whole premium to the insurer: only when no share is due and the subsidy (if any) arrived. */
    public PremiumSettlementView remit(Actor actor, UUID billId, String reference) {
        String ref = reference(reference);
        return onBillShard(actor, billId, bill -> remit(actor, bill, billId, ref));
    }

    private PremiumSettlementView remit(Actor actor, PremiumBillView bill, UUID billId, String ref) {
        PremiumSettlementView settlement = settlements.lock(bill);
        bill = bills.bill(billId).orElseThrow(); // as of the lock: a collection may just have lowered what is due
        if (settlement.remittedAt() != null) {
            throw new Rejection(ALREADY_SETTLED, "bill " + billId + " was remitted");
        }
        if (bill.merchantDue().isPositive()) {
            throw new Rejection(SHARES_DUE, "merchants still owe " + bill.merchantDue().format() + " of bill " + billId);
        }
        if (settlement.subsidyOutstanding()) {
            throw new Rejection(SUBSIDY_OUTSTANDING, "the government subsidy of bill " + billId + " has not arrived");
        }
        Currency currency = bill.premium().currency();
        Money fromCash = bill.platformShare().plus(bill.governmentShare());
        List<EntryLine> lines = new java.util.ArrayList<>();
        if (bill.premium().isPositive()) {
            lines.add(EntryLine.debit(ledger.open(AccountType.PREMIUM_PAYABLE, bill.insurerId(), currency).id(), bill.premium()));
            if (bill.merchantShare().isPositive()) {
                lines.add(EntryLine.credit(ledger.open(AccountType.PREMIUM_COLLECTION, null, currency).id(), bill.merchantShare()));
            }
            if (fromCash.isPositive()) {
                lines.add(EntryLine.credit(ledger.open(AccountType.PLATFORM_OPERATING_CASH, null, currency).id(), fromCash));
            }
            ledger.post(new NewTransfer("premium-paid:" + billId, "premium remitted " + bill.policyNumber() + " "
                    + bill.period(), lines));
        }
        Instant now = clock.instant();
        settlements.remitted(billId, bill.premium(), ref, actor.username(), now);
        audit.record("insurance.premium.remitted", "premium-bill", billId, null, Map.of("amount", bill.premium(),
                "reference", ref == null ? "" : ref));
        return settlements.find(bill);
    }

    /** Runs an OPERATOR's step on the shard that keeps the bill, in that shard's transaction (in place with one database). */
    private <T> T onBillShard(Actor actor, UUID billId, java.util.function.Function<PremiumBillView, T> step) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "operators settle premium bills");
        }
        return shards.each(() -> bills.bill(billId).map(step)).stream().flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> Rejection.notFound("premium bill"));
    }

    private static String reference(String text) {
        String ref = Optional.ofNullable(text).map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (ref != null && ref.length() > REFERENCE_LENGTH_MAX) {
            throw Rejection.invalid("reference", "a reference is at most " + REFERENCE_LENGTH_MAX + " characters");
        }
        return ref;
    }
}
