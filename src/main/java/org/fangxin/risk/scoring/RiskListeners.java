package org.fangxin.risk.scoring;

import java.time.LocalDate;
import org.fangxin.complaint.ComplaintFiled;
import org.fangxin.complaint.ComplaintResolved;
import org.fangxin.merchant.MerchantApproved;
import org.fangxin.merchant.MerchantBusinessFactsChanged;
import org.fangxin.merchant.MerchantComplianceFlagsChanged;
import org.fangxin.merchant.MerchantStoreLeaseChanged;
import org.fangxin.protection.ClosureSuspected;
import org.fangxin.risk.RiskScores;
import org.fangxin.risk.persistence.BooksRepository;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Re-rates a merchant after a relevant event commits (nightly ratings catch everything else): approval (its first
 * rating and terms), compliance flags (a list hit from a feed or an operator), a lease or business facts changed, a
 * closure suspicion, a complaint filed or upheld (recorded once per complaint: the COMPLAINTS factor counts those of
 * the last 90 days, and an upheld one withholds the badge). Rating the same day again replaces the day's score and
 * raises no alert twice.
 */
@Component
class RiskListeners {

    private final RiskScores scores;
    private final BooksRepository books;

    RiskListeners(RiskScores scores, BooksRepository books) {
        this.scores = scores;
        this.books = books;
    }

    @ApplicationModuleListener
    void on(MerchantApproved event) {
        scores.rate(event.merchantId());
    }

    @ApplicationModuleListener
    void on(MerchantComplianceFlagsChanged event) {
        scores.rate(event.merchantId());
    }

    @ApplicationModuleListener
    void on(MerchantStoreLeaseChanged event) {
        scores.rate(event.merchantId());
    }

    @ApplicationModuleListener
    void on(MerchantBusinessFactsChanged event) {
        scores.rate(event.merchantId());
    }

    @ApplicationModuleListener
    void on(ClosureSuspected event) {
        scores.rate(event.merchantId());
    }

    @ApplicationModuleListener
    void on(ComplaintFiled event) {
        books.recordComplaint(event.complaintId(), event.merchantId(), day(event.at()), null);
        scores.rate(event.merchantId());
    }

    @ApplicationModuleListener
    void on(ComplaintResolved event) {
        books.recordComplaint(event.complaintId(), event.merchantId(), day(event.filedAt()),
                event.upheld() ? day(event.closedAt()) : null);
        if (event.upheld()) {
            scores.rate(event.merchantId());
        }
    }

    private static LocalDate day(java.time.Instant at) {
        return LocalDate.ofInstant(at, RiskScores.ZONE);
    }
}
