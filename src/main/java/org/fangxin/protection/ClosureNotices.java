package org.fangxin.protection;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.fangxin.card.Cards;
import org.fangxin.card.LiveCardTotals;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.protection.domain.ClosureCase;
import org.fangxin.protection.persistence.ClosureRepository;
import org.fangxin.shared.Rejection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public side of closure cases: the notice anyone may read. Only a CONFIRMED case or a merchant's own
 * announcement is published; a suspicion from reports or a mark may still be cleared, so it answers "not found".
 */
@Service
@Transactional(readOnly = true)
public class ClosureNotices {

    private static final int LIMIT_MAX = 500;

    private final ClosureRepository repository;
    private final Merchants merchants;
    private final Cards cards;

    ClosureNotices(ClosureRepository repository, Merchants merchants, Cards cards) {
        this.repository = repository;
        this.merchants = merchants;
        this.cards = cards;
    }

    /** Anyone: the public notice of one case, with the live cards and unredeemed value it concerns. */
    public ClosureNoticeView notice(UUID caseId) {
        ClosureCase c = repository.find(caseId).filter(ClosureNotices::published)
                .orElseThrow(() -> Rejection.notFound("closure notice"));
        MerchantView merchant = merchants.find(c.merchantId()).orElseThrow(() -> Rejection.notFound("closure notice"));
        LiveCardTotals live = cards.liveCardsAt(c.merchantId());
        return new ClosureNoticeView(c.id(), merchant.legalName(), c.status(), c.source(), c.openedAt(), c.closingOn(),
                c.status() == ClosureStatus.CONFIRMED ? c.decidedAt() : null, live.count(), live.unredeemed());
    }

    /**
     * Anyone: the public notices, newest first, of one merchant or (null) of all, at most {@code limit} (the public
     * closures list and the public merchant lookup).
     */
    public List<ClosureNoticeView> notices(UUID merchantId, int limit) {
        List<ClosureCase> found = merchantId == null ? repository.cases(false) : repository.casesOf(merchantId);
        return found.stream().filter(ClosureNotices::published)
                .sorted(Comparator.comparing(ClosureCase::openedAt).reversed())
                .limit(Math.max(1, Math.min(limit, LIMIT_MAX))).map(c -> notice(c.id())).toList();
    }

    private static boolean published(ClosureCase c) {
        return c.status() == ClosureStatus.CONFIRMED
                || c.status() == ClosureStatus.SUSPECTED && c.source() == ClosureSource.ANNOUNCED;
    }
}
