package org.fangxin.integration.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.fangxin.card.CardRedeemed;
import org.fangxin.integration.IntegrationTopics;
import org.fangxin.refund.RefundPaid;
import org.fangxin.shared.Money;
import org.fangxin.testing.ModuleTest;
import org.fangxin.testing.SwitchableKafka;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Integration events on an embedded Kafka broker (KRaft): every published fact reaches its audience's topic once,
 * keyed by its merchant, in the documented envelope; a broker that refuses a send delays the fact but never loses
 * it; an acknowledgement lost to a restart repeats the fact with the same event id, which a consumer deduplicates.
 */
@ApplicationModuleTest(extraIncludes = "shared", webEnvironment = WebEnvironment.NONE)
@Import(SwitchableKafka.class)
@Tag("application") // a broker to start: kept out of the fast tier like the whole-application tests
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestPropertySource(properties = {"spring.modulith.events.externalization.enabled=true",
        "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN", "logging.level.state.change.logger=WARN"})
class IntegrationEventsTests extends ModuleTest {

    private static final List<String> TOPICS =
            List.of(IntegrationTopics.BANK, IntegrationTopics.INSURER, IntegrationTopics.REGULATOR);

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    EventSchemas schemas;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    SwitchableKafka.Broker brokerSwitch;

    @Autowired
    IncompleteEventPublications incomplete;

    @Autowired
    JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.builder().build();
    private Consumer<String, String> consumer;

    @BeforeEach
    void subscribe() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "test-" + UUID.randomUUID(), false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(TOPICS);
        // Join the group and take the partitions before anything is published, so "latest" starts here.
        long until = System.currentTimeMillis() + 20_000;
        while (consumer.assignment().isEmpty() && System.currentTimeMillis() < until) {
            consumer.poll(Duration.ofMillis(200));
        }
        // "latest" is resolved lazily: fix each partition's position now, or a fact published before the reset lands
        // would fall before it and never be read.
        consumer.assignment().forEach(partition -> consumer.position(partition, Duration.ofSeconds(20)));
        brokerSwitch.up.set(true);
    }

    @AfterEach
    void close() {
        brokerSwitch.up.set(true);
        consumer.close();
    }

    @Test
    void everyFactArrivesOnceOnItsAudiencesTopicKeyedByItsMerchant() {
        Map<String, Object> published = new HashMap<>();
        for (Schema<?> schema : schemas.all()) {
            Object event = sample(schema.eventType());
            published.put(schema.envelope(event).eventId(), event);
            publishCommitted(event);
        }

        List<ConsumerRecord<String, String>> received = receive(published.size());

        assertThat(received).hasSize(published.size());
        for (ConsumerRecord<String, String> record : received) {
            JsonNode envelope = json.readTree(record.value());
            Object event = published.get(envelope.get("eventId").asString());
            assertThat(event).as("a published fact: %s", record.value()).isNotNull();
            Schema<?> schema = schemas.of(event.getClass()).orElseThrow();
            assertThat(record.topic()).isEqualTo(schema.topic());
            assertThat(record.key()).isEqualTo(schema.merchantOf(event).toString());
            assertThat(envelope.get("type").asString()).isEqualTo(schema.name());
            assertThat(envelope.get("version").asInt()).isEqualTo(1);
            assertThat(envelope.get("merchantId").asString()).isEqualTo(record.key());
            assertThat(envelope.get("data").isObject()).isTrue();
            assertThat(new String(record.headers().lastHeader(KafkaExternalization.TYPE_HEADER).value()))
                    .isEqualTo(schema.name());
        }
        assertThat(received).extracting(r -> json.readTree(r.value()).get("eventId").asString())
                .as("each fact once").doesNotHaveDuplicates();
    }

    @Test
    void aFactTheBrokerRefusedIsDeliveredWhenItsPublicationIsResubmitted() {
        Object event = sample(CardRedeemed.class);
        String eventId = schemas.of(event.getClass()).orElseThrow().envelope(event).eventId();
        brokerSwitch.up.set(false);

        publishCommitted(event);
        assertThat(receive(1, Duration.ofSeconds(3))).as("nothing while the broker refuses").isEmpty();

        brokerSwitch.up.set(true);
        incomplete.resubmitIncompletePublications(publication -> publication.getEvent().equals(event));

        List<ConsumerRecord<String, String>> received = receive(1);
        assertThat(received).extracting(r -> json.readTree(r.value()).get("eventId").asString())
                .containsExactly(eventId);
    }

    @Test
    void anAcknowledgementLostToARestartRepeatsTheFactWithTheSameEventId() {
        RefundPaid event = (RefundPaid) sample(RefundPaid.class);
        publishCommitted(event);
        List<ConsumerRecord<String, String>> first = receive(1);
        assertThat(first).hasSize(1);

        // As if the process died after the broker's ack and before the publication was marked complete.
        String serialized = jdbc.sql("select serialized_event from event_publication where serialized_event like :id")
                .param("id", "%" + event.refundId() + "%")
                .query(String.class).single();
        jdbc.sql("update event_publication set completion_date = null, status = 'FAILED' where serialized_event = :e")
                .param("e", serialized).update();
        incomplete.resubmitIncompletePublications(publication -> publication.getEvent().equals(event));

        List<ConsumerRecord<String, String>> again = receive(1);
        String eventId = json.readTree(first.get(0).value()).get("eventId").asString();
        assertThat(again).extracting(r -> json.readTree(r.value()).get("eventId").asString())
                .as("a duplicate, never a new fact").containsExactly(eventId);
    }

    @Test
    void everySchemaIsDocumentedForConsumers() throws Exception {
        String docs = Files.readString(Path.of("docs/events.md"));
        for (Schema<?> schema : schemas.all()) {
            assertThat(docs).as("docs/events.md documents %s", schema.name()).contains("`" + schema.name() + "`");
        }
    }

    private void publishCommitted(Object event) {
        transactions.executeWithoutResult(status -> events.publishEvent(event));
    }

    private List<ConsumerRecord<String, String>> receive(int count) {
        return receive(count, Duration.ofSeconds(30));
    }

    private List<ConsumerRecord<String, String>> receive(int count, Duration within) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long until = System.currentTimeMillis() + within.toMillis();
        while (records.size() < count && System.currentTimeMillis() < until) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        // Anything beyond the expected count that is already on its way is a duplicate: wait a moment for it.
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        return records;
    }

    /** A fact of {@code type} with fresh ids, so tests sharing the database never confuse their events. */
    private Object sample(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sampleValue(types[i]);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object sampleValue(Class<?> type) {
        if (type == UUID.class) {
            return UUID.randomUUID();
        }
        if (type == Money.class) {
            return Money.fen(12_345);
        }
        if (type == Instant.class) {
            return clock.instant();
        }
        if (type == LocalDate.class) {
            return LocalDate.of(2026, 10, 8);
        }
        if (type == String.class) {
            return "FX-" + UUID.randomUUID().toString().substring(0, 8);
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == List.class) {
            return List.of();
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        throw new IllegalArgumentException("no sample for " + type);
    }
}
