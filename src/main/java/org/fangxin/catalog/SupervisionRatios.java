package org.fangxin.catalog;

import java.util.Optional;
import java.util.UUID;

/**
 * The supervision ratio a merchant's new contracts state when another module sets it per merchant (the risk module:
 * by tier, balance and business age); it replaces the rule table's ratio. Implemented as a bean by that module, so the
 * catalog does not depend on it; empty for a merchant it does not rate. The purchase takes the ratio from the contract
 * version the consumer accepted, so contract and purchase never disagree.
 */
public interface SupervisionRatios {

    Optional<Integer> ratioBp(UUID merchantId);
}
