package org.fangxin.shared.sharding;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.task.TaskDecorator;

/**
 * Work that an application bean hands to a thread pool of its own (an {@code ExecutorService} field, such as the
 * compensation notice sender's) keeps the route of the thread that handed it over, as Spring's executors do through
 * {@link ShardRouting#propagating()}. Sharded profile only: the modules' code stays as it is. Done before
 * initialization, on the bean itself rather than on a proxy of it.
 */
final class RoutedExecutors implements BeanPostProcessor {

    private final TaskDecorator route = ShardRouting.propagating();

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        for (Class<?> type = bean.getClass(); type != null && type.getName().startsWith("org.fangxin."); type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == ExecutorService.class && !Modifier.isStatic(field.getModifiers())) {
                    wrap(bean, field);
                }
            }
        }
        return bean;
    }

    private void wrap(Object bean, Field field) {
        try {
            field.setAccessible(true);
            Object executor = field.get(bean);
            if (executor instanceof ExecutorService pool && !(executor instanceof Routed)) {
                field.set(bean, new Routed(pool, route));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot route the executor " + field, e);
        }
    }

    /** Decorates each task; everything else is the wrapped pool's. */
    private static final class Routed extends AbstractExecutorService {
        private final ExecutorService pool;
        private final TaskDecorator route;

        Routed(ExecutorService pool, TaskDecorator route) {
            this.pool = pool;
            this.route = route;
        }

        @Override
        public void execute(Runnable task) {
            pool.execute(route.decorate(task));
        }

        @Override
        public void shutdown() {
            pool.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return pool.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return pool.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return pool.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return pool.awaitTermination(timeout, unit);
        }
    }
}
