package org.fangxin.complaint;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangxin.complaint.domain.CaseProgress;
import org.fangxin.complaint.domain.Party;
import org.fangxin.complaint.persistence.CaseRecords;
import org.fangxin.complaint.persistence.CaseRepository;
import org.fangxin.complaint.persistence.CaseRow;
import org.fangxin.complaint.workflow.Note;
import org.fangxin.complaint.workflow.CaseAccess;
import org.fangxin.complaint.workflow.CaseDesk;
import org.fangxin.complaint.workflow.EvidenceDesk;
import org.fangxin.complaint.workflow.Intake;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.fangxin.card.RedemptionDisputes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The complaint facade: consumers file complaints (with evidence) about their cards, redemptions, refunds or a
 * merchant; each party and handler reads the cases it may see (another tenant's case is "not found"), writes messages
 * and adds evidence; the merchant may refuse, the consumer may escalate (once the merchant refused or its deadline
 * passed) or withdraw. Mediation steps are in {@link Mediations}, agreements in {@link Agreements}. Every step runs under
 * the case's row lock in one transaction; a refused step writes nothing.
 */
@Service
@Transactional
public class Complaints {

    public static final ProblemType CASE_CLOSED = new ProblemType("complaint-closed", 409);
    public static final int LIST_SIZE_MAX = 200;
    public static final int MESSAGE_LENGTH_MAX = 2000;

    private final CaseRepository cases;
    private final CaseRecords records;
    private final CaseDesk desk;
    private final CaseAccess access;
    private final Intake intake;
    private final EvidenceDesk evidence;
    private final RedemptionDisputes disputes;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final ApplicationEventPublisher events;
    private final Shards shards;

    Complaints(CaseRepository cases, CaseRecords records, CaseDesk desk, CaseAccess access, Intake intake,
               EvidenceDesk evidence, RedemptionDisputes disputes, AuditTrail audit, IdGenerator ids,
               ApplicationEventPublisher events, Shards shards) {
        this.shards = shards;
        this.cases = cases;
        this.records = records;
        this.desk = desk;
        this.access = access;
        this.intake = intake;
        this.evidence = evidence;
        this.disputes = disputes;
        this.audit = audit;
        this.ids = ids;
        this.events = events;
    }

    /** CONSUMER: files a complaint about their own card, redemption, refund or a merchant. */
    public ComplaintView file(Actor actor, FileComplaint command) {
        return file(actor, command, List.of());
    }

    /**
     * CONSUMER: files a complaint with evidence files, all or nothing. A complaint about a redemption holds its release
     * (the card's dispute hold); one about a refund holds what is asked (at most the refund's unredeemed value) from the
     * merchant's payouts while the case is open.
     */
    public ComplaintView file(Actor actor, FileComplaint command, List<EvidenceUpload> files) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only consumers file complaints");
        }
        Intake.Subject subject = intake.resolve(actor, command);
        evidence.check(files == null ? List.of() : files, 0);
        UUID id = ids.next();
        String number = desk.caseNumber(id);
        boolean held = subject.redemption() != null
                && disputes.hold(subject.redemption().id(), "complaint " + number);
        Money hold = Money.zero(Money.CNY);
        if (subject.refund() != null) {
            Money disputed = command.asked() == null ? subject.refund().unredeemed() : command.asked();
            hold = disputed.min(subject.refund().unredeemed());
        }
        var merchant = subject.merchant();
        CaseProgress progress = CaseProgress.filed(desk.today(), desk.schedule(merchant.regionCode()));
        CaseRow row = new CaseRow(id, number, "PLATFORM", null, actor.userId(), null, actor.username(), merchant.id(),
                merchant.legalName(), merchant.sector().name(), merchant.regionCode(),
                subject.card() == null ? null : subject.card().id(),
                subject.redemption() == null ? null : subject.redemption().id(),
                subject.refund() == null ? null : subject.refund().id(), command.subject(), command.category(),
                command.asked(), blankToNull(command.askedAction()), command.description().strip(), progress, held, hold,
                desk.now(), desk.today(), null, null, null, false, false, false, 0);
        desk.open(row, Party.CONSUMER, actor.username(), Note.NONE);
        for (EvidenceUpload file : files == null ? List.<EvidenceUpload>of() : files) {
            evidence.store(id, Party.CONSUMER, actor.userId(), file, desk.now());
        }
        return desk.view(cases.find(id).orElseThrow());
    }

    /** The case as the actor may see it. */
    @Transactional(readOnly = true)
    public ComplaintView view(Actor actor, UUID complaintId) {
        CaseRow row = desk.find(complaintId);
        access.require(actor, row);
        return desk.view(row);
    }

    /**
     * The cases the actor sees, newest first for the parties, open ones first for handlers; {@code stage} filters (null:
     * all). Consumers: their own; the merchant's people: their merchant's; operators: cases that reached the platform;
     * the association: cases that reached it (in its region); regulators: those of their region and sector.
     */
    @Transactional(readOnly = true)
    public List<ComplaintView> list(Actor actor, ComplaintStage stage, int limit) {
        int size = Math.min(Math.max(limit, 1), LIST_SIZE_MAX);
        if (actor.is(Role.MERCHANT_OWNER, Role.MERCHANT_STAFF)) {
            return views(cases.ofMerchant(actor.merchantId(), size), stage);
        }
        if (!actor.is(Role.CONSUMER, Role.OPERATOR, Role.ASSOCIATION, Role.REGULATOR)) {
            throw CaseAccess.forbidden();
        }
        String mobile = actor.is(Role.CONSUMER) ? access.mobileOf(actor) : null;
        // cases at every merchant: each shard answers its first rows in the list's order, the merge is cut (ADR 12 §8f)
        return shards.page((offset, rows) -> views(acrossMerchants(actor, mobile, stage, rows), stage),
                actor.is(Role.CONSUMER) ? NEWEST_FIRST : OPEN_FIRST, 0, size);
    }

    /** The consumer's list: newest first. */
    private static final Comparator<ComplaintView> NEWEST_FIRST = Comparator.comparing(ComplaintView::filedAt)
            .thenComparing(view -> view.id().toString()).reversed();
    /** A handler's queue: open cases first, then the oldest filed first. */
    private static final Comparator<ComplaintView> OPEN_FIRST = Comparator
            .comparing((ComplaintView view) -> view.stage() == ComplaintStage.CLOSED).thenComparing(ComplaintView::filedAt)
            .thenComparing(view -> view.id().toString());

    private List<CaseRow> acrossMerchants(Actor actor, String mobile, ComplaintStage stage, int size) {
        return switch (actor.role()) {
            case CONSUMER -> cases.ofConsumer(actor.userId(), mobile, size);
            case OPERATOR -> cases.reached("reached_platform", null, stage, size);
            case ASSOCIATION -> cases.reached("reached_association", null, CaseAccess.regionPattern(actor), stage, size);
            case REGULATOR -> cases.reached("true", actor.sector(), CaseAccess.regionPattern(actor), stage, size);
            default -> throw CaseAccess.forbidden();
        };
    }

    private List<ComplaintView> views(List<CaseRow> rows, ComplaintStage stage) {
        return rows.stream().filter(r -> stage == null || r.progress().stage() == stage).map(desk::view).toList();
    }

    /** The actor's part in the case: CONSUMER, MERCHANT, PLATFORM, ASSOCIATION or REGULATOR ("not found" if none). */
    @Transactional(readOnly = true)
    public String partyOf(Actor actor, UUID complaintId) {
        return access.require(actor, desk.find(complaintId)).name();
    }

    /** Today in Shanghai, the day deadlines are counted against. */
    public java.time.LocalDate today() {
        return desk.today();
    }

    /** The case's timeline (stage changes, including the deadline job's). */
    @Transactional(readOnly = true)
    public List<StageChangeView> timeline(Actor actor, UUID complaintId) {
        access.require(actor, desk.find(complaintId));
        return cases.stageChanges(complaintId);
    }

    @Transactional(readOnly = true)
    public List<MessageView> messages(Actor actor, UUID complaintId) {
        access.require(actor, desk.find(complaintId));
        return records.messages(complaintId);
    }

    /** Any party or handler of an open case writes to the others. */
    public MessageView post(Actor actor, UUID complaintId, String body) {
        CaseRow row = desk.lock(complaintId);
        Party party = access.act(actor, row);
        requireOpen(row);
        String text = body == null ? "" : body.strip();
        if (text.isEmpty() || text.length() > MESSAGE_LENGTH_MAX) {
            throw Rejection.invalid("body", "a message of 1 to " + MESSAGE_LENGTH_MAX + " characters");
        }
        MessageView message = message(row, party, actor, text);
        events.publishEvent(new ComplaintMessagePosted(row.id(), row.caseNumber(), row.merchantId(), row.consumerId(),
                party.name(), message.postedAt()));
        return message;
    }

    @Transactional(readOnly = true)
    public List<EvidenceView> evidence(Actor actor, UUID complaintId) {
        access.require(actor, desk.find(complaintId));
        return records.evidence(complaintId);
    }

    /** One evidence file with its bytes, for the case's parties and handlers only. */
    @Transactional(readOnly = true)
    public EvidenceFile evidenceFile(Actor actor, UUID complaintId, UUID evidenceId) {
        access.require(actor, desk.find(complaintId));
        return records.evidenceFile(complaintId, evidenceId).orElseThrow(() -> Rejection.notFound("evidence " + evidenceId));
    }

    /** A party or handler adds evidence to an open case (the same file twice is kept once). */
    public EvidenceView attach(Actor actor, UUID complaintId, EvidenceUpload file) {
        CaseRow row = desk.lock(complaintId);
        Party party = access.act(actor, row);
        requireOpen(row);
        evidence.check(List.of(file), records.evidenceCount(complaintId));
        EvidenceView stored = evidence.store(complaintId, party, actor.userId(), file, desk.now());
        audit.record("complaint.evidence-added", "complaint", complaintId, null,
                Map.of("evidenceId", stored.id().toString(), "sha256", stored.sha256(), "party", party.name()));
        return stored;
    }

    /** The merchant says no in negotiation (with a reason, kept as a message): the consumer may escalate at once. */
    public ComplaintView refuse(Actor actor, UUID complaintId, String reason) {
        CaseRow row = desk.lock(complaintId);
        Party party = access.act(actor, row);
        String text = requireText(reason, "reason");
        CaseRow saved = desk.apply(row, row.progress().refusedByMerchant(party), party, actor.username(),
                "merchant-refused", Note.typed(text));
        message(row, party, actor, text);
        events.publishEvent(new ComplaintMessagePosted(row.id(), row.caseNumber(), row.merchantId(), row.consumerId(),
                party.name(), desk.now()));
        return desk.view(saved);
    }

    /**
     * Escalates the case to {@code to}: the consumer once the merchant refused or the stage's deadline passed, the
     * platform from its mediation to the association or the regulator at any time.
     */
    public ComplaintView escalate(Actor actor, UUID complaintId, ComplaintStage to, String note) {
        CaseRow row = desk.lock(complaintId);
        Party party = access.act(actor, row);
        if (to == null) {
            throw Rejection.invalid("to", "name the stage to escalate to");
        }
        CaseProgress after = row.progress().escalate(to, party, desk.today(), desk.schedule(row.regionCode()));
        return desk.view(desk.apply(row, after, party, actor.username(), "escalated", Note.typed(note)));
    }

    /** The consumer withdraws an open complaint (not while an agreement is carried out). */
    public ComplaintView withdraw(Actor actor, UUID complaintId, String note) {
        CaseRow row = desk.lock(complaintId);
        Party party = access.act(actor, row);
        return desk.view(desk.apply(row, row.progress().withdraw(party, desk.today()), party, actor.username(),
                "withdrawn", Note.typed(note)));
    }

    // ---- the deadline job

    /** Open cases whose deadline passed (the job re-checks each under its lock). */
    @Transactional(readOnly = true)
    public List<UUID> due(int limit) {
        return cases.dueBefore(desk.today(), limit);
    }

    /**
     * Job step: if the case's deadline passed, takes the step it calls for (escalate, deem accepted, fail, or close a
     * performed agreement); answers whether it did. Safe to run twice or on two instances: the case row is locked and
     * re-checked.
     */
    public boolean lapse(UUID complaintId) {
        CaseRow row = desk.lock(complaintId);
        if (!row.progress().deadlinePassed(desk.today())) {
            return false;
        }
        // a refund is performed only when paid (the case closed then); compensation with a card once set aside from the
        // merchant's earned money (paying it out is the platform's part); resumed service and compensation without a
        // card when the merchant reported it and the consumer did not object
        boolean performed = records.current(complaintId).filter(AgreementView::accepted)
                .filter(a -> a.remedy() != Remedy.REFUND)
                .map(a -> a.remedy() == Remedy.COMPENSATION && row.cardId() != null ? a.compensationSetAsideAt() != null
                        : a.merchantReportedAt() != null && a.consumerDisputedAt() == null)
                .orElse(false);
        CaseProgress after = row.progress().lapse(desk.today(), performed, desk.schedule(row.regionCode()));
        var passed = row.progress().openDeadline().orElseThrow();
        desk.apply(row, after, Party.DEADLINE, "system", "deadline-passed",
                Note.of("deadline." + passed.kind(), passed.dueOn()));
        return true;
    }

    /** Open cases whose deadline is counted across {@code day} (after the calendar changed there). */
    @Transactional(readOnly = true)
    public List<UUID> countedAcross(java.time.LocalDate day, int limit) {
        return cases.countedAcross(day, limit);
    }

    /** Counts the case's open deadline again in the current calendar; answers whether its due day moved. */
    public boolean recount(UUID complaintId) {
        CaseRow row = desk.lock(complaintId);
        CaseProgress after = row.progress().recount(desk.schedule(row.regionCode()).calendar());
        if (after.equals(row.progress())) {
            return false;
        }
        desk.apply(row, after, Party.DEADLINE, "system", "deadline-recounted", Note.of("recounted"));
        return true;
    }

    // ---- helpers

    private MessageView message(CaseRow row, Party party, Actor actor, String text) {
        MessageView message = new MessageView(ids.next(), row.id(), actor.username(), party.name(), text, desk.now());
        records.insertMessage(message, actor.userId());
        return message;
    }

    static void requireOpen(CaseRow row) {
        if (!row.progress().stage().open()) {
            throw new Rejection(CASE_CLOSED, "complaint " + row.caseNumber() + " is closed (" + row.progress().outcome() + ")");
        }
    }

    static String requireText(String text, String field) {
        String value = text == null ? "" : text.strip();
        if (value.length() < 2 || value.length() > 1000) {
            throw Rejection.invalid(field, "2 to 1000 characters");
        }
        return value;
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
