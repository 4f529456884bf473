package org.fangxin.complaint;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.CardStatus;
import org.fangxin.card.CardView;
import org.fangxin.card.Cards;
import org.fangxin.complaint.domain.CaseProgress;
import org.fangxin.complaint.domain.Party;
import org.fangxin.complaint.persistence.CaseRecords;
import org.fangxin.complaint.persistence.CaseRow;
import org.fangxin.complaint.workflow.CaseAccess;
import org.fangxin.complaint.workflow.CaseDesk;
import org.fangxin.complaint.workflow.Intake;
import org.fangxin.identity.Actor;
import org.fangxin.refund.RefundView;
import org.fangxin.refund.Refunds;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Agreements: the merchant offers one in negotiation, the stage's mediator proposes one in mediation; the consumer and
 * the merchant each accept or reject it. Once both accepted, the case moves to PERFORMANCE and the platform carries the
 * agreement out in the same transaction: a refund through the refund module (the agreed amount, no fee) — the case
 * closes when it is paid; resumed service or compensation — the merchant reports it done and the consumer confirms (or
 * objects). Not performed by the performance deadline = mediation failed.
 */
@Service
@Transactional
public class Agreements {

    public static final ProblemType NOT_PROPOSED = new ProblemType("agreement-not-proposed", 409);
    public static final ProblemType ALREADY_ANSWERED = new ProblemType("agreement-already-answered", 409);
    public static final ProblemType NOT_PERFORMING = new ProblemType("agreement-not-being-performed", 409);
    public static final int TERMS_LENGTH_MAX = 2000;

    private final CaseRecords records;
    private final CaseDesk desk;
    private final CaseAccess access;
    private final Cards cards;
    private final Refunds refunds;
    private final IdGenerator ids;
    private final ApplicationEventPublisher events;

    Agreements(CaseRecords records, CaseDesk desk, CaseAccess access, Cards cards, Refunds refunds, IdGenerator ids,
               ApplicationEventPublisher events) {
        this.records = records;
        this.desk = desk;
        this.access = access;
        this.cards = cards;
        this.refunds = refunds;
        this.ids = ids;
        this.events = events;
    }

    /**
     * Proposes an agreement: the merchant in negotiation (its own acceptance implied), the platform, association or
     * regulator in its mediation. A proposal still open is superseded.
     */
    public ComplaintView propose(Actor actor, UUID complaintId, ProposeAgreement command) {
        CaseRow row = desk.lock(complaintId);
        Party party = access.act(actor, row);
        CaseProgress progress = row.progress();
        boolean merchantOffer = party == Party.MERCHANT && progress.stage() == ComplaintStage.MERCHANT_NEGOTIATION;
        if (!progress.stage().negotiable() || !(merchantOffer || progress.handles(party))) {
            throw new Rejection(CaseProgress.OUT_OF_STAGE, party + " may not propose an agreement in " + progress.stage());
        }
        validate(row, command);
        records.current(complaintId).filter(AgreementView::proposed)
                .ifPresent(open -> records.setStatus(open.id(), "SUPERSEDED", null));
        Instant now = desk.now();
        AgreementView agreement = new AgreementView(ids.next(), complaintId, progress.stage(), command.remedy(),
                command.amount(), command.terms().strip(), actor.username(), party.name(), now, "PROPOSED", null, null,
                merchantOffer ? "ACCEPTED" : null, merchantOffer ? now : null, null, null, null, null, null, null, null);
        records.insertAgreement(agreement);
        events.publishEvent(new AgreementProposed(complaintId, row.caseNumber(), row.merchantId(), row.consumerId(),
                agreement.id(), command.remedy(), command.amount(), party.name(), now));
        return desk.view(desk.find(complaintId));
    }

    /**
     * The consumer or the merchant accepts or rejects the proposed agreement. The second acceptance moves the case to
     * PERFORMANCE and carries the agreement out (a refund is requested at once).
     */
    public ComplaintView answer(Actor actor, UUID complaintId, boolean accept, String reason) {
        CaseRow row = desk.lock(complaintId);
        Party party = access.act(actor, row);
        if (party != Party.CONSUMER && party != Party.MERCHANT) {
            throw new Rejection(CaseProgress.OUT_OF_STAGE, "the consumer and the merchant answer a proposed agreement");
        }
        AgreementView agreement = records.current(complaintId).filter(AgreementView::proposed)
                .orElseThrow(() -> new Rejection(NOT_PROPOSED, "no agreement is proposed in this case"));
        boolean consumer = party == Party.CONSUMER;
        if ((consumer ? agreement.consumerDecision() : agreement.merchantDecision()) != null) {
            throw new Rejection(ALREADY_ANSWERED, "you answered this agreement already");
        }
        Instant now = desk.now();
        records.answer(agreement.id(), consumer, accept ? "ACCEPTED" : "REJECTED", now);
        if (!accept) {
            records.setStatus(agreement.id(), "REJECTED", Complaints.blankToNull(reason));
            events.publishEvent(new AgreementRejected(complaintId, row.caseNumber(), row.merchantId(), row.consumerId(),
                    agreement.id(), party.name(), now));
            return desk.view(desk.find(complaintId));
        }
        String other = consumer ? agreement.merchantDecision() : agreement.consumerDecision();
        if (!"ACCEPTED".equals(other)) {
            return desk.view(desk.find(complaintId));
        }
        records.setStatus(agreement.id(), "ACCEPTED", null);
        CaseProgress after = row.progress().agree(party, desk.today(), desk.schedule(row.regionCode()));
        CaseRow performing = desk.apply(row, after, party, actor.username(), "agreement-accepted", agreement.remedy().name());
        carryOut(performing, agreement);
        return desk.view(desk.find(complaintId));
    }

    /** The merchant reports resumed service or compensation paid (with how): the consumer may confirm or object. */
    public ComplaintView reportPerformed(Actor actor, UUID complaintId, String report) {
        CaseRow row = desk.lock(complaintId);
        Party party = access.act(actor, row);
        AgreementView agreement = performing(row, party, Party.MERCHANT);
        records.reportPerformed(agreement.id(), Complaints.requireText(report, "report"), desk.now());
        events.publishEvent(new ComplaintMessagePosted(complaintId, row.caseNumber(), row.merchantId(), row.consumerId(),
                party.name(), desk.now()));
        return desk.view(desk.find(complaintId));
    }

    /** The consumer confirms the service resumed or the compensation arrived: the case closes upheld. */
    public ComplaintView confirmPerformed(Actor actor, UUID complaintId) {
        CaseRow row = desk.lock(complaintId);
        Party party = access.act(actor, row);
        AgreementView agreement = performing(row, party, Party.CONSUMER);
        records.confirmPerformed(agreement.id(), desk.now());
        return desk.view(desk.apply(row, row.progress().performed(party, desk.today()), party, actor.username(),
                "agreement-performed", "confirmed by the consumer"));
    }

    /** The consumer says the agreement was not carried out: unless that changes, the deadline fails the mediation. */
    public ComplaintView disputePerformance(Actor actor, UUID complaintId, String reason) {
        CaseRow row = desk.lock(complaintId);
        Party party = access.act(actor, row);
        AgreementView agreement = performing(row, party, Party.CONSUMER);
        records.disputePerformance(agreement.id(), Complaints.requireText(reason, "reason"), desk.now());
        events.publishEvent(new ComplaintMessagePosted(complaintId, row.caseNumber(), row.merchantId(), row.consumerId(),
                party.name(), desk.now()));
        return desk.view(desk.find(complaintId));
    }

    /** The refund that carries out an agreement was paid (listener, at least once): the case closes upheld. */
    public boolean refundPaid(UUID refundId) {
        Optional<AgreementView> agreement = records.byRefund(refundId);
        if (agreement.isEmpty()) {
            return false;
        }
        CaseRow row = desk.lock(agreement.get().complaintId());
        if (row.progress().stage() != ComplaintStage.PERFORMANCE) {
            return false;
        }
        desk.apply(row, row.progress().performed(Party.PLATFORM, desk.today()), Party.PLATFORM, "system",
                "agreement-performed", "refund " + refundId + " paid");
        return true;
    }

    private void carryOut(CaseRow row, AgreementView agreement) {
        if (agreement.remedy() == Remedy.REFUND) {
            RefundView refund = refunds.refundByAgreement(row.cardId(), agreement.amount(),
                    "complaint " + row.caseNumber() + " agreement " + agreement.id());
            records.setRefund(agreement.id(), refund.id());
        }
    }

    private AgreementView performing(CaseRow row, Party party, Party expected) {
        if (party != expected) {
            throw new Rejection(CaseProgress.OUT_OF_STAGE, "this step is the " + expected.name().toLowerCase() + "'s");
        }
        AgreementView agreement = records.current(row.id()).filter(AgreementView::accepted)
                .filter(a -> row.progress().stage() == ComplaintStage.PERFORMANCE)
                .orElseThrow(() -> new Rejection(NOT_PERFORMING, "no agreement is being carried out in this case"));
        if (agreement.remedy() == Remedy.REFUND) {
            throw new Rejection(NOT_PERFORMING, "a refund is carried out by the platform: the case closes when it is paid");
        }
        return agreement;
    }

    private void validate(CaseRow row, ProposeAgreement command) {
        if (command == null || command.remedy() == null) {
            throw Rejection.invalid("remedy", "REFUND, RESUME_SERVICE or COMPENSATION");
        }
        String terms = command.terms() == null ? "" : command.terms().strip();
        if (terms.length() < 2 || terms.length() > TERMS_LENGTH_MAX) {
            throw Rejection.invalid("terms", "the terms in 2 to " + TERMS_LENGTH_MAX + " characters");
        }
        Money amount = command.amount();
        switch (command.remedy()) {
            case RESUME_SERVICE -> {
                if (amount != null) {
                    throw Rejection.invalid("amount", "resuming the service carries no amount");
                }
            }
            case COMPENSATION -> Intake.validateAsk(requireAmount(amount), null);
            case REFUND -> {
                CardView card = row.cardId() == null ? null : cards.find(row.cardId()).orElse(null);
                if (card == null || card.status() != CardStatus.ACTIVE) {
                    throw Rejection.invalid("remedy", "a refund needs an active card in the case");
                }
                Money asked = requireAmount(amount);
                if (!asked.isPositive() || asked.compareTo(card.unredeemed()) > 0) {
                    throw new Rejection(ProblemType.INVALID_INPUT, "a refund is more than zero and at most the card's "
                            + "unredeemed value " + card.unredeemed().format(),
                            Map.of("field", "amount", "unredeemedMinor", card.unredeemed().amountMinor()));
                }
            }
        }
    }

    private static Money requireAmount(Money amount) {
        if (amount == null || !amount.currency().equals(Money.CNY)) {
            throw Rejection.invalid("amount", "an amount in CNY");
        }
        return amount;
    }
}
