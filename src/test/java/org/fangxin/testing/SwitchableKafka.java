package org.fangxin.testing;

import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.messaging.Message;

/**
 * Kafka as the event externalizer sees it, with a switch: {@code @Import} it and switch the {@link Broker} off to make
 * every send fail as an unreachable broker's would (the Kafka event tests, default and sharded).
 */
@TestConfiguration
public class SwitchableKafka {

    /** Whether the broker answers; on by default. */
    public static final class Broker {
        public final AtomicBoolean up = new AtomicBoolean(true);
    }

    @Bean
    Broker brokerSwitch() {
        return new Broker();
    }

    @Bean
    @Primary
    @SuppressWarnings("unchecked")
    KafkaOperations<Object, Object> switchableKafka(KafkaTemplate<Object, Object> template, Broker brokerSwitch) {
        return (KafkaOperations<Object, Object>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KafkaOperations.class}, (proxy, method, args) -> {
                    if (!brokerSwitch.up.get() && method.getName().equals("send") && args.length == 1
                            && args[0] instanceof Message<?>) {
                        return CompletableFuture.failedFuture(new KafkaException("broker unreachable (test)"));
                    }
                    return method.invoke(template, args);
                });
    }
}
