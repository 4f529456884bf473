package org.fangxin.protection.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;
import org.fangxin.protection.ClosureSource;
import org.fangxin.protection.ClosureStatus;

/**
 * A closure case: opens SUSPECTED, then an operator or regulator CONFIRMS or CLEARS it, once, with evidence. Pure Java;
 * a refused transition throws {@link IllegalStateException} (callers check {@link #decidable()} to answer 409).
 */
public record ClosureCase(UUID id, UUID merchantId, ClosureStatus status, ClosureSource source, LocalDate closingOn,
                          Instant openedAt, String openedBy, Instant decidedAt, String decidedBy) {

    public static final int EVIDENCE_LENGTH_MAX = 2000;

    public ClosureCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(openedBy, "openedBy");
        if ((status == ClosureStatus.SUSPECTED) != (decidedAt == null)) {
            throw new IllegalArgumentException("a case is decided exactly when it is not SUSPECTED");
        }
    }

    public static ClosureCase open(UUID id, UUID merchantId, ClosureSource source, LocalDate closingOn, Instant at,
                                   String by) {
        return new ClosureCase(id, merchantId, ClosureStatus.SUSPECTED, source, closingOn, at, by, null, null);
    }

    public boolean decidable() {
        return status == ClosureStatus.SUSPECTED;
    }

    public boolean freezes() {
        return status.freezes();
    }

    /**
     * When the merchant's period passes stop earning (issue 13 item 2): the start of the closing date the case names (in
     * the merchant's zone), or the freeze (the case's opening) when it names none; a confirmation before the named date
     * stops them at the confirmation. The days of an investigation are thus never taken from the consumers.
     */
    public Instant earningStopsAt(ZoneId zone) {
        Instant stop = closingOn == null ? openedAt : closingOn.atStartOfDay(zone).toInstant();
        return status == ClosureStatus.CONFIRMED && decidedAt.isBefore(stop) ? decidedAt : stop;
    }

    public ClosureCase confirm(String by, Instant at, String evidence) {
        return decide(ClosureStatus.CONFIRMED, by, at, evidence);
    }

    public ClosureCase clear(String by, Instant at, String evidence) {
        return decide(ClosureStatus.CLEARED, by, at, evidence);
    }

    private ClosureCase decide(ClosureStatus to, String by, Instant at, String evidence) {
        if (!decidable()) {
            throw new IllegalStateException("case " + id + " is already " + status);
        }
        if (!validEvidence(evidence)) {
            throw new IllegalArgumentException("evidence is required (1 to " + EVIDENCE_LENGTH_MAX + " characters)");
        }
        Objects.requireNonNull(by, "by");
        if (at.isBefore(openedAt)) {
            throw new IllegalArgumentException("a decision cannot precede the opening");
        }
        return new ClosureCase(id, merchantId, to, source, closingOn, openedAt, openedBy, at, by);
    }

    public static boolean validEvidence(String evidence) {
        return evidence != null && !evidence.isBlank() && evidence.length() <= EVIDENCE_LENGTH_MAX;
    }
}
