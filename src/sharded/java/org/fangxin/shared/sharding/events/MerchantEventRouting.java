package org.fangxin.shared.sharding.events;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.fangxin.shared.sharding.ShardRouting;

/**
 * A listener of a merchant's event (one whose first argument has a {@code merchantId()} accessor answering a UUID)
 * runs on that merchant's shard (ADR 12 §8c): the route comes from the event, not from whoever published or resubmitted
 * it. Without this, a listener whose publisher carried no merchant route (a per-shard job, a resubmission after a
 * restart) ran unrouted, through ShardingSphere on the directory shard. Runs before the listener's own transaction
 * begins. A listener already routed elsewhere is refused: its publication stays incomplete and is resubmitted.
 */
final class MerchantEventRouting implements MethodInterceptor {

    private static final Map<Class<?>, Optional<Method>> ACCESSORS = new ConcurrentHashMap<>();

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Object[] arguments = invocation.getArguments();
        Optional<UUID> merchant = arguments.length == 0 ? Optional.empty() : merchantOf(arguments[0]);
        if (merchant.isEmpty()) {
            return invocation.proceed();
        }
        String shard = ShardRouting.shardOf(merchant.get());
        Optional<String> current = ShardRouting.current();
        if (current.isPresent()) {
            if (!current.get().equals(shard)) {
                throw new IllegalStateException("listener " + invocation.getMethod() + " of merchant " + merchant.get()
                        + " (shard " + shard + ") was handed over on shard " + current.get());
            }
            return invocation.proceed();
        }
        Throwable[] failure = new Throwable[1];
        Object answer = ShardRouting.onMerchant(merchant.get(), () -> {
            try {
                return invocation.proceed();
            } catch (Throwable t) {
                failure[0] = t;
                return null;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return answer;
    }

    /** The event's merchant, if it names one. */
    static Optional<UUID> merchantOf(Object event) {
        if (event == null) {
            return Optional.empty();
        }
        Optional<Method> accessor = ACCESSORS.computeIfAbsent(event.getClass(), MerchantEventRouting::accessor);
        if (accessor.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable((UUID) accessor.get().invoke(event));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the merchant of " + event.getClass().getName(), e);
        }
    }

    private static Optional<Method> accessor(Class<?> type) {
        try {
            Method method = type.getMethod("merchantId");
            return method.getReturnType() == UUID.class && method.getParameterCount() == 0 ? Optional.of(method) : Optional.empty();
        } catch (NoSuchMethodException none) {
            return Optional.empty();
        }
    }
}
