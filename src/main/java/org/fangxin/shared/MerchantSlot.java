package org.fangxin.shared;

import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The placement unit of the sharded deployment (ADR 12 §1): every merchant belongs to one of {@value #SLOTS} slots for
 * life, and a small table maps slots to physical shards, so adding a shard moves slots instead of re-hashing every
 * merchant. The slot is the low 10 bits of the merchant id's random part ({@code rand_b} of a UUIDv7, random in any
 * UUID we make), which is as uniform as a hash of the id and costs nothing to compute. Plain Java: the default
 * single-database deployment never needs it.
 */
public final class MerchantSlot {

    public static final int SLOTS = 1024;
    private static final ThreadScope<Integer> CURRENT = new ThreadScope<>("merchant slot");

    private MerchantSlot() {
    }

    /**
     * Runs {@code work} with {@code slot} as the current slot: the {@link IdGenerator} writes it into every id made
     * meanwhile (ADR 12 §2, the "gene" method), so a card, order or transfer id names its merchant's shard by itself.
     * Only the sharded profile's routing sets it; nested calls must name the same slot.
     */
    public static <T> T within(int slot, Supplier<T> work) {
        return CURRENT.within(slot, work);
    }

    /** The slot of the work running on this thread, if any. */
    public static OptionalInt current() {
        return CURRENT.current().map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /** The id with its low 10 random bits replaced by the slot. */
    static UUID withGene(long mostSignificant, long leastSignificant, int slot) {
        return new UUID(mostSignificant, (leastSignificant & ~(long) (SLOTS - 1)) | slot);
    }

    public static int of(UUID merchantId) {
        return (int) (merchantId.getLeastSignificantBits() & (SLOTS - 1));
    }

    /** The initial map of slots to shards: {@code shards} equal, contiguous ranges. */
    public static int[] equalRanges(int shards) {
        if (shards < 1 || shards > SLOTS) {
            throw new IllegalArgumentException("shards must be 1.." + SLOTS + ": " + shards);
        }
        int[] shardOfSlot = new int[SLOTS];
        for (int slot = 0; slot < SLOTS; slot++) {
            shardOfSlot[slot] = (int) ((long) slot * shards / SLOTS);
        }
        return shardOfSlot;
    }
}
