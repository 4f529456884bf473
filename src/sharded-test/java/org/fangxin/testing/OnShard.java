package org.fangxin.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.List;
import org.awaitility.Awaitility;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.sharding.ShardRouting;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Runs an unchanged test's set-up, test and tear-down methods as the work of one new merchant on shard {@link #value}
 * (sharded profile, ADR 12 §8b): every merchant the test makes gets a slot of that shard, and every statement its
 * thread runs goes there. HTTP calls are routed by the application itself, at its boundary. Afterwards every shard's
 * books are checked on their own and in total. Skipped when the shards are down.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@ExtendWith(OnShard.Routing.class)
public @interface OnShard {

    /** The shard number: {@code ds_n} of three equal slot ranges. */
    int value();

    final class Routing implements InvocationInterceptor, BeforeAllCallback, AfterEachCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            ShardBooks.assumeShardsUp();
        }

        /** After the unchanged test's own checks (on its merchant's shard): every shard's books, and all together. */
        @Override
        public void afterEach(ExtensionContext context) {
            List<String> urls = List.of(SpringExtension.getApplicationContext(context).getEnvironment()
                    .getRequiredProperty("fangxin.sharding.urls").split(","));
            ShardBooks.assertBalancedPerShardAndInTotal(ShardBooks.connect(urls));
        }

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
