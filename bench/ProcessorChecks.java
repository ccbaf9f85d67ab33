import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What AnalyticsEndToEnd checks after a processor other than the ClickHouse sink reached the head:
 * it parked nothing, and what it made adds up (the AML engine's profiles and alerts; the Kafka
 * publisher's messages, at least one per stored event on the ledger topic). Public: the benches run
 * as source files, in a class loader of their own.
 */
public final class ProcessorChecks {

    /** The service's in-JVM broker in the benches: not 9092, which a developer's service may hold. */
    public static final String KAFKA_PORT = AnalyticsSupport.env("BENCH_KAFKA_PORT", "19092");
    public static final String LEDGER_TOPIC = "chipledger.ledger.events";

    private ProcessorChecks() {
    }

    /** The report's line on what the processor made; ends the run when something does not add up. */
    public static String after(String processor, Connection store, long head) throws Exception {
        long parked = single(store, "SELECT count(*) FROM dead_letter_entry WHERE processing_group = '" + processor + "'");
        AnalyticsSupport.require(parked == 0, processor + " parked " + parked + " events");
        if (processor.equals("aml-engine")) {
            return String.format(Locale.ROOT, "Checked: %s parked nothing; %,d player profiles, %,d alerts decided.", processor,
                    single(store, "SELECT count(*) FROM aml_player_profile"),
                    single(store, "SELECT (SELECT count(*) FROM aml_alert_outbox) + (SELECT count(*) FROM aml_alert)"));
        }
        if (processor.equals("kafka-publisher")) {
            long events = single(store, "SELECT count(*) FROM domain_event_entry");
            long messages = messages("127.0.0.1:" + KAFKA_PORT, LEDGER_TOPIC);
            AnalyticsSupport.require(messages >= events, LEDGER_TOPIC + " holds " + messages + " messages for " + events + " stored events");
            return String.format(Locale.ROOT, "Checked: %s parked nothing; %s holds %,d messages for the store's %,d events (%,d sent twice).",
                    processor, LEDGER_TOPIC, messages, events, messages - events);
        }
        if (processor.equals("player-segments")) {
            return String.format(Locale.ROOT, "Checked: %s parked nothing; %,d players segmented, %,d segment changes kept.", processor,
                    single(store, "SELECT count(*) FROM player_segment"), single(store, "SELECT count(*) FROM player_segment_change"));
        }
        return "Checked: " + processor + " parked nothing.";
    }

    /** The messages a topic holds: the sum of its partitions' end offsets (a fresh broker's topics start at 0). */
    public static long messages(String bootstrapServers, String topic) {
        // The bench's own logging has no configuration (DEBUG): Kafka's client would print its whole configuration.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.kafka")).setLevel(ch.qos.logback.classic.Level.WARN);
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map((PartitionInfo info) -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            return ends.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static long single(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            AnalyticsSupport.require(row.next(), "no answer to " + sql);
            return row.getLong(1);
        }
    }
}
