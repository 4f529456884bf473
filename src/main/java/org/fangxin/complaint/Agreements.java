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
import org.fangxin.complaint.workflow.Note;
import org.fangxin.complaint.workflow.CaseAccess;
import org.fangxin.complaint.workflow.CaseDesk;
import org.fangxin.complaint.workflow.AgreedCompensationDesk;
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
 * closes when it is paid; compensation in a case with a card — set aside from the merchant's earned money (now, or by
 * the job once the payable holds it), then paid out by an operator; resumed service (or compensation without a card) —
 * the merchant reports it done and the consumer confirms (or objects). Not performed by the deadline = mediation failed.
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
    private final AgreedCompensationDesk compensations;
    private final IdGenerator ids;
    private final ApplicationEventPublisher events;

    Agreements(CaseRecords records, CaseDesk desk, CaseAccess access, Cards cards, Refunds refunds,
               AgreedCompensationDesk compensations, IdGenerator ids, ApplicationEventPublisher events) {
        this.records = records;
        this.desk = desk;
        this.access = access;
        this.cards = cards;
        this.refunds = refunds;
        this.compensations = compensations;
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
                merchantOffer ? "ACCEPTED" : null, merchantOffer ? now : null, null, null, null, null, null, null, null,
                null, null, null);
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
        CaseRow performing = desk.apply(row, after, party, actor.username(), "agreement-accepted",
                Note.of("agreed." + agreement.remedy()));
        carryOut(performing, agreement);
        return desk.view(desk.find(complaintId));
    }

    /** The merchant reports resumed service or compensation paid (with how): the consumer may confirm or object. */
    public ComplaintView reportPerformed(Actor actor, UUID complaintId, String report) {
        return notePerformance(actor, complaintId, Party.MERCHANT, report, "report",
                (agreementId, text) -> records.reportPerformed(agreementId, text, desk.now()));
    }

    /** The consumer confirms the service resumed or the compensation arrived: the case closes upheld. */
    public ComplaintView confirmPerformed(Actor actor, UUID complaintId) {
        CaseRow row = desk.lock(complaintId);
        Party party = access.act(actor, row);
        AgreementView agreement = performing(row, party, Party.CONSUMER);
        records.confirmPerformed(agreement.id(), desk.now());
        return desk.view(desk.apply(row, row.progress().performed(party, desk.today()), party, actor.username(),
                "agreement-performed", Note.of("confirmed")));
    }

    /** The consumer says the agreement was not carried out: unless that changes, the deadline fails the mediation. */
    public ComplaintView disputePerformance(Actor actor, UUID complaintId, String reason) {
        return notePerformance(actor, complaintId, Party.CONSUMER, reason, "reason",
                (agreementId, text) -> records.disputePerformance(agreementId, text, desk.now()));
    }

    /** One party's word on how the agreement is being carried out, recorded on it; the other party is told. */
    private ComplaintView notePerformance(Actor actor, UUID complaintId, Party expected, String text, String field,
                                          java.util.function.BiConsumer<UUID, String> record) {
        CaseRow row = desk.lock(complaintId);
        Party party = access.act(actor, row);
        AgreementView agreement = performing(row, party, expected);
        record.accept(agreement.id(), Complaints.requireText(text, field));
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
                "agreement-performed", Note.of("refundPaid"));
        return true;
    }

    /**
     * OPERATOR: records paying the set-aside compensation to the consumer (a bank transfer with {@code reference}); the
     * case closes upheld if it was still being performed.
     */
    public ComplaintView recordCompensationPayout(Actor actor, UUID complaintId, String reference) {
        CaseRow row = desk.lock(complaintId);
        Party party = access.act(actor, row);
        AgreementView agreement = records.current(complaintId).filter(AgreementView::accepted)
                .filter(a -> a.remedy() == Remedy.COMPENSATION)
                .orElseThrow(() -> new Rejection(NOT_PERFORMING, "no compensation was agreed in this case"));
        if (party != Party.PLATFORM) {
            throw new Rejection(CaseProgress.OUT_OF_STAGE, "the platform pays compensation out");
        }
        if (!agreement.compensationOwed()) {
            throw new Rejection(NOT_PERFORMING, agreement.compensationPaidAt() != null ? "the compensation was paid already"
                    : "the compensation is not set aside yet: the merchant's earned money does not hold it");
        }
        String ref = Complaints.requireText(reference, "reference");
        compensations.paid(row, agreement, ref, desk.now());
        if (row.progress().stage() == ComplaintStage.PERFORMANCE) {
            desk.apply(row, row.progress().performed(Party.PLATFORM, desk.today()), Party.PLATFORM, actor.username(),
                    "agreement-performed", Note.of("compensationPaid", ref));
        }
        return desk.view(desk.find(complaintId));
    }

    /** Cases whose accepted compensation waits for the merchant's payable to hold it (the job tries them). */
    @Transactional(readOnly = true)
    public java.util.List<UUID> compensationsWaiting(int limit) {
        return records.compensationsWaiting(limit);
    }

    /** Job step: sets the case's accepted compensation aside if the merchant's payable now holds it. */
    public boolean setAsideIfFunded(UUID complaintId) {
        CaseRow row = desk.lock(complaintId);
        AgreementView agreement = records.current(complaintId).filter(AgreementView::accepted).orElse(null);
        return agreement != null && agreement.remedy() == Remedy.COMPENSATION
                && row.progress().stage() == ComplaintStage.PERFORMANCE && compensations.setAside(row, agreement, desk.now());
    }

    private void carryOut(CaseRow row, AgreementView agreement) {
        if (agreement.remedy() == Remedy.REFUND) {
            RefundView refund = refunds.refundByAgreement(row.cardId(), agreement.amount(),
                    "complaint " + row.caseNumber() + " agreement " + agreement.id());
            records.setRefund(agreement.id(), refund.id());
        } else if (agreement.remedy() == Remedy.COMPENSATION) {
            compensations.setAside(row, records.current(row.id()).orElseThrow(), desk.now());
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
        if (agreement.remedy() == Remedy.COMPENSATION && AgreedCompensationDesk.byPlatform(row)) {
            throw new Rejection(NOT_PERFORMING, "the platform pays this compensation from the merchant's earned money");
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
