package org.fangxin.card;

import java.util.Optional;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * How much more may be advanced to a merchant now when another module caps its total advance (the risk module by tier:
 * e.g. C at 50,000 yuan, D nothing): a new card's advance is the ratio's advance or this allowance, whichever is less,
 * so more stays in escrow (the contract's ratio is a most, never a least). Implemented as a bean by that module;
 * without one, or empty, no cap applies.
 */
public interface AdvanceLimits {

    Optional<Money> allowance(UUID merchantId);
}
