package org.fangxin.protection.recovery;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.ledger.PostingSums;
import org.fangxin.merchant.MerchantScope;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.protection.ClosureStatus;
import org.fangxin.protection.domain.ClosureCase;
import org.fangxin.protection.persistence.ClosureRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The subrogation register: per confirmed closure case, the receivable against the merchant (SUBROGATION_RECEIVABLE,
 * the compensation the guarantee fund paid and no insurer covered) until it is recovered from the merchant or its
 * liquidator ({@code subrogation-recovered:<caseId>:<id>} Dr PLATFORM_GUARANTEE_FUND / Cr SUBROGATION_RECEIVABLE) or
 * written off with a reason ({@code subrogation-write-off:<caseId>:<id>} Dr COMPENSATION_EXPENSE / Cr
 * SUBROGATION_RECEIVABLE). Never more than the open balance; every movement is audited.
 */
@Service
@Transactional
public class Subrogation {

    public static final ProblemType EXCEEDS_OPEN = new ProblemType("subrogation-exceeds-open", 409);
    public static final ProblemType CASE_NOT_CONFIRMED = new ProblemType("closure-case-not-confirmed", 409);
    public static final String RECOVERED = "subrogation-recovered:";
    public static final String WRITE_OFF = "subrogation-write-off:";
    public static final int NOTE_LENGTH_MAX = 500;

    private final Ledger ledger;
    private final ClosureRepository cases;
    private final Merchants merchants;
    private final RecoveryRepository repository;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Shards shards;

    Subrogation(Ledger ledger, ClosureRepository cases, Merchants merchants, RecoveryRepository repository,
                AuditTrail audit, IdGenerator ids, Clock clock, Shards shards) {
        this.shards = shards;
        this.ledger = ledger;
        this.cases = cases;
        this.merchants = merchants;
        this.repository = repository;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /** OPERATOR and REGULATOR (its region and sector): the confirmed cases with open, recovered and written-off amounts, open first. */
    @Transactional(readOnly = true)
    public List<ReceivableView> register(Actor actor) {
        requireReader(actor);
        // Sharded (ADR 12 §8h): a case, its merchant and its postings are on the merchant's shard; each shard lists its
        // own newest cases once, and the merge keeps the order (open first).
        return shards.each(() -> registerHere(actor)).stream().flatMap(List::stream)
                .sorted(Comparator.comparing((ReceivableView r) -> !r.open().isPositive())).toList();
    }

    private List<ReceivableView> registerHere(Actor actor) {
        Map<String, PostingSums> recovered = ledger.sumsByPostingKeyPrefixPerSegment(RECOVERED, GuaranteeFund.CURRENCY);
        Map<String, PostingSums> writtenOff = ledger.sumsByPostingKeyPrefixPerSegment(WRITE_OFF, GuaranteeFund.CURRENCY);
        return cases.cases(false).stream().filter(c -> c.status() == ClosureStatus.CONFIRMED)
                .map(c -> merchants.find(c.merchantId()).filter(m -> inSector(actor, m))
                        .map(m -> view(c, m, recovered.get(c.id().toString()), writtenOff.get(c.id().toString()), List.of())))
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing((ReceivableView r) -> !r.open().isPositive()))
                .toList();
    }

    /** OPERATOR and REGULATOR (its region and sector): one case's receivable with its movements; other → not found. */
    @Transactional(readOnly = true)
    public ReceivableView receivable(Actor actor, UUID caseId) {
        requireReader(actor);
        ClosureCase c = cases.find(caseId).orElseThrow(() -> Rejection.notFound("closure case"));
        MerchantView m = merchants.find(c.merchantId()).filter(x -> inSector(actor, x))
                .orElseThrow(() -> Rejection.notFound("closure case"));
        return view(c, m, sums(RECOVERED, caseId), sums(WRITE_OFF, caseId), repository.movements(caseId));
    }

    /** OPERATOR: records money recovered from the merchant or its liquidator for the case, into the guarantee fund. */
    public SubrogationMovementView recover(Actor actor, UUID caseId, Money amount, String reference) {
        return move(actor, caseId, SubrogationMovementView.Kind.RECOVERY, amount, reference);
    }

    /** OPERATOR: writes off part or all of the case's open receivable, with a reason (the platform's loss). */
    public SubrogationMovementView writeOff(Actor actor, UUID caseId, Money amount, String reason) {
        return move(actor, caseId, SubrogationMovementView.Kind.WRITE_OFF, amount, reason);
    }

    private SubrogationMovementView move(Actor actor, UUID caseId, SubrogationMovementView.Kind kind, Money amount, String text) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators record recoveries and write-offs");
        }
        String note = RecoveryText.required(kind == SubrogationMovementView.Kind.RECOVERY ? "reference" : "reason", text, NOTE_LENGTH_MAX);
        if (amount == null || !amount.currency().equals(GuaranteeFund.CURRENCY) || !amount.isPositive()) {
            throw Rejection.invalid("amount", "a positive CNY amount is required");
        }
        ClosureCase c = cases.find(caseId).orElseThrow(() -> Rejection.notFound("closure case"));
        if (c.status() != ClosureStatus.CONFIRMED) {
            throw new Rejection(CASE_NOT_CONFIRMED, "only a confirmed closure has a receivable against the merchant (this case is "
                    + c.status() + ")");
        }
        repository.lockMerchant(c.merchantId());
        Money open = openBalance(c.merchantId());
        if (amount.amountMinor() > open.amountMinor()) {
            throw new Rejection(EXCEEDS_OPEN, "the open receivable is " + open.format() + "; " + amount.format() + " is more",
                    Map.of("open", open));
        }
        UUID id = ids.next();
        boolean recovery = kind == SubrogationMovementView.Kind.RECOVERY;
        String key = (recovery ? RECOVERED : WRITE_OFF) + caseId + ":" + id;
        AccountView receivable = ledger.open(AccountType.SUBROGATION_RECEIVABLE, c.merchantId(), GuaranteeFund.CURRENCY);
        AccountView into = ledger.open(recovery ? AccountType.PLATFORM_GUARANTEE_FUND : AccountType.COMPENSATION_EXPENSE, null,
                GuaranteeFund.CURRENCY);
        ledger.post(NewTransfer.of(key, (recovery ? "recovered from the merchant: " : "written off: ") + note,
                EntryLine.debit(into.id(), amount), EntryLine.credit(receivable.id(), amount)));
        SubrogationMovementView movement = new SubrogationMovementView(id, caseId, c.merchantId(), kind, amount, note,
                actor.username(), clock.instant(), key);
        repository.insertMovement(movement);
        audit.record(recovery ? "protection.subrogation.recovered" : "protection.subrogation.written-off", "closure-case",
                caseId, Map.of("open", open), movement);
        return movement;
    }

    private ReceivableView view(ClosureCase c, MerchantView m, PostingSums recovered, PostingSums writtenOff,
                                List<SubrogationMovementView> movements) {
        return new ReceivableView(c.id(), m.id(), m.legalName(), m.sector().name(), m.regionCode(), c.status(),
                openBalance(m.id()),
                recovered == null ? Money.fen(0) : recovered.debits(AccountType.PLATFORM_GUARANTEE_FUND),
                writtenOff == null ? Money.fen(0) : writtenOff.debits(AccountType.COMPENSATION_EXPENSE), movements);
    }

    private PostingSums sums(String event, UUID caseId) {
        return ledger.sumsByPostingKeyPrefix(event + caseId + ":", GuaranteeFund.CURRENCY);
    }

    private Money openBalance(UUID merchantId) {
        return ledger.findAccount(AccountType.SUBROGATION_RECEIVABLE, merchantId, GuaranteeFund.CURRENCY)
                .map(AccountView::normalBalance).orElse(Money.fen(0));
    }

    private static void requireReader(Actor actor) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "the subrogation register is for operators and regulators");
        }
    }

    /** Whether a regulator's region and sector cover the merchant (everyone else: yes). */
    static boolean inSector(Actor actor, MerchantView merchant) {
        return !actor.is(Role.REGULATOR) || MerchantScope.of(actor).covers(merchant);
    }
}
