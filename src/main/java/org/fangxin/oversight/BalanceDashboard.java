package org.fangxin.oversight;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.fangxin.identity.Actor;
import org.fangxin.merchant.MerchantScope;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.oversight.BalanceDashboardView.MerchantRow;
import org.fangxin.oversight.BalanceDashboardView.Place;
import org.fangxin.oversight.BalanceDashboardView.Row;
import org.fangxin.oversight.snapshot.SnapshotRepository;
import org.fangxin.oversight.snapshot.SnapshotRepository.Order;
import org.fangxin.shared.Money;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The prepaid-balance dashboard (docs/oversight.md): outstanding balance and its cover by region → sector → merchant,
 * read from the latest daily snapshot (a few roll-up rows and one page of merchants; cards are never scanned at request
 * time), and the daily job that takes the snapshot. Every read is limited to the caller's {@link OversightScope}.
 */
@Service
public class BalanceDashboard {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final int MERCHANTS_SHOWN = 50;
    static final int TOP_UNCOVERED = 10;
    static final int TREND_DAYS = 30;
    private static final Logger log = LoggerFactory.getLogger(BalanceDashboard.class);

    private final SnapshotRepository snapshots;
    private final Regions regions;
    private final Merchants merchants;
    private final Filings filings;
    private final Shards shards;
    private final Clock clock;

    BalanceDashboard(SnapshotRepository snapshots, Regions regions, Merchants merchants, Filings filings, Shards shards,
                     Clock clock) {
        this.snapshots = snapshots;
        this.regions = regions;
        this.merchants = merchants;
        this.filings = filings;
        this.shards = shards;
        this.clock = clock;
    }

    /** The dashboard at a region (blank: the caller's own) and sector (blank: all the caller may see). */
    @Transactional(readOnly = true)
    public BalanceDashboardView dashboard(Actor actor, String region, String sector, Locale locale) {
        OversightScope scope = OversightScope.of(actor, region, sector);
        Place place = new Place(scope.region(), regions.name(scope.region(), locale));
        List<Place> path = scope.path().stream().map(c -> new Place(c, regions.name(c, locale))).toList();
        var run = snapshots.latestRun(LocalDate.now(clock.withZone(SHANGHAI)));
        if (run.isEmpty()) {
            return new BalanceDashboardView(null, null, place, scope.sector(), path, BalanceFigures.NONE, List.of(),
                    List.of(), List.of(), List.of(), List.of(), Money.fen(0));
        }
        LocalDate day = run.get().day();
        Map<String, BalanceFigures> sectors = snapshots.bySector(day, scope.region(), scope.sector());
        BalanceFigures totals = sectors.values().stream().reduce(BalanceFigures.NONE, BalanceDashboard::plus);
        List<Row> bySector = sectors.entrySet().stream().map(e -> new Row(e.getKey(), e.getKey(), e.getValue()))
                .sorted(Comparator.comparing((Row r) -> -r.figures().outstanding().amountMinor())).toList();
        return new BalanceDashboardView(day, run.get().finishedAt(), place, scope.sector(), path, totals,
                children(day, scope, totals, locale), bySector,
                named(snapshots.merchants(day, scope.regionPrefix(), scope.sector(), Order.OUTSTANDING, MERCHANTS_SHOWN), locale),
                named(snapshots.merchants(day, scope.regionPrefix(), scope.sector(), Order.UNCOVERED, TOP_UNCOVERED), locale),
                snapshots.trend(scope.region(), scope.sector(), day.minusDays(TREND_DAYS - 1), day),
                run.get().guaranteeFund());
    }

    /** Every merchant in view on the latest snapshot, largest balance first (for exports; streamed, not collected). */
    @Transactional(readOnly = true)
    public void eachMerchant(Actor actor, String region, String sector, Locale locale, Consumer<MerchantRow> sink) {
        OversightScope scope = OversightScope.of(actor, region, sector);
        snapshots.latestRun(LocalDate.now(clock.withZone(SHANGHAI))).ifPresent(run -> snapshots.eachMerchant(run.day(),
                scope.regionPrefix(), scope.sector(), row -> sink.accept(named(row, locale))));
    }

    /** One merchant's snapshot rows, newest first; a merchant outside the caller's scope is "not found". */
    @Transactional(readOnly = true)
    public MerchantBalances merchant(Actor actor, UUID merchantId, Locale locale) {
        OversightScope.of(actor, null, null);
        MerchantView merchant = merchants.find(merchantId).filter(m -> MerchantScope.of(actor).covers(m))
                .orElseThrow(() -> Rejection.notFound("merchant"));
        List<MerchantBalances.Day> days = snapshots.history(merchantId, TREND_DAYS).stream()
                .map(e -> new MerchantBalances.Day(e.getKey(), e.getValue().figures())).toList();
        return new MerchantBalances(merchant.id(), merchant.legalName(), merchant.creditCode(), merchant.regionCode(),
                regions.fullName(merchant.regionCode(), locale), merchant.sector().name(), merchant.status().name(), days);
    }

    /**
     * Takes (or retakes) the day's snapshot: merchant rows, regional roll-ups, the run record, the filings it makes due.
     * Each shard takes its own merchants' rows and opens their filings ({@link Shards}: once, in place, with one
     * database); the rows of the other shards are then copied here, to the directory shard, where the roll-ups, the
     * run record (the time every figure is "as of") and all reads of the figures are (ADR 12 §8e).
     */
    @Transactional
    public int takeSnapshot(LocalDate day) {
        Instant started = clock.instant();
        // The directory shard's own part is taken in the merging transaction, so a retake never shows it alone.
        List<ShardPart> others = shards.each(() -> shards.current() == 0 ? null : takeOnThisShard(day));
        return shards.onDirectory(() -> merge(day, others, started));
    }

    private int merge(LocalDate day, List<ShardPart> others, Instant started) {
        List<ShardPart> parts = new ArrayList<>(List.of(takeOnThisShard(day)));
        others.stream().filter(java.util.Objects::nonNull).forEach(parts::add);
        int count = 0;
        int due = 0;
        Money fund = Money.fen(0);
        for (ShardPart part : parts) {
            count += part.merchants();
            due += part.filingsOpened();
            fund = fund.plus(part.guaranteeFund());
            snapshots.insert(day, part.copies());
        }
        snapshots.rollUp(day);
        snapshots.recordRun(day, count, fund, started, clock.instant());
        log.info("oversight balance snapshot of {}: {} merchants on {} shard(s), {} filings opened", day, count,
                parts.size(), due);
        return count;
    }

    /** One shard's part of the snapshot; {@code copies} are its rows for the directory shard (none from that one). */
    private record ShardPart(int merchants, int filingsOpened, Money guaranteeFund, List<SnapshotRepository.Copy> copies) { }

    private ShardPart takeOnThisShard(LocalDate day) {
        int count = snapshots.takeMerchantRows(day);
        int due = filings.openDue(day);
        List<SnapshotRepository.Copy> copies = shards.current() == 0 ? List.of() : snapshots.rows(day);
        return new ShardPart(count, due, snapshots.guaranteeFund(), copies);
    }

    /** Today's snapshot (Asia/Shanghai), for the daily job and the operators' "take now". */
    public int takeSnapshotToday() {
        return takeSnapshot(LocalDate.now(clock.withZone(SHANGHAI)));
    }

    private List<Row> children(LocalDate day, OversightScope scope, BalanceFigures totals, Locale locale) {
        List<RegionView> below = regions.children(scope.region());
        Map<String, BalanceFigures> figures = snapshots.byRegion(day, below.stream().map(RegionView::code).toList(),
                scope.sector());
        List<Row> rows = new ArrayList<>();
        BalanceFigures rest = totals;
        for (RegionView child : below) {
            BalanceFigures f = figures.get(child.code());
            if (f != null) {
                rows.add(new Row(child.code(), child.name(locale), f));
                rest = minus(rest, f);
            }
        }
        if (rest.merchants() > 0 && !scope.country()) {
            // Merchants registered at this level itself (a city code, not one of its districts).
            rows.add(new Row(scope.region(), regions.name(scope.region(), locale) + " · "
                    + ("en".equals(locale.getLanguage()) ? "directly" : "本级"), rest));
        }
        rows.sort(Comparator.comparing((Row r) -> -r.figures().outstanding().amountMinor()));
        return rows;
    }

    private List<MerchantRow> named(List<MerchantRow> rows, Locale locale) {
        return rows.stream().map(r -> named(r, locale)).toList();
    }

    private MerchantRow named(MerchantRow r, Locale locale) {
        return new MerchantRow(r.merchantId(), r.legalName(), r.regionCode(), regions.fullName(r.regionCode(), locale),
                r.sector(), r.figures());
    }

    static BalanceFigures plus(BalanceFigures a, BalanceFigures b) {
        return new BalanceFigures(a.merchants() + b.merchants(), a.liveCards() + b.liveCards(),
                a.outstanding().plus(b.outstanding()), a.escrow().plus(b.escrow()), a.advance().plus(b.advance()),
                a.deposit().plus(b.deposit()), a.insured().plus(b.insured()), a.uncovered().plus(b.uncovered()));
    }

    static BalanceFigures minus(BalanceFigures a, BalanceFigures b) {
        return plus(a, new BalanceFigures(-b.merchants(), -b.liveCards(), b.outstanding().negate(), b.escrow().negate(),
                b.advance().negate(), b.deposit().negate(), b.insured().negate(), b.uncovered().negate()));
    }
}
