package org.fangxin.shared.sharding;

import org.fangxin.shared.MerchantSlot;

/**
 * The slot → shard map in force ({@code routing.slot_shard}, a broadcast table), read once at start-up: every route
 * decision needs it and it changes only when an operator moves slots. Shard {@code n} is the data source {@code ds_n}.
 */
public final class SlotMap {

    private static volatile int[] shardOfSlot = MerchantSlot.equalRanges(3);

    private SlotMap() {
    }

    public static void install(int[] map) {
        if (map.length != MerchantSlot.SLOTS) {
            throw new IllegalArgumentException("a slot map has " + MerchantSlot.SLOTS + " entries, not " + map.length);
        }
        shardOfSlot = map.clone();
    }

    public static int shardOf(int slot) {
        return shardOfSlot[slot];
    }

    public static String dataSourceOf(int slot) {
        return "ds_" + shardOf(slot);
    }
}
