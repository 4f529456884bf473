package org.fangxin.settlement;

import java.util.Currency;
import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * Value that must not be paid out to a merchant yet (e.g. disputed redemptions). Other modules implement it as a
 * Spring bean; settlement withholds the sum over all beans (none → nothing held). Answers are never negative.
 */
public interface PayoutHolds {

    Money heldFor(UUID merchantId, Currency currency);
}
