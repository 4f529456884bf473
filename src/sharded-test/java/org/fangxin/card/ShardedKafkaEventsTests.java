package org.fangxin.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.fangxin.card.lifecycle.PurchaseDesk;
import org.fangxin.card.lifecycle.RedemptionDesk;
import org.fangxin.catalog.ProductView;
import org.fangxin.identity.UserAccount;
import org.fangxin.integration.IntegrationTopics;
import org.fangxin.merchant.Sector;
import org.fangxin.payment.lifecycle.CallbackIntake;
import org.fangxin.payment.sandbox.SandboxGateway;
import org.fangxin.shared.MerchantSlot;
import org.fangxin.shared.sharding.ShardRouting;
import org.fangxin.shared.sharding.ShardedEventRepublication;
import org.fangxin.testing.Eventually;
import org.fangxin.testing.SwitchableKafka;
import org.fangxin.testing.TestMerchants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Integration events with the profiles {@code sharded,kafka} on an embedded KRaft broker (issue 17): merchants on the
 * shards ds_1 and ds_2 sell and redeem inside their routes; each fact reaches Kafka once, keyed by its merchant, from
 * the event publication table of its merchant's shard (and no other). A process that dies between the commit and the
 * broker's acknowledgement leaves the publication incomplete on that shard: Spring Modulith's own start-up
 * republication, unrouted, reads ds_0's table only and misses it; the sharded profile's {@link ShardedEventRepublication}
 * resubmits it there, so the fact arrives again with the same eventId (sent and acknowledged before the crash: a
 * duplicate) or for the first time (never sent), never lost.
 */
@ActiveProfiles({"sharded", "kafka"})
@Import(SwitchableKafka.class) // IntegrationTest names its classes: a nested configuration is not found
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestPropertySource(properties = {"logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN",
        "logging.level.state.change.logger=WARN"})
class ShardedKafkaEventsTests extends ShardedCardTest {

    /** Modulith's listener that sends a publication to Kafka (its id in event_publication). */
    static final String EXTERNALIZER = "%Externalizer%";

    record Sale(UUID merchantId, UUID paymentOrderId, UUID redemptionId) {
        Set<String> eventIds() {
            return Set.of("purchase.paid:" + paymentOrderId, "card.redeemed:" + redemptionId);
        }
    }

    @Autowired PurchaseDesk purchaseDesk;
    @Autowired RedemptionDesk redemptionDesk;
    @Autowired CallbackIntake callbacks;
    @Autowired EmbeddedKafkaBroker broker;
    @Autowired IncompleteEventPublications incomplete;
    @Autowired ShardedEventRepublication republication;
    @Autowired SwitchableKafka.Broker brokerSwitch;

    private final JsonMapper json = JsonMapper.builder().build();
    private Consumer<String, String> consumer;

    @BeforeEach
    void subscribe() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "sharded-" + UUID.randomUUID(), false);
        // From the start: the platform makes its topics with 6 partitions, and a partition assigned after a send would
        // skip it with "latest"; a fresh group and new merchants' keys keep other tests' records out.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(IntegrationTopics.BANK, IntegrationTopics.INSURER, IntegrationTopics.REGULATOR));
        long until = System.currentTimeMillis() + 20_000; // take the partitions before anything is published
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
    void merchantsOnTwoShardsPublishEachFactOnceKeyedByMerchantFromTheirOwnShardsOutbox() {
        Sale onFirst = sellAndRedeem(shardSlot(1));
        Sale onSecond = sellAndRedeem(shardSlot(2));

        List<ConsumerRecord<String, String>> received = receive(Set.of(onFirst, onSecond), 4);

        assertThat(received).extracting(this::eventId).as("each fact once")
                .containsExactlyInAnyOrderElementsOf(union(onFirst.eventIds(), onSecond.eventIds()));
        for (ConsumerRecord<String, String> record : received) {
            Sale sale = eventId(record).contains(onFirst.redemptionId().toString())
                    || eventId(record).contains(onFirst.paymentOrderId().toString()) ? onFirst : onSecond;
            assertThat(record.key()).as("keyed by its merchant").isEqualTo(sale.merchantId().toString());
        }
        for (Sale sale : List.of(onFirst, onSecond)) {
            int home = shardNumberOf(sale.merchantId());
            for (int shard = 0; shard < shards.size(); shard++) {
                assertThat(publications(shard, sale.redemptionId())).as("publications of the redemption on ds_" + shard)
                        .isEqualTo(shard == home ? 1 : 0);
            }
            // marked complete on its own shard after the broker's acknowledgement, so neither resent nor kept for ever
            Eventually.awaitTrue(() -> completedPublications(home, sale) == 2, Duration.ofSeconds(10));
            assertThat(completedPublications(home, sale)).as("completed publications of the sale on ds_" + home)
                    .isEqualTo(2);
        }
    }

    @Test
    void aRestartBetweenPublishAndAcknowledgementOnAShardDuplicatesAtMostAndNeverLoses() {
        Sale acknowledged = sellAndRedeem(shardSlot(2));
        assertThat(receive(Set.of(acknowledged), 2)).extracting(this::eventId)
                .containsExactlyInAnyOrderElementsOf(acknowledged.eventIds());
        int home = shardNumberOf(acknowledged.merchantId());
        // The process dies after the broker's ack, before the publication is marked complete.
        assertThat(shards.get(home).sql("""
                update event_publication set completion_date = null, status = 'PROCESSING'
                 where listener_id like :externalizer and serialized_event like :id""")
                .param("externalizer", EXTERNALIZER).param("id", "%" + acknowledged.redemptionId() + "%").update())
                .isEqualTo(1);
        // ... and another never reached the broker before the process died.
        brokerSwitch.up.set(false);
        Sale unsent = sellAndRedeem(shardSlot(2));
        // the externalizer sends after the commit, on another thread: the switch stays off until both sends failed
        Eventually.awaitTrue(() -> failedPublications(home, unsent.paymentOrderId()) == 1
                && failedPublications(home, unsent.redemptionId()) == 1, Duration.ofSeconds(20));
        brokerSwitch.up.set(true);
        assertThat(receive(Set.of(unsent), 1, Duration.ofSeconds(3))).as("nothing sent while the broker was away").isEmpty();

        // Spring Modulith's own start-up republication, unrouted: the directory shard's table only.
        incomplete.resubmitIncompletePublications(publication -> true);
        assertThat(receive(Set.of(acknowledged, unsent), 1, Duration.ofSeconds(3))).as("ds_2 unseen by it").isEmpty();

        republication.republishOutstanding();
        List<ConsumerRecord<String, String>> again = receive(Set.of(acknowledged, unsent), 3);
        // At least once: the acknowledged redemption repeated with its eventId, the unsent facts delivered; a repeat
        // of the acknowledged purchase is allowed (at least once), a new fact is not.
        assertThat(again).extracting(this::eventId).as("nothing lost")
                .containsAll(union(Set.of("card.redeemed:" + acknowledged.redemptionId()), unsent.eventIds()));
        assertThat(again).extracting(this::eventId).as("only repeats of the same facts")
                .allMatch(id -> union(acknowledged.eventIds(), unsent.eventIds()).contains(id));
    }

    private static int shardSlot(int shard) {
        return (2 * shard + 1) * MerchantSlot.SLOTS / 6; // the middle of shard n's third of the slots
    }

    /** A new gym in {@code slot}: a consumer buys a session pack and redeems a session, everything inside its route. */
    private Sale sellAndRedeem(int slot) {
        TestMerchants.Created gym = ShardRouting.onNewMerchant(slot, () -> f.merchant(Sector.SPORTS_FITNESS, "410200"));
        UserAccount consumer = f.consumer();
        return ShardRouting.onMerchant(gym.id(), () -> {
            ProductView pack = f.sessionPack(gym, 2000, 20);
            UserAccount staff = f.staff(gym.id());
            PurchaseView purchase = purchaseDesk.purchase(consumer.actor(),
                    new BuyCard(pack.id(), pack.storeIds().get(0), pack.currentVersionId(), true));
            String providerOrderId = f.providerOrderId(purchase.paymentOrderId());
            sandbox.deliver(providerOrderId, SandboxGateway.Delivery.HOLD);
            sandbox.pay(providerOrderId);
            callbacks.receive("sandbox", sandbox.signedNotification(providerOrderId), "127.0.0.1");
            UUID cardId = f.awaitCard(purchase.id());
            RedemptionCodeView code = redemptionDesk.issueCode(consumer.actor(), cardId);
            RedemptionView redemption = redemptionDesk.redeem(staff.actor(),
                    new Redeem(code.code(), pack.storeIds().get(0), 1, null));
            return new Sale(gym.id(), purchase.paymentOrderId(), redemption.id());
        });
    }

    private long publications(int shard, UUID about) {
        return shards.get(shard).sql("select count(*) from event_publication where listener_id like :l and serialized_event like :id")
                .param("l", EXTERNALIZER).param("id", "%" + about + "%").query(Long.class).single();
    }

    private long completedPublications(int shard, Sale sale) {
        return shards.get(shard).sql("""
                select count(*) from event_publication where listener_id like :l and completion_date is not null
                   and (serialized_event like :payment or serialized_event like :redemption)""")
                .param("l", EXTERNALIZER).param("payment", "%" + sale.paymentOrderId() + "%")
                .param("redemption", "%" + sale.redemptionId() + "%").query(Long.class).single();
    }

    private long failedPublications(int shard, UUID about) {
        return shards.get(shard).sql("""
                select count(*) from event_publication where listener_id like :l and serialized_event like :id
                   and completion_date is null and status = 'FAILED'""")
                .param("l", EXTERNALIZER).param("id", "%" + about + "%").query(Long.class).single();
    }

    private String eventId(ConsumerRecord<String, String> record) {
        return json.readTree(record.value()).get("eventId").asString();
    }

    /** The records of these sales' merchants, until {@code count} arrived (then a moment more, for duplicates). */
    private List<ConsumerRecord<String, String>> receive(Set<Sale> sales, int count) {
        return receive(sales, count, Duration.ofSeconds(30));
    }

    private List<ConsumerRecord<String, String>> receive(Set<Sale> sales, int count, Duration within) {
        Set<String> merchants = new java.util.HashSet<>();
        sales.forEach(sale -> merchants.add(sale.merchantId().toString()));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long until = System.currentTimeMillis() + within.toMillis();
        while (records.size() < count && System.currentTimeMillis() < until) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> keepIfOfInterest(r, merchants, records));
        }
        consumer.poll(Duration.ofMillis(1000)).forEach(r -> keepIfOfInterest(r, merchants, records));
        return records;
    }

    /** A sale's own facts (its merchant may publish others, such as its first risk tier). */
    private void keepIfOfInterest(ConsumerRecord<String, String> record, Set<String> merchants,
                                  List<ConsumerRecord<String, String>> records) {
        String id = eventId(record);
        if (merchants.contains(record.key()) && (id.startsWith("purchase.paid:") || id.startsWith("card.redeemed:"))) {
            records.add(record);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
