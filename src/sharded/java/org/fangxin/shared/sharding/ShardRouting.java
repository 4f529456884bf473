package org.fangxin.shared.sharding;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.ThreadScope;
import org.springframework.core.task.TaskDecorator;

/**
 * The routing hint of ADR 12 §7: a command that concerns one merchant runs with every statement on that merchant's
 * shard, and every id it makes carries the merchant's slot. The route must be set before the command's transaction
 * begins ({@link ShardedDataSource} hands out the shard's connection then). Work handed to another thread keeps the
 * route through {@link #propagating()}.
 */
public final class ShardRouting {

    private static final ThreadScope<String> ROUTE = new ThreadScope<>("shard");

    private ShardRouting() {
    }

    /** The data source of a merchant's shard. */
    public static String shardOf(UUID merchantId) {
        return SlotMap.dataSourceOf(MerchantSlot.of(merchantId));
    }

    /** The shard this thread's work is routed to, if any. */
    public static Optional<String> current() {
        return ROUTE.current();
    }

    /** Runs {@code work} on the merchant's shard; nested calls must name the same shard. */
    public static <T> T onMerchant(UUID merchantId, Supplier<T> work) {
        return onSlot(MerchantSlot.of(merchantId), work);
    }

    /** Onboarding: a new merchant gets a random slot first, so its id (made inside) names the shard it is written to. */
    public static <T> T onNewMerchant(Supplier<T> work) {
        return onNewMerchant(ThreadLocalRandom.current().nextInt(MerchantSlot.SLOTS), work);
    }

    /** Onboarding into a chosen slot, e.g. one of a new shard's slots. */
    public static <T> T onNewMerchant(int slot, Supplier<T> work) {
        return onSlot(slot, work);
    }

    private static <T> T onSlot(int slot, Supplier<T> work) {
        return MerchantSlot.within(slot, () -> onShard(SlotMap.dataSourceOf(slot), work));
    }

    /** Runs {@code work} on one shard by name ({@code ds_n}): the per-shard checks that an operator adds up. */
    public static <T> T onShard(String shard, Supplier<T> work) {
        return ROUTE.within(shard, work);
    }

    /** Carries the caller's route and slot to an asynchronous listener (Spring Modulith's after-commit listeners). */
    public static TaskDecorator propagating() {
        return task -> {
            String shard = ROUTE.current().orElse(null);
            java.util.OptionalInt slot = MerchantSlot.current();
            if (shard == null) {
                return task;
            }
            Supplier<Object> routed = () -> onShard(shard, () -> {
                task.run();
                return null;
            });
            if (slot.isEmpty()) {
                return routed::get; // a shard's work without a merchant (a per-shard job): its shard still
            }
            int merchantSlot = slot.getAsInt();
            return () -> MerchantSlot.within(merchantSlot, routed);
        };
    }
}
