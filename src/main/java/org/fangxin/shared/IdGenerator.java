package org.fangxin.shared;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Makes time-ordered UUIDv7 identifiers (RFC 9562), so primary-key indexes stay append-mostly. Within one process the
 * ids strictly increase (RFC 9562 §6.2, method 1: a 12-bit counter in {@code rand_a}, seeded randomly each
 * millisecond): ids made in the same millisecond, or while a clock stands still or steps back (a test clock), sort in
 * the order they were made instead of tying on the timestamp. Inside {@link MerchantSlot#within} (sharded profile only)
 * the low 10 random bits carry the merchant's slot.
 */
@Component
public class IdGenerator {

    private static final int COUNTER_MAX = (1 << 12) - 1;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = Long.MIN_VALUE;
    private int counter;

    public IdGenerator(Clock clock) {
        this.clock = clock;
    }

    public UUID next() {
        return make(MerchantSlot.current());
    }

    /**
     * An id for an object of {@code merchantId} made outside that merchant's route (a job over a whole shard): it
     * carries the merchant's slot, so a request naming it is routed to the merchant's shard (ADR 12 §2).
     */
    public UUID nextFor(UUID merchantId) {
        return make(java.util.OptionalInt.of(MerchantSlot.of(merchantId)));
    }

    private UUID make(java.util.OptionalInt slot) {
        long millis;
        int sequence;
        synchronized (this) {
            millis = clock.millis();
            if (millis > lastMillis) {
                counter = random.nextInt(COUNTER_MAX / 2 + 1); // room left to count up within the millisecond
            } else if (counter < COUNTER_MAX) {
                millis = lastMillis;
                counter++;
            } else {
                millis = lastMillis + 1; // counter exhausted: borrow the next millisecond, as the RFC allows
                counter = 0;
            }
            lastMillis = millis;
            sequence = counter;
        }
        long mostSignificant = (millis << 16) | (0x7L << 12) | sequence;
        long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return slot.isPresent() ? MerchantSlot.withGene(mostSignificant, leastSignificant, slot.getAsInt())
                : new UUID(mostSignificant, leastSignificant);
    }
}
