package org.fangxin.integration.kafka;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.fangxin.integration.IntegrationEvent;

/** How one domain event type becomes an {@link IntegrationEvent}: its name, topic, identity and fields. */
record Schema<T>(Class<T> eventType, String name, int version, String topic, Function<T, Object> factId,
                 Function<T, UUID> merchantId, Function<T, Instant> occurredAt, Function<T, Map<String, Object>> data) {

    IntegrationEvent envelope(Object event) {
        T fact = eventType.cast(event);
        return new IntegrationEvent(name + ":" + factId.apply(fact), name, version, occurredAt.apply(fact),
                merchantId.apply(fact), data.apply(fact));
    }

    UUID merchantOf(Object event) {
        return merchantId.apply(eventType.cast(event));
    }
}
