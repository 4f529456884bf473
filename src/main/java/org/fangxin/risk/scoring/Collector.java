package org.fangxin.risk.scoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.card.CardStatistics;
import org.fangxin.card.LiveCardTotals;
import org.fangxin.card.MerchantDayActivity;
import org.fangxin.insurance.Policies;
import org.fangxin.ledger.AccountType;
import org.fangxin.ledger.Ledger;
import org.fangxin.protection.ClosureReportStatistics;
import org.fangxin.refund.RefundStatistics;
import org.fangxin.risk.RiskScores;
import org.fangxin.risk.domain.SignalInputs;
import org.fangxin.risk.persistence.BooksRepository;
import org.fangxin.risk.persistence.BooksRepository.DayFigures;
import org.fangxin.risk.persistence.InputsRepository;
import org.fangxin.shared.Money;
import org.springframework.stereotype.Component;

/**
 * Collects what risk needs from our own books: per merchant and completed day (Asia/Shanghai), prepaid sales and
 * redemptions (card), refund requests (refund) and closure reports (protection), catching up every day since the last
 * collection (at most {@value #CATCH_UP_DAYS_MAX} days, older days feed no window); and per merchant its position
 * (live cards, advance, deposit, insured cover) as of now. Idempotent: a day's figures are replaced, not added.
 */
@Component
public class Collector {

    /** The longest window a factor looks back (30 + 90 days of activity), so older days are never collected. */
    static final int CATCH_UP_DAYS_MAX = 120;
    static final String ACTIVITY = "activity";

    private final CardStatistics cards;
    private final RefundStatistics refunds;
    private final ClosureReportStatistics reports;
    private final Ledger ledger;
    private final Policies policies;
    private final BooksRepository books;
    private final InputsRepository inputs;

    Collector(CardStatistics cards, RefundStatistics refunds, ClosureReportStatistics reports, Ledger ledger,
              Policies policies, BooksRepository books, InputsRepository inputs) {
        this.cards = cards;
        this.refunds = refunds;
        this.reports = reports;
        this.ledger = ledger;
        this.policies = policies;
        this.books = books;
        this.inputs = inputs;
    }

    /** Collects every completed day not collected yet, up to yesterday; answers the last day collected. */
    public LocalDate collectActivity(LocalDate today) {
        books.lockCollection();
        LocalDate yesterday = today.minusDays(1);
        // a mark after yesterday means the clock was set back (a restored database, a test run): collect the window again
        LocalDate through = inputs.collectedThrough(ACTIVITY).filter(day -> !day.isAfter(yesterday)).orElse(null);
        LocalDate from = through == null || through.isBefore(today.minusDays(CATCH_UP_DAYS_MAX))
                ? today.minusDays(CATCH_UP_DAYS_MAX) : through.plusDays(1);
        if (from.isAfter(yesterday)) {
            return through;
        }
        Instant start = from.atStartOfDay(RiskScores.ZONE).toInstant();
        Instant end = today.atStartOfDay(RiskScores.ZONE).toInstant();
        List<DayFigures> sales = new ArrayList<>();
        for (MerchantDayActivity day : cards.activityBetween(start, end, RiskScores.ZONE)) {
            sales.add(new DayFigures(day.merchantId(), day.day(), new long[] {day.salesCount(), day.salesMinor(),
                    day.redemptions(), day.redemptionMinor()}));
        }
        books.upsertDays(List.of("sales_count", "sales_minor", "redemptions", "redemption_minor"), sales);
        books.upsertDays(List.of("refund_requests"), refunds.requestsBetween(start, end, RiskScores.ZONE).stream()
                .map(r -> new DayFigures(r.merchantId(), r.day(), new long[] {r.requests()})).toList());
        books.upsertDays(List.of("closure_reports"), reports.reportsBetween(start, end, RiskScores.ZONE).stream()
                .map(r -> new DayFigures(r.merchantId(), r.day(), new long[] {r.reports()})).toList());
        books.markCollected(ACTIVITY, yesterday);
        return yesterday;
    }

    /** The merchants' positions now (stored, and answered): live cards, advance, deposit, insured cover. */
    public Map<UUID, SignalInputs.Position> collectPositions(List<UUID> merchantIds, LocalDate today, Instant now) {
        Map<UUID, LiveCardTotals> live = cards.liveCardTotals(merchantIds);
        Map<UUID, Money> advances = ledger.balancesByOwner(AccountType.MERCHANT_ADVANCE, merchantIds, Money.CNY);
        Map<UUID, Money> deposits = ledger.balancesByOwner(AccountType.RISK_DEPOSIT, merchantIds, Money.CNY);
        Map<UUID, SignalInputs.Position> positions = new HashMap<>();
        for (UUID id : merchantIds) {
            LiveCardTotals totals = live.get(id);
            long advance = minor(advances.get(id));
            long cover = advance > 0 ? policies.insuredCover(id).amountMinor() : 0;
            positions.put(id, new SignalInputs.Position(totals == null ? 0 : totals.unredeemed().amountMinor(),
                    totals == null ? 0 : totals.count(), advance, minor(deposits.get(id)), cover, today));
        }
        books.upsertPositions(positions, now);
        return positions;
    }

    private static long minor(Money money) {
        return money == null ? 0 : money.amountMinor();
    }
}
