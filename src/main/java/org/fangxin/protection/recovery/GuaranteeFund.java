package org.fangxin.protection.recovery;

import java.time.Clock;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.EntryLine;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.NewTransfer;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The platform guarantee fund (PLATFORM_GUARANTEE_FUND): cash the platform sets aside to pay consumers first after a
 * closure. Operators top it up from the platform's equity ({@code fund-top-up:<id>} Dr PLATFORM_GUARANTEE_FUND / Cr
 * PLATFORM_EQUITY); compensation draws on it, insurers' claim payments and recoveries from merchants refill it.
 */
@Service
@Transactional
public class GuaranteeFund {

    public static final Currency CURRENCY = Money.CNY;
    /** A top-up is at most 100 million yuan (a bound against typos; several top-ups for more). */
    public static final long TOP_UP_MINOR_MAX = 10_000_000_000L;
    public static final int REFERENCE_LENGTH_MAX = 100;
    static final int MOVEMENTS_SHOWN = 50;

    private final Ledger ledger;
    private final RecoveryRepository repository;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final Shards shards;

    GuaranteeFund(Ledger ledger, RecoveryRepository repository, AuditTrail audit, IdGenerator ids, Clock clock,
                  Shards shards) {
        this.shards = shards;
        this.ledger = ledger;
        this.repository = repository;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /** OPERATOR and REGULATOR: the balance, the latest ledger movements and the top-ups. */
    @Transactional(readOnly = true)
    public FundView fund(Actor actor) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "the guarantee fund is shown to operators and regulators");
        }
        // Sharded (ADR 12 §4, §8h): each shard keeps its own sub-account of the fund; one question per shard, the
        // balances added up and the newest movements and top-ups cut from the merge.
        List<FundView> parts = shards.each(() -> ledger.findAccount(AccountType.PLATFORM_GUARANTEE_FUND, null, CURRENCY)
                .map(account -> new FundView(account.normalBalance(), movements(account), repository.topUps()))
                .orElse(new FundView(Money.fen(0), List.of(), repository.topUps())));
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return new FundView(parts.stream().map(FundView::balance).reduce(Money.fen(0), Money::plus),
                parts.stream().flatMap(part -> part.movements().stream())
                        .sorted(Comparator.comparing(FundView.Movement::postedAt).reversed()).limit(MOVEMENTS_SHOWN).toList(),
                parts.stream().flatMap(part -> part.topUps().stream())
                        .sorted(Comparator.comparing(FundTopUpView::recordedAt).reversed()).limit(RecoveryRepository.LIST_MAX)
                        .toList());
    }

    /** OPERATOR: tops the fund up by {@code amount} from the platform's equity. */
    public FundTopUpView topUp(Actor actor, Money amount, String reference) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators top up the guarantee fund");
        }
        if (amount == null || !amount.currency().equals(CURRENCY) || !amount.isPositive() || amount.amountMinor() > TOP_UP_MINOR_MAX) {
            throw Rejection.invalid("amount", "a top-up is a positive CNY amount up to " + new Money(TOP_UP_MINOR_MAX, CURRENCY).format());
        }
        String ref = RecoveryText.required("reference", reference, REFERENCE_LENGTH_MAX);
        UUID id = ids.next();
        String key = "fund-top-up:" + id;
        AccountView fund = ledger.open(AccountType.PLATFORM_GUARANTEE_FUND, null, CURRENCY);
        AccountView equity = ledger.open(AccountType.PLATFORM_EQUITY, null, CURRENCY);
        ledger.post(NewTransfer.of(key, "guarantee fund top-up: " + ref, EntryLine.debit(fund.id(), amount),
                EntryLine.credit(equity.id(), amount)));
        FundTopUpView topUp = new FundTopUpView(id, amount, ref, actor.username(), clock.instant(), key);
        repository.insertTopUp(topUp);
        audit.record("protection.fund.topped-up", "guarantee-fund", id, null, topUp);
        return topUp;
    }

    private List<FundView.Movement> movements(AccountView account) {
        return ledger.latestEntries(account.id(), MOVEMENTS_SHOWN).stream()
                .map(e -> new FundView.Movement(e.postingKey(), kind(e.postingKey()), e.entry().amount(), e.entry().postedAt()))
                .toList();
    }

    /** The event part of a posting key ({@code claim-paid:<case>:<claim>} → {@code claim-paid}). */
    static String kind(String postingKey) {
        int colon = postingKey.indexOf(':');
        return colon < 0 ? postingKey : postingKey.substring(0, colon);
    }
}
