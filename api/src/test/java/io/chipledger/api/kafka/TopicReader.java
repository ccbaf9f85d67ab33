package io.chipledger.api.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer as another service would write it, against docs/events.md only: plain kafka-clients,
 * the envelope read as JSON, no class of the project. It reads a topic from its start.
 */
public final class TopicReader implements AutoCloseable {

    /** One message as a consumer sees it: key, headers (texts) and the envelope. */
    public record Message(String topic, int partition, long offset, String key, Map<String, String> headers, JsonNode envelope) {

        public String header(String name) {
            return headers.get(name);
        }

        public JsonNode data() {
            return envelope.get("data");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Message> read = new ArrayList<>();

    public TopicReader(String bootstrapServers, String... topics) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer = new KafkaConsumer<>(properties);
        consumer.subscribe(List.of(topics));
    }

    /**
     * Reads until {@code done} holds for the messages {@code wanted} selects (in the order they
     * arrived, per partition), or fails after {@code waitMax}.
     */
    public List<Message> readUntil(Predicate<Message> wanted, Predicate<List<Message>> done, Duration waitMax) {
        List<Message> selected = readAtMost(wanted, done, waitMax);
        if (!done.test(selected)) {
            throw new AssertionError("after " + waitMax + " only " + selected.size() + " messages were read: " + selected);
        }
        return selected;
    }

    /** As {@link #readUntil}, but answers what was read when {@code waitMax} has passed, for the caller to judge. */
    public List<Message> readAtMost(Predicate<Message> wanted, Predicate<List<Message>> done, Duration waitMax) {
        Instant deadline = Instant.now().plus(waitMax);
        List<Message> selected = new ArrayList<>(read.stream().filter(wanted).toList());
        while (!done.test(selected) && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Message message = message(record);
                read.add(message);
                if (wanted.test(message)) {
                    selected.add(message);
                }
            }
        }
        return selected;
    }

    /** Every message the partner's events made (its header {@code partner_id}). */
    public static Predicate<Message> ofPartner(String partnerId) {
        return message -> partnerId.equals(message.header("partner_id"));
    }

    private static Message message(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        try {
            return new Message(record.topic(), record.partition(), record.offset(), record.key(), headers, JSON.readTree(record.value()));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("a message that is not JSON on " + record.topic(), unreadable);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
