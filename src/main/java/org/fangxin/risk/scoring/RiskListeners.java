package org.fangxin.risk.scoring;

import java.time.LocalDate;
import java.util.UUID;
import org.fangxin.complaint.ComplaintFiled;
import org.fangxin.complaint.ComplaintResolved;
import org.fangxin.complaint.Complaints;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.MerchantApproved;
import org.fangxin.merchant.MerchantBusinessFactsChanged;
import org.fangxin.merchant.MerchantComplianceFlagsChanged;
import org.fangxin.merchant.MerchantStoreLeaseChanged;
import org.fangxin.protection.ClosureSuspected;
import org.fangxin.risk.RiskScores;
import org.fangxin.risk.persistence.BooksRepository;
import org.fangxin.shared.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-rates a merchant after a relevant event commits (nightly ratings catch everything else): approval (its first
 * rating and terms), compliance flags (a list hit from a feed or an operator), a lease or business facts changed, a
 * closure suspicion, a complaint filed or upheld (recorded once per complaint: the COMPLAINTS factor counts those of
 * the last 90 days, and an upheld one withholds the badge; one imported from 12315 keeps its 12315 number, so the same
 * complaint in a provider's 12315 feed counts once). Rating the same day again replaces the day's score and
 * raises no alert twice. Events are coalesced: each marks its merchant due and rates every merchant due at once
 * ({@link RiskScores#rateSoon}), so a burst of events rates each merchant once.
 */
@Component
class RiskListeners {

    static final String SOURCE_12315 = "12315";
    /** Reads imported complaints with an operator's rights (they see every case imported from 12315). */
    private static final Actor READER = new Actor(UUID.nameUUIDFromBytes("system:risk-complaints".getBytes()),
            "system:risk-complaints", Role.OPERATOR, null, null);
    private static final Logger log = LoggerFactory.getLogger(RiskListeners.class);

    private final RiskScores scores;
    private final BooksRepository books;
    private final Complaints complaints;
    /** Records a complaint committed before its merchant is marked due, so whichever listener rates it counts it. */
    private final TransactionTemplate ownTransaction;

    RiskListeners(RiskScores scores, BooksRepository books, Complaints complaints, PlatformTransactionManager transactions) {
        this.scores = scores;
        this.books = books;
        this.complaints = complaints;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @ApplicationModuleListener
    void on(MerchantApproved event) {
        scores.rateSoon(event.merchantId());
    }

    @ApplicationModuleListener
    void on(MerchantComplianceFlagsChanged event) {
        scores.rateSoon(event.merchantId());
    }

    @ApplicationModuleListener
    void on(MerchantStoreLeaseChanged event) {
        scores.rateSoon(event.merchantId());
    }

    @ApplicationModuleListener
    void on(MerchantBusinessFactsChanged event) {
        scores.rateSoon(event.merchantId());
    }

    @ApplicationModuleListener
    void on(ClosureSuspected event) {
        scores.rateSoon(event.merchantId());
    }

    @ApplicationModuleListener
    void on(ComplaintFiled event) {
        String ref = ref12315(event);
        ownTransaction.executeWithoutResult(s -> books.recordComplaint(event.complaintId(), event.merchantId(),
                day(event.at()), ref, null));
        scores.rateSoon(event.merchantId());
    }

    @ApplicationModuleListener
    void on(ComplaintResolved event) {
        ownTransaction.executeWithoutResult(s -> books.recordComplaint(event.complaintId(), event.merchantId(),
                day(event.filedAt()), null, event.upheld() ? day(event.closedAt()) : null));
        if (event.upheld()) {
            scores.rateSoon(event.merchantId());
        }
    }

    /**
     * The 12315 number of a complaint the complaint module imported from 12315 (operators see those cases), so that the
     * same complaint in a provider's 12315 feed counts once; null for the platform's own complaints.
     */
    private String ref12315(ComplaintFiled event) {
        if (!SOURCE_12315.equals(event.source())) {
            return null;
        }
        try {
            return complaints.view(READER, event.complaintId()).externalRef();
        } catch (Rejection e) {
            log.warn("complaint {} from 12315 not readable, counted without its 12315 number: {}", event.complaintId(),
                    e.getMessage());
            return null;
        }
    }

    private static LocalDate day(java.time.Instant at) {
        return LocalDate.ofInstant(at, RiskScores.ZONE);
    }
}
