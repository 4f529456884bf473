package org.fangxin.protection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangxin.card.Cards;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.MerchantStatus;
import org.fangxin.merchant.MerchantScope;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.protection.domain.ClosureCase;
import org.fangxin.protection.domain.SuspicionRule;
import org.fangxin.protection.persistence.ClosureRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.fangxin.shared.web.StoredText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closure cases. A case opens SUSPECTED when the merchant's owner announces closing, when an operator or regulator
 * marks it, or when {@code reportersNeeded} distinct consumers holding a live card there report "store closed" within
 * the window; an operator or regulator then CONFIRMS (the merchant is closed) or CLEARS it, with evidence. While a
 * case is SUSPECTED or CONFIRMED the merchant may not sell ({@link Deposits#maySell}) and its payable is held.
 */
@Service
@Transactional
public class Closures {

    public static final ProblemType CASE_DECIDED = new ProblemType("closure-case-decided", 409);
    public static final ProblemType CASE_OPEN = new ProblemType("closure-case-open", 409);
    public static final ProblemType MERCHANT_CLOSED = new ProblemType("merchant-closed", 409);
    public static final int NOTE_LENGTH_MAX = ClosureCase.EVIDENCE_LENGTH_MAX;
    /** Who opens automatic cases (shown as the opener). */
    public static final String SUSPICION_WATCH = "system:suspicion-watch";
    private static final Logger log = LoggerFactory.getLogger(Closures.class);

    private final ClosureRepository repository;
    private final Merchants merchants;
    private final Cards cards;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final SuspicionRule rule;
    private final StoredText texts;
    private final Shards shards;
    private static final java.util.Comparator<ClosureCaseView> NEWEST_FIRST = java.util.Comparator
            .comparing(ClosureCaseView::openedAt).reversed().thenComparing(ClosureCaseView::id);
    /** Merchants.close is an operator's act; a regulator's confirmation closes the merchant through this actor. */
    private final Actor system = new Actor(UUID.nameUUIDFromBytes("protection-closure".getBytes()),
            "system:protection-closure", Role.OPERATOR, null, null);

    Closures(ClosureRepository repository, Merchants merchants, Cards cards, ApplicationEventPublisher events,
             AuditTrail audit, IdGenerator ids, Clock clock, StoredText texts,
             @Value("${fangxin.protection.closure.reporters-needed:3}") int reportersNeeded,
             @Value("${fangxin.protection.closure.report-window:72h}") Duration window, Shards shards) {
        this.repository = repository;
        this.merchants = merchants;
        this.cards = cards;
        this.events = events;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.rule = new SuspicionRule(reportersNeeded, window);
        this.texts = texts;
        this.shards = shards;
    }

    // ------------------------------------------------------------------ for other modules

    /** The open (SUSPECTED or CONFIRMED) case of a merchant, if any: it freezes sales and payouts. No access check. */
    @Transactional(readOnly = true)
    public Optional<UUID> freezingCase(UUID merchantId) {
        return repository.openCase(merchantId).filter(ClosureCase::freezes).map(ClosureCase::id);
    }

    /**
     * A case as other modules read it (no access check): compensation plans from a confirmed case, insurance dates its
     * claim on the confirmation.
     */
    @Transactional(readOnly = true)
    public Optional<ClosureCaseView> find(UUID caseId) {
        return repository.find(caseId).map(this::view);
    }

    /** When the merchant's period passes stop earning under the case ({@link ClosureCase#earningStopsAt}). No access check. */
    @Transactional(readOnly = true)
    public Instant earningStopsAt(UUID caseId) {
        ClosureCase c = repository.find(caseId).orElseThrow(() -> Rejection.notFound("closure case"));
        return c.earningStopsAt(zoneOf(c.merchantId()));
    }

    /** Every merchant under a freezing case, with the instant its passes stop earning. No access check. */
    @Transactional(readOnly = true)
    public Map<UUID, Instant> earningStops() {
        Map<UUID, Instant> stops = new HashMap<>();
        repository.freezingCases().forEach(c -> stops.merge(c.merchantId(), c.earningStopsAt(zoneOf(c.merchantId())),
                (a, b) -> a.isBefore(b) ? a : b));
        return stops;
    }

    private ZoneId zoneOf(UUID merchantId) {
        return merchants.find(merchantId).map(MerchantView::zone).orElse(ZoneId.of("Asia/Shanghai"));
    }

    // ------------------------------------------------------------------ opening

    /**
     * MERCHANT_OWNER: announces that its merchant closes (or stops selling) on {@code closingOn}, at least 30 days
     * ahead is the rule's notice but an earlier date is accepted and recorded (a merchant leaving fast is exactly the
     * case to freeze). Sales stop at once. Merchants.markClosing is an operator's act, so an operator marks the
     * merchant CLOSING after reading the announcement.
     */
    public ClosureCaseView announce(Actor actor, LocalDate closingOn, String reason) {
        if (!actor.is(Role.MERCHANT_OWNER) || actor.merchantId() == null) {
            throw new Rejection(ProblemType.FORBIDDEN, "only the merchant's owner announces its closing");
        }
        String note = note("reason", reason);
        if (closingOn == null || closingOn.isBefore(LocalDate.now(clock))) {
            throw Rejection.invalid("closingOn", "the closing date is today or later");
        }
        MerchantView merchant = openable(actor.merchantId());
        return view(open(merchant, ClosureSource.ANNOUNCED, closingOn, actor.username(), note));
    }

    /** OPERATOR or REGULATOR (a sector regulator in its sector): opens a SUSPECTED case with evidence. */
    public ClosureCaseView mark(Actor actor, UUID merchantId, String evidence) {
        requireSupervisor(actor);
        String note = note("evidence", evidence);
        MerchantView merchant = merchants.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        requireInSector(actor, merchant);
        openable(merchantId);
        return view(open(merchant, ClosureSource.MARKED, null, actor.username(), note));
    }

    /** The merchant's name if the actor may report it closed (a CONSUMER with a live card there); else 403/404. */
    @Transactional(readOnly = true)
    public String reportable(Actor actor, UUID merchantId) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only consumers report a store closed");
        }
        if (!cards.holdsLiveCardAt(actor.userId(), merchantId)) {
            throw Rejection.notFound("merchant");
        }
        return merchants.find(merchantId).map(MerchantView::legalName).orElseThrow(() -> Rejection.notFound("merchant"));
    }

    /**
     * CONSUMER holding a live card at the merchant: reports the store closed. Enough distinct reporters within the
     * window open a SUSPECTED case; a report while a case is open joins it. Without a live card there: not found.
     */
    public ClosureReportView report(Actor actor, UUID merchantId, String note) {
        if (!actor.is(Role.CONSUMER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only consumers report a store closed");
        }
        if (note != null && note.length() > NOTE_LENGTH_MAX) {
            throw Rejection.invalid("note", "the note is at most " + NOTE_LENGTH_MAX + " characters");
        }
        // Only a cardholder there may report: otherwise anyone could freeze any merchant.
        if (merchantId == null || !cards.holdsLiveCardAt(actor.userId(), merchantId)) {
            throw Rejection.notFound("merchant");
        }
        MerchantView merchant = merchants.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        repository.lockMerchant(merchantId);
        Instant now = clock.instant();
        UUID reportId = ids.next();
        Optional<ClosureCase> open = repository.openCase(merchantId);
        repository.insertReport(reportId, merchantId, actor.userId(), blankToNull(note), now, open.map(ClosureCase::id).orElse(null));
        UUID caseId = open.map(ClosureCase::id).orElse(null);
        if (open.isEmpty() && merchant.status() != MerchantStatus.CLOSED) {
            Instant from = rule.countFrom(now, repository.lastCleared(merchantId).orElse(null));
            long reporters = repository.distinctReporters(merchantId, from);
            if (rule.suspected(reporters)) {
                ClosureCase opened = open(merchant, ClosureSource.REPORTS, null, "system:consumer-reports",
                        rule.window().toHours() + " 小时内有 " + reporters + " 位持卡消费者报告门店已关闭");
                repository.attachReports(merchantId, from, opened.id());
                caseId = opened.id();
            }
        }
        audit.record("protection.closure.reported", "merchant", merchantId, null, Map.of("reportId", reportId));
        return new ClosureReportView(reportId, merchantId, now, caseId);
    }

    /**
     * The suspicion watch (no actor): opens a SUSPECTED case with source AUTOMATIC and the evidence, which freezes the
     * merchant. Empty, writing nothing, when the merchant is unknown or CLOSED or a case is already open (serialised by
     * the merchant lock, so two instances running the watch open one case).
     */
    public Optional<ClosureCaseView> suspect(UUID merchantId, String evidence) {
        return suspect(merchantId, note("evidence", evidence), null, List.of());
    }

    /**
     * As {@link #suspect(UUID, String)}, with evidence another module stores as a message key of its bundle and its
     * arguments (ADR 11; an argument {@code msg:<key>} names a message), shown in the reader's language.
     */
    public Optional<ClosureCaseView> suspect(UUID merchantId, String evidenceKey, List<String> arguments) {
        String note = note("evidence", texts.render(evidenceKey, arguments, Locale.SIMPLIFIED_CHINESE));
        return suspect(merchantId, note, evidenceKey, arguments);
    }

    private Optional<ClosureCaseView> suspect(UUID merchantId, String note, String noteKey, List<String> noteArgs) {
        Optional<MerchantView> merchant = merchants.find(merchantId);
        if (merchant.isEmpty() || merchant.get().status() == MerchantStatus.CLOSED) {
            return Optional.empty();
        }
        repository.lockMerchant(merchantId);
        if (repository.openCase(merchantId).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(view(open(merchant.get(), ClosureSource.AUTOMATIC, null, SUSPICION_WATCH, note, noteKey,
                noteArgs)));
    }

    private ClosureCase open(MerchantView merchant, ClosureSource source, LocalDate closingOn, String by, String note) {
        return open(merchant, source, closingOn, by, note, null, List.of());
    }

    private ClosureCase open(MerchantView merchant, ClosureSource source, LocalDate closingOn, String by, String note,
                             String noteKey, List<String> noteArgs) {
        repository.lockMerchant(merchant.id());
        if (repository.openCase(merchant.id()).isPresent()) {
            throw new Rejection(CASE_OPEN, "a closure case is already open for this merchant",
                    Map.of("caseId", repository.openCase(merchant.id()).get().id()));
        }
        Instant now = clock.instant();
        ClosureCase opened = ClosureCase.open(ids.next(), merchant.id(), source, closingOn, now, by);
        repository.insert(opened);
        repository.insertStep(ids.next(), opened.id(), "OPENED", note, noteKey, noteArgs, by, now);
        audit.record("protection.closure.suspected", "closure-case", opened.id(), null, opened);
        events.publishEvent(new ClosureSuspected(opened.id(), merchant.id(), source, now));
        log.info("closure case {} opened for merchant {} ({})", opened.id(), merchant.id(), source);
        return opened;
    }

    // ------------------------------------------------------------------ deciding

    /** OPERATOR or REGULATOR (its sector): adds an evidence note to a case. */
    public ClosureCaseView addEvidence(Actor actor, UUID caseId, String evidence) {
        ClosureCase c = decidable(actor, caseId, false);
        String note = note("evidence", evidence);
        Instant now = clock.instant();
        repository.insertStep(ids.next(), c.id(), "EVIDENCE", note, actor.username(), now);
        audit.record("protection.closure.evidence", "closure-case", c.id(), null, Map.of("note", note));
        return view(c);
    }

    /** OPERATOR or REGULATOR (its sector): confirms a SUSPECTED case with evidence; the merchant becomes CLOSED. */
    public ClosureCaseView confirm(Actor actor, UUID caseId, String evidence) {
        ClosureCase before = decidable(actor, caseId, true);
        String note = note("evidence", evidence);
        Instant now = clock.instant();
        ClosureCase after = before.confirm(actor.username(), now, note);
        repository.decide(after);
        repository.insertStep(ids.next(), after.id(), "CONFIRMED", note, actor.username(), now);
        MerchantView merchant = merchants.find(after.merchantId()).orElseThrow();
        if (merchant.status() != MerchantStatus.CLOSED) {
            merchants.close(system, merchant.id(), "closure confirmed (case " + after.id() + ") by " + actor.username());
        }
        audit.record("protection.closure.confirmed", "closure-case", after.id(), before, after);
        events.publishEvent(new ClosureConfirmed(after.id(), after.merchantId(), actor.username(), now));
        return view(after);
    }

    /** OPERATOR or REGULATOR (its sector): clears a SUSPECTED case with evidence; the merchant is unfrozen. */
    public ClosureCaseView clear(Actor actor, UUID caseId, String evidence) {
        ClosureCase before = decidable(actor, caseId, true);
        String note = note("evidence", evidence);
        Instant now = clock.instant();
        ClosureCase after = before.clear(actor.username(), now, note);
        repository.decide(after);
        repository.insertStep(ids.next(), after.id(), "CLEARED", note, actor.username(), now);
        audit.record("protection.closure.cleared", "closure-case", after.id(), before, after);
        events.publishEvent(new ClosureCleared(after.id(), after.merchantId(), actor.username(), now));
        return view(after);
    }

    private ClosureCase decidable(Actor actor, UUID caseId, boolean mustBeSuspected) {
        requireSupervisor(actor);
        ClosureCase c = repository.lock(caseId).orElseThrow(() -> Rejection.notFound("closure case"));
        MerchantView merchant = merchants.find(c.merchantId()).orElseThrow(() -> Rejection.notFound("closure case"));
        requireInSector(actor, merchant);
        if (mustBeSuspected && !c.decidable()) {
            throw new Rejection(CASE_DECIDED, "the case is already " + c.status());
        }
        return c;
    }

    // ------------------------------------------------------------------ reading

    /** OPERATOR and REGULATOR (within its region and sector): cases, newest first. */
    @Transactional(readOnly = true)
    public List<ClosureCaseView> cases(Actor actor, boolean openOnly) {
        requireSupervisor(actor);
        MerchantScope scope = MerchantScope.of(actor);
        // Sharded (ADR 12 §8g): each shard answers its newest cases once; the merge keeps the newest CASES_MAX.
        return shards.page((offset, limit) -> repository.cases(openOnly).stream()
                        .filter(c -> scope.all() || merchants.find(c.merchantId()).map(scope::covers).orElse(false))
                        .map(this::view).toList(),
                NEWEST_FIRST, 0, ClosureRepository.CASES_MAX);
    }

    /** A case: OPERATOR, REGULATOR (its sector) and the merchant's own owner and staff; others → not found / forbidden. */
    @Transactional(readOnly = true)
    public ClosureCaseView view(Actor actor, UUID caseId) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR) && !actor.role().isMerchantSide()) {
            throw new Rejection(ProblemType.FORBIDDEN, "closure cases are for operators, regulators and the merchant");
        }
        ClosureCase c = repository.find(caseId).orElseThrow(() -> Rejection.notFound("closure case"));
        MerchantView merchant = merchants.find(c.merchantId()).orElseThrow(() -> Rejection.notFound("closure case"));
        boolean visible = switch (actor.role()) {
            case OPERATOR -> true;
            case REGULATOR -> MerchantScope.of(actor).covers(merchant);
            default -> actor.worksFor(c.merchantId());
        };
        if (!visible) {
            throw Rejection.notFound("closure case");
        }
        return view(c);
    }

    /** The merchant's own cases (owner and staff). */
    @Transactional(readOnly = true)
    public List<ClosureCaseView> mine(Actor actor) {
        if (!actor.role().isMerchantSide() || actor.merchantId() == null) {
            throw new Rejection(ProblemType.FORBIDDEN, "only the merchant's people see its closure cases");
        }
        return repository.casesOf(actor.merchantId()).stream().map(this::view).toList();
    }

    private ClosureCaseView view(ClosureCase c) {
        String name = merchants.find(c.merchantId()).map(MerchantView::legalName).orElse("?");
        return new ClosureCaseView(c.id(), c.merchantId(), name, c.status(), c.source(), c.closingOn(), c.openedAt(),
                c.openedBy(), c.decidedAt(), c.decidedBy(), repository.reporters(c.id()), repository.steps(c.id()));
    }

    private MerchantView openable(UUID merchantId) {
        MerchantView merchant = merchants.find(merchantId).orElseThrow(() -> Rejection.notFound("merchant"));
        if (merchant.status() == MerchantStatus.CLOSED) {
            throw new Rejection(MERCHANT_CLOSED, "the merchant is already CLOSED");
        }
        return merchant;
    }

    private static String note(String field, String text) {
        if (!ClosureCase.validEvidence(text)) {
            throw Rejection.invalid(field, "1 to " + NOTE_LENGTH_MAX + " characters are required");
        }
        return text.trim();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static void requireSupervisor(Actor actor) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators and regulators handle closure cases");
        }
    }

    private static void requireInSector(Actor actor, MerchantView merchant) {
        if (actor.is(Role.REGULATOR) && !MerchantScope.of(actor).covers(merchant)) {
            throw Rejection.notFound("merchant");
        }
    }
}
