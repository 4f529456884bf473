package org.fangxin.insurance.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fangxin.insurance.CapReason;
import org.fangxin.shared.Money;

/**
 * Caps a claim's lines by the policy's limits, in the lines' order: first what is left of the consumer's per-consumer
 * limit (a consumer with several cards shares one limit), then what is left of the per-merchant limit, then of the
 * aggregate annual limit. A line cut by a limit says which limit cut it last. Never more than claimed, never negative,
 * and the covered total never exceeds either remaining limit.
 */
public final class ClaimLimits {

    private ClaimLimits() {
    }

    /** A line to cap: {@code consumerKey} groups the lines of one consumer. */
    public record Claimed(Object consumerKey, Money claimed) { }

    /** The covered part of a line; {@code reason} is null when it is covered in full. */
    public record Covered(Money covered, CapReason reason) { }

    public static List<Covered> apply(List<Claimed> lines, Money perConsumerLimit, Money merchantRemaining,
                                      Money aggregateRemaining) {
        Money zero = Money.zero(perConsumerLimit.currency());
        Money merchantLeft = merchantRemaining.max(zero);
        Money aggregateLeft = aggregateRemaining.max(zero);
        Map<Object, Money> consumerLeft = new HashMap<>();
        List<Covered> result = new ArrayList<>(lines.size());
        for (Claimed line : lines) {
            if (line.claimed().isNegative()) {
                throw new IllegalArgumentException("a claimed amount is not negative: " + line.claimed());
            }
            Money covered = line.claimed();
            CapReason reason = null;
            Money consumer = consumerLeft.getOrDefault(line.consumerKey(), perConsumerLimit);
            if (covered.compareTo(consumer) > 0) {
                covered = consumer;
                reason = CapReason.PER_CONSUMER_LIMIT;
            }
            if (covered.compareTo(merchantLeft) > 0) {
                covered = merchantLeft;
                reason = CapReason.PER_MERCHANT_LIMIT;
            }
            if (covered.compareTo(aggregateLeft) > 0) {
                covered = aggregateLeft;
                reason = CapReason.AGGREGATE_LIMIT;
            }
            consumerLeft.put(line.consumerKey(), consumer.minus(covered));
            merchantLeft = merchantLeft.minus(covered);
            aggregateLeft = aggregateLeft.minus(covered);
            result.add(new Covered(covered, reason));
        }
        return result;
    }
}
