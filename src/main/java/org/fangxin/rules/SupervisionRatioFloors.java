package org.fangxin.rules;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * A source of per-merchant minimum supervision ratios (a risk tier, a young business, a balance large against last
 * year's revenue), implemented by the module that knows them. {@link Rules#supervisionRatio} takes the strictest of the
 * rule table and every floor, so the ratio is evaluated in one place. A source may also grant a relief (a good risk
 * tier's incentive): it replaces only the platform default (the rule table's national all-sector row), never a ratio a
 * region or sector rule sets, and every floor still applies after it.
 */
public interface SupervisionRatioFloors {

    /** The ratio the merchant must at least keep on the day, with its source; empty when this source sets none. */
    Optional<SupervisionRatio> floorFor(UUID merchantId, LocalDate on);

    /** A lower ratio granted instead of the platform default on the day, with its source; empty when none. */
    default Optional<SupervisionRatio> reliefFor(UUID merchantId, LocalDate on) {
        return Optional.empty();
    }

    /** The floor and the relief of a merchant on the day; a source that reads both from one row answers them in one read. */
    default Bounds boundsFor(UUID merchantId, LocalDate on) {
        return new Bounds(floorFor(merchantId, on), reliefFor(merchantId, on));
    }

    /** A source's floor and relief for one merchant and day. */
    record Bounds(Optional<SupervisionRatio> floor, Optional<SupervisionRatio> relief) { }
}
