package org.fangxin.identity;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.fangxin.shared.AuditChain;
import org.fangxin.shared.AuditQuery;
import org.fangxin.shared.AuditTrail;
import org.fangxin.shared.ProblemType;
import org.fangxin.shared.Rejection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Read access to the shared audit trail: operators and regulators (read-only), nobody else. Reading never writes an
 * entry. A regulator limited to a region or sector is refused
 * (403) until the trail is filtered by scope; nationwide regulators see every entry. The oversight module will narrow what a regulator reads to its scope
 * through {@link AuditQuery#within}.
 */
@Service
public class AuditLog {

    static final int FILTER_LENGTH_MAX = 100;
    public static final int EXPORT_ROWS_MAX = 100_000;

    private final AuditTrail trail;
    private final AuditChain chain;
    private final ZoneId zone;

    AuditLog(AuditTrail trail, AuditChain chain, @Value("${fangxin.display-zone:Asia/Shanghai}") String zone) {
        this.trail = trail;
        this.chain = chain;
        this.zone = ZoneId.of(zone);
    }

    /** What a reader filters by; dates are whole days in the display zone (Asia/Shanghai), both inclusive. */
    public record Filter(String actor, String action, String objectType, String objectId, LocalDate from, LocalDate to) {
        public static final Filter NONE = new Filter(null, null, null, null, null, null);
    }

    /** One page of entries, newest first; {@code hasMore} says whether an older page exists. */
    public record Page(List<AuditTrail.Entry> items, int page, int size, boolean hasMore) { }

    /** The newest entries, optionally of one object type and object; {@code limit} is 1 to {@value AuditTrail#PAGE_SIZE_MAX}. */
    public List<AuditTrail.Entry> history(Actor actor, String objectType, String objectId, int limit) {
        return search(actor, new Filter(null, null, objectType, objectId, null, null), 0, limit).items();
    }

    /** A page of the entries matching the filter ({@code size} 1 to {@value AuditTrail#PAGE_SIZE_MAX}). */
    public Page search(Actor actor, Filter filter, int page, int size) {
        requireReader(actor);
        if (size < 1 || size > AuditTrail.PAGE_SIZE_MAX) {
            throw Rejection.invalid("limit", "limit must be 1 to " + AuditTrail.PAGE_SIZE_MAX)
                    .withMessage("problem.audit.limit", AuditTrail.PAGE_SIZE_MAX);
        }
        if (page < 0 || page > 10_000) {
            throw Rejection.invalid("page", "page counts from 0 to 10000").withMessage("problem.audit.page");
        }
        List<AuditTrail.Entry> rows = trail.search(query(actor, filter), page * size, size + 1);
        boolean more = rows.size() > size;
        return new Page(more ? rows.subList(0, size) : rows, page, size, more);
    }

    /** Every entry matching the filter (at most {@value #EXPORT_ROWS_MAX}), newest first, streamed to {@code sink}. */
    public void export(Actor actor, Filter filter, Consumer<AuditTrail.Entry> sink) {
        requireReader(actor);
        trail.stream(query(actor, filter), EXPORT_ROWS_MAX, sink);
    }

    /** Operators check the hash chain on demand (the daily job does it too); the result is kept. */
    public AuditChain.Verification verifyChain(Actor actor) {
        if (!actor.is(Role.OPERATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators verify the audit chain");
        }
        chain.sealAll(1_000);
        return chain.verify(actor.username());
    }

    /** The newest verification (daily job or on demand), if any. */
    public Optional<AuditChain.Verification> latestVerification(Actor actor) {
        requireReader(actor);
        return chain.latest();
    }

    public ZoneId zone() {
        return zone;
    }

    private AuditQuery query(Actor actor, Filter filter) {
        if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
            throw Rejection.invalid("to", "the end date is before the start date").withMessage("problem.audit.dates");
        }
        return new AuditQuery(text(filter.actor(), "actor"), text(filter.action(), "action"),
                text(filter.objectType(), "objectType"), text(filter.objectId(), "objectId"),
                filter.from() == null ? null : filter.from().atStartOfDay(zone).toInstant(),
                filter.to() == null ? null : filter.to().plusDays(1).atStartOfDay(zone).toInstant(), null);
    }

    private static void requireReader(Actor actor) {
        if (!actor.is(Role.OPERATOR, Role.REGULATOR)) {
            throw new Rejection(ProblemType.FORBIDDEN, "only operators and regulators read the audit trail");
        }
        if (actor.scoped()) {
            // The trail is not yet filtered by region and sector (issue 11): a limited regulator may not read all of it.
            throw new Rejection(ProblemType.FORBIDDEN, "a regulator of one region or sector reads the audit trail of its "
                    + "merchants once the audit page filters by scope");
        }
    }

    private static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > FILTER_LENGTH_MAX) {
            throw Rejection.invalid(field, field + " must be at most " + FILTER_LENGTH_MAX + " characters")
                    .withMessage("problem.audit.filter-length", FILTER_LENGTH_MAX);
        }
        return value.trim();
    }
}
