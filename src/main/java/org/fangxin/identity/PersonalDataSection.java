package org.fangxin.identity;

import java.util.Optional;

/**
 * A module's part of a consumer's personal data (PIPL art. 45: a copy on request; art. 47: deletion). Modules that
 * keep data about a person declare a bean: identity collects the sections into the download and asks each whether
 * something still stands in the way of closing the account (a card with value left, a refund not yet paid).
 */
public interface PersonalDataSection {

    /** The section's name in the download, e.g. {@code cards}. */
    String name();

    /** What the module keeps about the caller (a consumer), as plain data to serialise. */
    Object export(Actor consumer);

    /** Why the account cannot be closed yet (a short code such as {@code card-value-left}), or empty. */
    default Optional<String> closureBlocker(Actor consumer) {
        return Optional.empty();
    }
}
