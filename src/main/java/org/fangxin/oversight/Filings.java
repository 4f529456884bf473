package org.fangxin.oversight;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.MerchantScope;
import org.fangxin.oversight.filing.FilingRepository;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.Money;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.fangxin.shared.Shards;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Filings (备案, docs/oversight.md): opened by the daily snapshot when a merchant starts selling or its balance passes
 * another threshold of the rule table; the merchant's owner files, a regulator whose scope covers the merchant
 * acknowledges or asks for corrections; an overdue filing blocks new sales where its rule says so (card's
 * {@code SalesBlocks}). The merchant's people see their own filings; regulators and the association those in scope.
 */
@Service
public class Filings {

    public static final ProblemType NOT_OPEN = new ProblemType("filing-not-open", 409);
    public static final ProblemType NOT_SUBMITTED = new ProblemType("filing-not-submitted", 409);
    static final int TEXT_MAX = 2000;
    static final int LIST_MAX = 500;
    private static final Set<String> STATUSES = Set.of("DUE", "SUBMITTED", "ACKNOWLEDGED", "CORRECTIONS_REQUESTED");

    private final FilingRepository repository;
    private final Regions regions;
    private final AuditTrail audit;
    private final Shards shards;
    private final Clock clock;
    private final IdGenerator ids;

    Filings(FilingRepository repository, Regions regions, AuditTrail audit, Shards shards, Clock clock, IdGenerator ids) {
        this.repository = repository;
        this.ids = ids;
        this.shards = shards;
        this.regions = regions;
        this.audit = audit;
        this.clock = clock;
    }

    /** Filings the caller sees, open ones first; {@code status} filters (null: all). */
    @Transactional(readOnly = true)
    public List<FilingView> list(Actor actor, String status, Locale locale) {
        if (status != null && !STATUSES.contains(status)) {
            throw Rejection.invalid("status", "status must be one of " + new java.util.TreeSet<>(STATUSES));
        }
        List<FilingRepository.Row> rows;
        if (actor.role().isMerchantSide()) {
            rows = repository.list("%", null, actor.merchantId(), status, LIST_MAX);
        } else {
            OversightScope scope = OversightScope.of(actor, null, null);
            // filings are sharded by merchant: each shard's first rows, merged (ADR 12 §8e)
            rows = shards.page((offset, first) -> repository.list(scope.regionPrefix(), scope.sector(), null, status, first),
                    FilingRepository.LIST_ORDER, 0, LIST_MAX);
        }
        return rows.stream().map(r -> view(r, locale)).toList();
    }

    @Transactional(readOnly = true)
    public FilingView view(Actor actor, UUID filingId, Locale locale) {
        return whereFiled(filingId, () -> view(readable(actor, repository.find(filingId)), locale));
    }

    /** The merchant's owner files (a DUE filing, or one sent back for corrections). */
    @Transactional
    public FilingView submit(Actor actor, UUID filingId, FilingView.Submission filed, Locale locale) {
        if (!actor.is(Role.MERCHANT_OWNER)) {
            throw new Rejection(ProblemType.FORBIDDEN, "the merchant's owner files");
        }
        return whereFiled(filingId, () -> submitHere(actor, filingId, filed, locale));
    }

    private FilingView submitHere(Actor actor, UUID filingId, FilingView.Submission filed, Locale locale) {
        FilingRepository.Row row = readable(actor, repository.lock(filingId));
        if (!"DUE".equals(row.status()) && !"CORRECTIONS_REQUESTED".equals(row.status())) {
            throw new Rejection(NOT_OPEN, "the filing is " + row.status() + ": nothing to file");
        }
        FilingView.Submission clean = new FilingView.Submission(required(filed.products(), "products"),
                required(filed.escrowBank(), "escrowBank"), optional(filed.depositNote(), "depositNote"),
                optional(filed.insuranceNote(), "insuranceNote"));
        repository.submit(filingId, clean, actor.username(), clock.instant());
        audit.record("filing.submitted", "filing", filingId, Map.of("status", row.status()), Map.of("status", "SUBMITTED"));
        return view(repository.find(filingId).orElseThrow(), locale);
    }

    /** A regulator whose scope covers the merchant acknowledges a submitted filing (sales blocked by it resume). */
    @Transactional
    public FilingView acknowledge(Actor actor, UUID filingId, String note, Locale locale) {
        return answer(actor, filingId, "ACKNOWLEDGED", optional(note, "note"), locale);
    }

    /** ... or sends it back: the merchant corrects it, by a new due day; the note says what to correct. */
    @Transactional
    public FilingView requestCorrections(Actor actor, UUID filingId, String note, Locale locale) {
        return answer(actor, filingId, "CORRECTIONS_REQUESTED", required(note, "note"), locale);
    }

    /** Opens the filings the day's snapshot makes due (the snapshot job's last step). */
    @Transactional
    public int openDue(LocalDate day) {
        return repository.openDue(day, clock.instant(), ids::nextFor);
    }

    /** Why the merchant may not sell now (an overdue filing whose rule blocks), or null. */
    @Transactional(readOnly = true)
    public String reasonToBlock(UUID merchantId) {
        return repository.blocksSales(merchantId, today()) ? "a filing (备案) with the regulator is overdue" : null;
    }

    private FilingView answer(Actor actor, UUID filingId, String status, String note, Locale locale) {
        if (!actor.is(Role.REGULATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "a regulator answers filings");
        }
        return whereFiled(filingId, () -> answerHere(actor, filingId, status, note, locale));
    }

    /**
     * Runs {@code work} where the filing is kept. A filing id made by {@link #openDue} carries its merchant's gene, so
     * the request is routed to that shard already; one made before (in SQL, no gene) may live on another, so each shard
     * is asked once and the work runs on the one that has it (ADR 12 §8e). With one database: in place.
     */
    private <T> T whereFiled(UUID filingId, java.util.function.Supplier<T> work) {
        if (shards.count() == 1 || repository.find(filingId).isPresent()) {
            return work.get();
        }
        return shards.each(() -> repository.find(filingId).map(found -> work.get())).stream()
                .flatMap(java.util.Optional::stream).findFirst().orElseThrow(() -> Rejection.notFound("filing"));
    }

    private FilingView answerHere(Actor actor, UUID filingId, String status, String note, Locale locale) {
        FilingRepository.Row row = readable(actor, repository.lock(filingId));
        if (!"SUBMITTED".equals(row.status())) {
            throw new Rejection(NOT_SUBMITTED, "the filing is " + row.status() + ": only a submitted filing is answered");
        }
        repository.answer(filingId, status, note, actor.username(), clock.instant());
        audit.record("filing.answered", "filing", filingId, Map.of("status", row.status()), Map.of("status", status));
        return view(repository.find(filingId).orElseThrow(), locale);
    }

    private FilingRepository.Row readable(Actor actor, java.util.Optional<FilingRepository.Row> found) {
        FilingRepository.Row row = found.orElseThrow(() -> Rejection.notFound("filing"));
        boolean visible;
        if (actor.role().isMerchantSide()) {
            visible = actor.worksFor(row.merchantId());
        } else {
            OversightScope.of(actor, null, null);
            visible = MerchantScope.of(actor).covers(row.regionCode(), row.sector());
        }
        if (!visible) {
            throw Rejection.notFound("filing");
        }
        return row;
    }

    private FilingView view(FilingRepository.Row r, Locale locale) {
        return new FilingView(r.id(), r.merchantId(), r.merchantName(), r.regionCode(), regions.fullName(r.regionCode(), locale),
                r.sector(), r.trigger(), r.step(), r.status(), r.dueOn(), r.overdue(today()), Money.fen(r.outstandingMinor()),
                r.products(), r.escrowBank(), r.depositNote(), r.insuranceNote(), r.submittedAt(), r.answeredAt(),
                r.answeredBy(), r.regulatorNote());
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(BalanceDashboard.SHANGHAI));
    }

    private static String required(String text, String field) {
        String value = optional(text, field);
        if (value == null) {
            throw Rejection.invalid(field, field + " is required");
        }
        return value;
    }

    private static String optional(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > TEXT_MAX) {
            throw Rejection.invalid(field, field + " must be at most " + TEXT_MAX + " characters");
        }
        return text.trim();
    }
}
