package org.fangxin.shared;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value that holds for the work running on this thread inside {@link #within}, such as the merchant slot or shard a
 * command is routed to. Nested work may only name the same value: work of one merchant never reaches for another's.
 */
public final class ThreadScope<T> {

    private final ThreadLocal<T> value = new ThreadLocal<>();
    private final String name;

    public ThreadScope(String name) {
        this.name = name;
    }

    public Optional<T> current() {
        return Optional.ofNullable(value.get());
    }

    public <R> R within(T scope, Supplier<R> work) {
        T outer = value.get();
        if (outer != null) {
            if (!outer.equals(scope)) {
                throw new IllegalStateException("work of " + name + " " + outer + " reached for " + scope);
            }
            return work.get();
        }
        value.set(scope);
        try {
            return work.get();
        } finally {
            value.remove();
        }
    }
}
