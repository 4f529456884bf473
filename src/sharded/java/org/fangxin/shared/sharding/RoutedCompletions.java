package org.fangxin.shared.sharding;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.core.Ordered;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * An asynchronous listener's outcome is recorded on the shard that stored its publication (docs/scale-out.md "Kafka
 * with shards"). Spring Modulith marks a listener that answers a future (the Kafka externalizer) complete in a callback
 * of that future, on whichever thread completes it: usually Kafka's producer thread, which carries no route, so the
 * {@code update event_publication} went to {@code ds_0}, where the row does not exist. This hands Spring Modulith a
 * future that is completed inside the route the listener ran in. It sits inside Spring Modulith's completion advisor
 * (order HIGHEST_PRECEDENCE + 10) and inside the merchant routing of listeners, so it sees the listener's route.
 */
final class RoutedCompletions implements MethodInterceptor {

    /** Ordered inside Spring Modulith's completion registration, which so sees the routed future. */
    static Advisor advisor() {
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
                new AnnotationMatchingPointcut(null, TransactionalEventListener.class, true), new RoutedCompletions());
        advisor.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return advisor;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Optional<String> route = ShardRouting.current();
        Object answer = invocation.proceed();
        if (route.isEmpty() || !(answer instanceof CompletableFuture<?> future)) {
            return answer;
        }
        return completedOnShard(future, route.get());
    }

    /** A future that completes as {@code future} does, its callbacks run on {@code shard}. */
    static <T> CompletableFuture<T> completedOnShard(CompletableFuture<T> future, String shard) {
        CompletableFuture<T> routed = new CompletableFuture<>();
        future.whenComplete((value, failure) -> ShardRouting.onShard(shard, () -> failure == null
                ? routed.complete(value) : routed.completeExceptionally(failure)));
        return routed;
    }
}
