package org.fangxin.rules;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * A source of per-merchant minimum supervision ratios (a risk tier, a young business, a balance large against last
 * year's revenue), implemented by the module that knows them. {@link Rules#supervisionRatio} takes the strictest of the
 * rule table and every floor, so the ratio is evaluated in one place.
 */
public interface SupervisionRatioFloors {

    /** The ratio the merchant must at least keep on the day, with its source; empty when this source sets none. */
    Optional<SupervisionRatio> floorFor(UUID merchantId, LocalDate on);
}
