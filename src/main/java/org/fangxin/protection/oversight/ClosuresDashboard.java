package org.fangxin.protection.oversight;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.fangxin.card.Cards;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.AccountView;
import org.fangxin.ledger.Ledger;
import org.fangxin.ledger.PostingSums;
import org.fangxin.merchant.MerchantScope;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.protection.ClosureStatus;
import org.fangxin.protection.domain.ClosureCase;
import org.fangxin.protection.persistence.ClosureRepository;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The closures dashboard: for every closure case not cleared (suspected or confirmed), its figures read from the ledger
 * by the posting keys of the closure money contract, then summed per sector and per region. Five grouped prefix reads
 * serve all cases at once, in one snapshot. OPERATOR sees all; a REGULATOR or the consumer association the merchants
 * within its scope (region with everything below it; a sector regulator its sector).
 */
@Service
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class ClosuresDashboard {

    static final String PAID = "compensation-paid:";
    static final String CLAIM_APPROVED = "claim-approved:";
    static final String CLAIM_PAID = "claim-paid:";
    static final String RECOVERED = "subrogation-recovered:";
    static final String WRITE_OFF = "subrogation-write-off:";

    private final ClosureRepository cases;
    private final Merchants merchants;
    private final Cards cards;
    private final Ledger ledger;
    private final Clock clock;

    ClosuresDashboard(ClosureRepository cases, Merchants merchants, Cards cards, Ledger ledger, Clock clock) {
        this.cases = cases;
        this.merchants = merchants;
        this.cards = cards;
        this.ledger = ledger;
        this.clock = clock;
    }

    public ClosuresDashboardView dashboard(Actor actor) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR, Role.ASSOCIATION)) {
            throw new Rejection(ProblemType.FORBIDDEN, "the closures dashboard is for operators, regulators and the consumer association");
        }
        String sector = actor.is(Role.REGULATOR) ? actor.sector() : null;
        MerchantScope scope = MerchantScope.of(actor);
        PerCase sums = new PerCase(perCase(PAID), perCase(CLAIM_APPROVED), perCase(CLAIM_PAID),
                perCase(RECOVERED), perCase(WRITE_OFF));
        List<ClosuresDashboardView.Case> rows = new ArrayList<>();
        for (ClosureCase c : cases.cases(false)) {
            if (c.status() == ClosureStatus.CLEARED) {
                continue;
            }
            MerchantView m = merchants.find(c.merchantId()).orElse(null);
            if (m == null || !scope.covers(m)) {
                continue;
            }
            rows.add(new ClosuresDashboardView.Case(c.id(), m.id(), m.legalName(), m.sector().name(), m.regionCode(),
                    c.status(), c.openedAt(), c.decidedAt(), figures(sums, c, m)));
        }
        ClosureFigures totals = rows.stream().map(ClosuresDashboardView.Case::figures).reduce(ClosureFigures.NONE, ClosureFigures::plus);
        return new ClosuresDashboardView(clock.instant(), sector, totals, group(rows, ClosuresDashboardView.Case::sector),
                group(rows, ClosuresDashboardView.Case::regionCode), rows);
    }

    /** The postings of every case, by kind of posting key (read once per dashboard). */
    private record PerCase(Map<String, PostingSums> paid,
                           Map<String, PostingSums> approved, Map<String, PostingSums> claimPaid,
                           Map<String, PostingSums> recovered, Map<String, PostingSums> writtenOff) { }

    private ClosureFigures figures(PerCase sums, ClosureCase c, MerchantView m) {
        String id = c.id().toString();
        PostingSums p = sums(sums.paid(), id);
        PostingSums claimPaid = sums(sums.claimPaid(), id);
        // a card compensated is one debit of its liability under compensation-paid: (its own transfer from session 9, its
        // pay chunk's from session 13); cases paid before session 9 debited the card's refunds payable here instead
        long compensated = p.debitEntries(AccountType.CARD_LIABILITY) + p.debitEntries(AccountType.CONSUMER_REFUNDS_PAYABLE);
        return new ClosureFigures(1,
                compensated + cards.liveCardsAt(m.id()).count(),
                compensated,
                p.debits(AccountType.CONSUMER_REFUNDS_PAYABLE).plus(p.debits(AccountType.CARD_LIABILITY)),
                p.credits(AccountType.ESCROW),
                p.credits(AccountType.RISK_DEPOSIT_HELD),
                p.credits(AccountType.PLATFORM_GUARANTEE_FUND),
                claimPaid.debits(AccountType.PLATFORM_GUARANTEE_FUND),
                Money.fen(Math.max(0, sums(sums.approved(), id).debits(AccountType.INSURER_RECEIVABLE).amountMinor()
                        - claimPaid.credits(AccountType.INSURER_RECEIVABLE).amountMinor())),
                sums(sums.recovered(), id).debits(AccountType.PLATFORM_GUARANTEE_FUND),
                sums(sums.writtenOff(), id).debits(AccountType.COMPENSATION_EXPENSE),
                c.status() == ClosureStatus.CONFIRMED ? openReceivable(m.id()) : Money.fen(0));
    }

    private static List<ClosuresDashboardView.Group> group(List<ClosuresDashboardView.Case> rows,
                                                           Function<ClosuresDashboardView.Case, String> key) {
        Map<String, ClosureFigures> groups = new TreeMap<>();
        for (ClosuresDashboardView.Case row : rows) {
            groups.merge(key.apply(row), row.figures(), ClosureFigures::plus);
        }
        return groups.entrySet().stream().map(e -> new ClosuresDashboardView.Group(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing((ClosuresDashboardView.Group g) -> -g.figures().compensated().amountMinor()))
                .toList();
    }

    private Map<String, PostingSums> perCase(String event) {
        return ledger.sumsByPostingKeyPrefixPerSegment(event, Money.CNY);
    }

    private static PostingSums sums(Map<String, PostingSums> byCase, String caseId) {
        return byCase.getOrDefault(caseId, PostingSums.none(Money.CNY));
    }

    private Money openReceivable(UUID merchantId) {
        return ledger.findAccount(AccountType.SUBROGATION_RECEIVABLE, merchantId, Money.CNY)
                .map(AccountView::normalBalance).orElse(Money.fen(0));
    }
}
