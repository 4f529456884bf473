package org.fangxin.oversight;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fangxin.complaint.ComplaintReports;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.oversight.snapshot.SnapshotRepository;
import org.fangxin.protection.ClosureNoticeView;
import org.fangxin.protection.ClosureNotices;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public merchant lookup (no login): search by name or unified social credit code among merchants the platform
 * accepted, and each one's public facts. Applications in waiting and rejected ones are not public ("not found").
 */
@Service
public class PublicLookup {

    static final int HITS_MAX = 20;
    static final int NOTICES_MAX = 200;

    private final JdbcClient jdbc;
    private final Merchants merchants;
    private final Regions regions;
    private final SnapshotRepository snapshots;
    private final ComplaintReports complaints;
    private final ClosureNotices closures;
    private final Shards shards;

    PublicLookup(JdbcClient jdbc, Merchants merchants, Regions regions, SnapshotRepository snapshots,
                 ComplaintReports complaints, ClosureNotices closures, Shards shards) {
        this.shards = shards;
        this.jdbc = jdbc;
        this.merchants = merchants;
        this.regions = regions;
        this.snapshots = snapshots;
        this.complaints = complaints;
        this.closures = closures;
    }

    /**
     * Merchants whose name contains {@code query} or whose credit code is it, by name; at most {@value #HITS_MAX}. Each
     * shard answers its first hits and the list is cut from their merge (ADR 12 §8e; one database: asked directly).
     */
    @Transactional(readOnly = true)
    public List<PublicMerchantView.Hit> search(String query, Locale locale) {
        String q = query == null ? "" : query.trim();
        if (q.length() < 2 || q.length() > 100) {
            throw Rejection.invalid("q", "search with 2 to 100 characters of a name or a credit code");
        }
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return shards.page((offset, limit) -> hits(q, like, limit, locale),
                Comparator.comparing(PublicMerchantView.Hit::legalName).thenComparing(h -> h.merchantId().toString()),
                0, HITS_MAX);
    }

    private List<PublicMerchantView.Hit> hits(String q, String like, int max, Locale locale) {
        return jdbc.sql("""
                select merchant_id, legal_name, credit_code, region_code, sector, status from merchant.merchant_scope
                 where status not in ('PENDING', 'REJECTED') and (credit_code = upper(:q) or legal_name ilike :like)
                 order by legal_name, merchant_id limit :max
                """).param("q", q).param("like", like).param("max", max)
                .query((rs, n) -> new PublicMerchantView.Hit(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        regions.fullName(rs.getString(4).trim(), locale), rs.getString(5), rs.getString(6)))
                .list();
    }

    /** One merchant's public facts. */
    @Transactional(readOnly = true)
    public PublicMerchantView merchant(UUID merchantId, Locale locale) {
        MerchantView m = merchants.find(merchantId)
                .filter(v -> v.status() != MerchantStatus.PENDING && v.status() != MerchantStatus.REJECTED)
                .orElseThrow(() -> Rejection.notFound("merchant"));
        PublicMerchantView.Protection protection = snapshots.history(merchantId, 1).stream().findFirst()
                .map(day -> {
                    BalanceFigures f = day.getValue().figures();
                    long owed = f.outstanding().amountMinor();
                    Double escrowRatio = owed <= 0 ? null : Math.min(1.0, (double) f.escrow().amountMinor() / owed);
                    return new PublicMerchantView.Protection(day.getKey(), escrowRatio, f.deposit(), f.insured());
                }).orElse(null);
        return new PublicMerchantView(m.id(), m.legalName(), m.creditCode(), regions.fullName(m.regionCode(), locale),
                m.sector().name(), m.status().name(), protection, complaints.statistics(merchantId),
                closures.notices(merchantId, NOTICES_MAX));
    }

    /** The newest public closure notices of every shard, newest first (each shard answers its newest, merged). */
    public List<ClosureNoticeView> closures() {
        return shards.page((offset, limit) -> closures.notices(null, limit),
                Comparator.comparing(ClosureNoticeView::openedAt).reversed(), 0, NOTICES_MAX);
    }
}
