package org.fangxin.compensation.batch;

import java.util.Optional;
import java.util.UUID;

/**
 * The payment reference of a compensation line's refund, {@code compensation:<caseId>:<cardId>}: a batch (one per case)
 * has one line per card, so the reference names its line, and the line is found by (batch of the case, card) rather
 * than by an index of references (V15_101_10).
 */
record LineReference(UUID caseId, UUID cardId) {

    static final String PREFIX = "compensation:";

    static boolean isCompensation(String reference) {
        return reference.startsWith(PREFIX);
    }

    /** The line a compensation reference names; empty for any other text (another module's refund). */
    static Optional<LineReference> parse(String reference) {
        if (!isCompensation(reference)) {
            return Optional.empty();
        }
        String[] ids = reference.substring(PREFIX.length()).split(":", -1);
        if (ids.length != 2) {
            return Optional.empty();
        }
        try {
            LineReference parsed = new LineReference(UUID.fromString(ids[0]), UUID.fromString(ids[1]));
            // UUID.fromString accepts non-canonical spellings; only the reference the payer wrote names the line
            return parsed.toString().equals(reference) ? Optional.of(parsed) : Optional.empty();
        } catch (IllegalArgumentException notUuids) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return PREFIX + caseId + ":" + cardId;
    }
}
