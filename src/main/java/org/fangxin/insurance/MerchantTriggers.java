package org.fangxin.insurance;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fangxin.identity.Actor;
import org.fangxin.identity.Role;
import org.fangxin.merchant.MerchantView;
import org.fangxin.merchant.Merchants;
import org.fangxin.protection.Closures;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.IdGenerator;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Triggers beyond closure and mediation (issue 10): an OPERATOR records that a merchant's business licence was revoked
 * (LICENCE_REVOKED) or that a court opened its bankruptcy (BANKRUPTCY). The record starts the closure path as a real
 * platform would: it opens a closure case for the merchant (protection's "marked" case: sales and payouts freeze), or
 * adds its evidence to the case already open, and the closure claim of that case is filed with this trigger when a
 * covering policy insures it ({@link ClaimFiler}); else the claim stays CLOSURE_CONFIRMED. Recording the same merchant,
 * trigger and reference again answers the first record. REGULATOR reads the records.
 */
@Service
@Transactional
public class MerchantTriggers {

    static final Set<ClosureTrigger> RECORDABLE = Set.of(ClosureTrigger.LICENCE_REVOKED, ClosureTrigger.BANKRUPTCY);
    static final int REFERENCE_LENGTH_MAX = 64;
    static final int NOTE_LENGTH_MAX = 500;
    static final int LIST_SIZE_MAX = 200;
    static final String FEED = "system:risk-feed";
    /** A decision or court case number: letters, digits, Chinese characters, brackets, dashes, slashes, dots, spaces. */
    static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile(
            "[\\p{IsHan}\\p{Alnum}()（）〔〕\\[\\]【】第号\\-_/. ]{1,64}");
    static final String FEED_EVIDENCE = "insurance.events.feedEvidence";

    private final JdbcClient jdbc;
    private final Merchants merchants;
    private final Closures closures;
    private final Policies policies;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final java.time.Clock clock;
    private final ZoneId zone;

    MerchantTriggers(JdbcClient jdbc, Merchants merchants, Closures closures, Policies policies,
                     AuditTrail audit, IdGenerator ids, java.time.Clock clock,
                     @Value("${fangxin.insurance.zone:Asia/Shanghai}") String zone) {
        this.jdbc = jdbc;
        this.merchants = merchants;
        this.closures = closures;
        this.policies = policies;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** OPERATOR: records the event and opens (or joins) the merchant's closure case. */
    public MerchantTriggerView record(Actor actor, NewMerchantTrigger command) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators record licence revocations and bankruptcies");
        }
        validate(command);
        MerchantView merchant = merchants.find(command.merchantId()).orElseThrow(() -> Rejection.notFound("merchant"));
        String reference = command.reference().trim();
        Optional<MerchantTriggerView> recorded = find(merchant.id(), command.trigger(), reference);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        String note = command.note().trim();
        UUID caseId = closures.freezingCase(merchant.id())
                .map(open -> closures.addEvidence(actor, open, note).id())
                .orElseGet(() -> closures.mark(actor, merchant.id(), note).id());
        UUID id = ids.next();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into insurance.merchant_trigger_event (id, merchant_id, trigger, occurred_on, reference, note,
                       closure_case_id, recorded_by, recorded_at)
                values (:id, :merchant, :trigger, :on, :reference, :note, :case, :by, :at)
                """)
                .param("id", id).param("merchant", merchant.id()).param("trigger", command.trigger().name())
                .param("on", Date.valueOf(command.occurredOn())).param("reference", reference).param("note", note)
                .param("case", caseId).param("by", actor.username()).param("at", Timestamp.from(now)).update();
        audit.record("insurance.merchant-trigger.recorded", "merchant", merchant.id(), null,
                Map.of("trigger", command.trigger(), "reference", reference, "closureCaseId", caseId));
        return find(merchant.id(), command.trigger(), reference).orElseThrow();
    }

    /**
     * The risk feed (no actor; issue 9's import) received a licence revocation or a bankruptcy for a known merchant:
     * recorded once per merchant, trigger and reference; it opens a closure case by the suspicion path (evidence as a
     * message key with its arguments, ADR 11), or joins the case already open. A CLOSED merchant opens nothing.
     */
    public void recordFromFeed(UUID merchantId, ClosureTrigger trigger, LocalDate occurredOn, String reference,
                               String provider) {
        if (!RECORDABLE.contains(trigger) || find(merchantId, trigger, reference).isPresent()) {
            return;
        }
        UUID caseId = closures.freezingCase(merchantId).or(() -> closures.suspect(merchantId, FEED_EVIDENCE,
                List.of("msg:insurance.trigger." + trigger.name(), reference, provider)).map(c -> c.id())).orElse(null);
        jdbc.sql("""
                insert into insurance.merchant_trigger_event (id, merchant_id, trigger, occurred_on, reference, note,
                       closure_case_id, recorded_by, recorded_at)
                values (:id, :merchant, :trigger, :on, :reference, :note, :case, :by, :at) on conflict do nothing
                """)
                .param("id", ids.next()).param("merchant", merchantId).param("trigger", trigger.name())
                .param("on", Date.valueOf(occurredOn)).param("reference", reference).param("note", provider)
                .param("case", caseId).param("by", FEED).param("at", Timestamp.from(clock.instant())).update();
        audit.record("insurance.merchant-trigger.recorded", "merchant", merchantId, null,
                Map.of("trigger", trigger, "reference", reference, "provider", provider,
                        "closureCaseId", String.valueOf(caseId)));
    }

    /** OPERATOR and REGULATOR: the newest records, at most {@value #LIST_SIZE_MAX}. */
    @Transactional(readOnly = true)
    public List<MerchantTriggerView> list(Actor actor, int limit) {
        if (!actor.is(Role.OPERATOR) && !actor.is(Role.REGULATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "your role does not see licence revocations and bankruptcies");
        }
        return query("true order by e.recorded_at desc, e.id limit :limit", Map.of("limit",
                Math.min(Math.max(limit, 1), LIST_SIZE_MAX)));
    }

    /**
     * The trigger the closure claim of case {@code caseId} is filed with: a recorded revocation or bankruptcy of that case
     * which a policy covering the merchant on {@code day} insures (the earliest recorded first); else CLOSURE_CONFIRMED.
     */
    @Transactional(readOnly = true)
    ClosureTrigger triggerOf(UUID caseId, UUID merchantId, LocalDate day) {
        List<MerchantTriggerView> recorded = query("e.closure_case_id = :case order by e.recorded_at, e.id",
                Map.of("case", caseId));
        if (recorded.isEmpty()) {
            return ClosureTrigger.CLOSURE_CONFIRMED;
        }
        List<PolicyView> covering = policies.covering(merchantId, day);
        return recorded.stream().map(MerchantTriggerView::trigger)
                .filter(trigger -> covering.stream().anyMatch(p -> policies.productOf(p)
                        .map(product -> product.triggers().contains(trigger)).orElse(false)))
                .findFirst().orElse(ClosureTrigger.CLOSURE_CONFIRMED);
    }

    private Optional<MerchantTriggerView> find(UUID merchantId, ClosureTrigger trigger, String reference) {
        return query("e.merchant_id = :merchant and e.trigger = :trigger and e.reference = :reference",
                Map.of("merchant", merchantId, "trigger", trigger.name(), "reference", reference)).stream().findFirst();
    }

    private List<MerchantTriggerView> query(String where, Map<String, Object> params) {
        var spec = jdbc.sql("""
                select e.id, e.merchant_id, e.trigger, e.occurred_on, e.reference, e.note, e.closure_case_id,
                       e.recorded_by, e.recorded_at
                  from insurance.merchant_trigger_event e where\s""" + where);
        for (var p : params.entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        return spec.query((rs, n) -> {
            UUID merchantId = rs.getObject(2, UUID.class);
            return new MerchantTriggerView(rs.getObject(1, UUID.class), merchantId,
                    merchants.find(merchantId).map(MerchantView::legalName).orElse(""),
                    ClosureTrigger.valueOf(rs.getString(3)), rs.getDate(4).toLocalDate(), rs.getString(5), rs.getString(6),
                    rs.getObject(7, UUID.class), rs.getString(8), rs.getTimestamp(9).toInstant());
        }).list();
    }

    private void validate(NewMerchantTrigger c) {
        if (c == null || c.merchantId() == null) {
            throw Rejection.invalid("merchantId", "name the merchant");
        }
        if (c.trigger() == null || !RECORDABLE.contains(c.trigger())) {
            throw Rejection.invalid("trigger", "record LICENCE_REVOKED or BANKRUPTCY");
        }
        if (c.occurredOn() == null || c.occurredOn().isAfter(LocalDate.ofInstant(clock.instant(), zone))) {
            throw Rejection.invalid("occurredOn", "the day of the decision, today or earlier");
        }
        if (c.reference() == null || c.reference().isBlank() || c.reference().trim().length() > REFERENCE_LENGTH_MAX
                || !REFERENCE.matcher(c.reference().trim()).matches()) {
            throw Rejection.invalid("reference", "the decision's or court case's number, 1 to " + REFERENCE_LENGTH_MAX
                    + " letters, digits, Chinese characters, brackets, dashes, slashes or dots");
        }
        if (c.note() == null || c.note().isBlank() || c.note().trim().length() > NOTE_LENGTH_MAX) {
            throw Rejection.invalid("note", "the evidence, 1 to " + NOTE_LENGTH_MAX + " characters");
        }
    }
}
