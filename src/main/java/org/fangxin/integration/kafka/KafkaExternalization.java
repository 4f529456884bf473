package org.fangxin.integration.kafka;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.fangxin.integration.IntegrationEvent;
import org.fangxin.integration.IntegrationTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;

/**
 * Selects the facts of {@link EventSchemas}, maps each to its envelope and routes it to its audience's topic keyed by
 * merchant. Spring Modulith's Kafka externalizer sends them after the business commit from the event publication
 * registry, and marks a publication complete only when the broker acknowledged it; an unacknowledged one is
 * resubmitted (at restart and by the {@code event-publication-retry} job), so a fact is never lost and may arrive twice.
 * Everything here is inert unless {@code spring.modulith.events.externalization.enabled=true} (the {@code kafka}
 * profile): without it no externalizer listens and no publication is written for these events.
 */
@Configuration(proxyBeanMethods = false)
class KafkaExternalization {

    static final String TYPE_HEADER = "fangxin_event_type";
    static final String VERSION_HEADER = "fangxin_schema_version";

    @Bean
    EventSchemas eventSchemas() {
        return new EventSchemas();
    }

    @Bean
    EventExternalizationConfiguration eventExternalization(EventSchemas schemas) {
        return EventExternalizationConfiguration.externalizing()
                .select(event -> schemas.of(event.getClass()).isPresent())
                .routeAll(event -> {
                    Schema<?> schema = schemas.of(event.getClass()).orElseThrow();
                    return RoutingTarget.forTarget(schema.topic()).andKey(schema.merchantOf(event).toString());
                })
                // Headers are asked of the mapped envelope, so a consumer can filter without parsing the value.
                .headers(event -> event instanceof IntegrationEvent envelope
                        ? Map.of(TYPE_HEADER, envelope.type(), VERSION_HEADER, String.valueOf(envelope.version()))
                        : Map.of())
                .mapping(event -> schemas.of(event.getClass()).orElseThrow().envelope(event))
                .build();
    }

    /** Creates the topics when the externalization is on and the broker lets the platform create them. */
    @Bean
    @ConditionalOnProperty(name = "spring.modulith.events.externalization.enabled", havingValue = "true")
    KafkaAdmin.NewTopics integrationTopics(@Value("${fangxin.integration.partitions:6}") int partitions) {
        return new KafkaAdmin.NewTopics(
                topic(IntegrationTopics.BANK, partitions), topic(IntegrationTopics.INSURER, partitions),
                topic(IntegrationTopics.REGULATOR, partitions));
    }

    private static NewTopic topic(String name, int partitions) {
        return TopicBuilder.name(name).partitions(partitions).build();
    }
}
