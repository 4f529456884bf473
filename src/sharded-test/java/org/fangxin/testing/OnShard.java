package org.fangxin.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import org.awaitility.Awaitility;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.sharding.ShardRouting;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs an unchanged test's set-up, test and tear-down methods as the work of one new merchant on shard {@link #value}
 * (sharded profile, ADR 12 §8b): every merchant the test makes gets a slot of that shard, and every statement its
 * thread runs goes there. HTTP calls are routed by the application itself, at its boundary.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@ExtendWith(OnShard.Routing.class)
public @interface OnShard {

    /** The shard number: {@code ds_n} of three equal slot ranges. */
    int value();

    final class Routing implements InvocationInterceptor {

        @Override
        public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                              ExtensionContext context) throws Throwable {
            routed(invocation, context);
        }

        @Override
        public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                        ExtensionContext context) throws Throwable {
            routed(invocation, context);
        }

        @Override
        public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                             ExtensionContext context) throws Throwable {
            routed(invocation, context);
        }

        private static void routed(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
            int shard = context.getRequiredTestClass().getAnnotation(OnShard.class).value();
            int slot = (2 * shard + 1) * MerchantSlot.SLOTS / 6; // the middle of shard n's third of the slots
            Throwable[] failure = new Throwable[1];
            Awaitility.pollInSameThread(); // Awaitility's own poller thread would not carry the route
            try {
                ShardRouting.onNewMerchant(slot, () -> {
                    try {
                        invocation.proceed();
                    } catch (Throwable t) {
                        failure[0] = t;
                    }
                    return null;
                });
            } finally {
                Awaitility.reset();
            }
            if (failure[0] != null) {
                throw failure[0];
            }
        }
    }
}
