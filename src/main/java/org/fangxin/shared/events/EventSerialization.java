package org.fangxin.shared.events;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serializes event publications with the application's {@link JsonMapper}, looked up once. Spring Modulith's own
 * serializer (which this bean replaces: its configuration backs off when an {@link EventSerializer} exists) asks the
 * bean factory for the mapper on every event; that dependency resolution (candidates, qualifiers, generic types) was
 * about 5% of a redemption request's CPU in the session 7 profile (docs/performance.md). Same mapper, same text.
 */
@Configuration(proxyBeanMethods = false)
class EventSerialization {

    @Bean
    EventSerializer eventSerializer(ObjectProvider<JsonMapper> mapper) {
        return new MapperOnce(SingletonSupplier.of(mapper::getObject));
    }

    /** Lazily resolved (as Modulith does, so no start-up ordering changes), then kept. */
    record MapperOnce(SingletonSupplier<JsonMapper> mapper) implements EventSerializer {

        @Override
        public Object serialize(Object event) {
            return mapper.obtain().writeValueAsString(event);
        }

        @Override
        public <T> T deserialize(Object serialized, Class<T> type) {
            return mapper.obtain().readerFor(type).readValue(serialized.toString());
        }
    }
}
