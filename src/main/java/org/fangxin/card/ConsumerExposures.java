package org.fangxin.card;

import java.util.UUID;
import org.fangxin.shared.Money;

/**
 * The merchant's advance exposure as consumers would claim it, read by insurance for insured cover: a claim
 * pays each consumer at most the policy's per-consumer limit, so insured cover is bounded by the sum over the holders of
 * live cards of min(limit, the advance their cards still carry). Exposure no live card carries (an advance a refund could
 * not claw back) is claimed by no consumer.
 */
public interface ConsumerExposures {

    /** Σ over the merchant's card holders of min({@code perConsumerLimit}, advance outstanding on their live cards). */
    Money cappedPerConsumer(UUID merchantId, Money perConsumerLimit);
}
