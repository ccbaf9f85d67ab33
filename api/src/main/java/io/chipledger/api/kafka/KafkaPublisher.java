package io.chipledger.api.kafka;

import io.chipledger.analytics.kafka.LedgerEvent;
import io.chipledger.analytics.kafka.StreamMappings;
import io.chipledger.analytics.kafka.StreamMessage;
import io.chipledger.api.projection.ProcessorBatch;
import io.chipledger.api.projection.TrackingGroups;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The Kafka publisher (issue 16): a tracking processor ({@value #GROUP}) that sends every stored
 * event to the topics {@link StreamMappings} names as it handles it, and lets the batch (and so its
 * token) commit only when the broker has acknowledged every message of it ({@code acks=all},
 * idempotent producer). A batch the broker does not take within the delivery
 * timeout fails: the token stays, Axon tries the batch again after a pause (up to a minute apart)
 * and the wallet goes on meanwhile. Delivery is at least once: what was acknowledged before the
 * failure is sent again, and consumers deduplicate by {@code event_id}.
 *
 * <p>The event's stored JSON is sent as it is, never deserialized and written again; only money
 * events and raised AML alerts are read as objects, for their derived topics. An event that cannot
 * become a message (larger than the topics take) fails in the handler, so the group's dead-letter
 * queue parks it, with its wallet's later events behind it in order, and everyone else goes on.
 */
@Component
@ProcessingGroup(KafkaPublisher.GROUP)
@ConditionalOnKafka
class KafkaPublisher {

    static final String GROUP = TrackingGroups.KAFKA_PUBLISHER;
    static final String PUBLISHED_METRIC = "chipledger.kafka.published.messages";
    private static final String BATCH_RESOURCE = KafkaPublisher.class.getName() + ".batch";
    /** The acknowledgements are waited for a little past the producer's own delivery timeout, which fails them first. */
    private static final Duration ACK_WAIT_MARGIN = Duration.ofSeconds(5);

    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaAdmin admin;
    private final NewTopic[] topics;
    private final MessageLimit messageLimit;
    private final StreamMappings mappings;
    private final Serializer serializer;
    private final Duration ackWaitMax;
    private final Counter published;
    private volatile boolean topicsChecked;

    KafkaPublisher(KafkaTemplate<String, byte[]> kafka, KafkaAdmin admin, StreamMappings mappings, MessageLimit messageLimit,
                   @Qualifier("eventSerializer") Serializer serializer, KafkaSettings settings, MeterRegistry meters) {
        this.kafka = kafka;
        this.admin = admin;
        this.topics = KafkaConfiguration.newTopics(settings);
        this.messageLimit = messageLimit;
        this.mappings = mappings;
        this.serializer = serializer;
        this.ackWaitMax = settings.deliveryTimeout().plus(ACK_WAIT_MARGIN);
        this.published = Counter.builder(PUBLISHED_METRIC).description("Messages the Kafka broker acknowledged").register(meters);
    }

    /** The acknowledgements of one processor batch's messages, and the first failure to send one. */
    private static final class Sending {
        final List<CompletableFuture<?>> acknowledgements = new ArrayList<>();
        Exception failed;
    }

    @EventHandler
    void on(DomainEventMessage<?> event) {
        // The stored bytes themselves: the payload is not deserialized for this (SerializedMessage hands them back).
        SerializedObject<byte[]> stored = event.serializePayload(serializer, byte[].class);
        MetaData metaData = event.getMetaData();
        LedgerEvent ledgerEvent = new LedgerEvent(event.getIdentifier(), stored.getType().getName(), event.getTimestamp(),
                event.getAggregateIdentifier(), event.getSequenceNumber(), event.getPayloadType(), stored.getData(),
                event::getPayload, text(metaData.get("partner_id")), text(metaData.get("correlationId")));
        List<StreamMessage> messages = mappings.messages(ledgerEvent); // an event that cannot be a message is parked here
        Sending sending = ProcessorBatch.pending(BATCH_RESOURCE, Sending::new, this::awaitAcknowledgements);
        if (sending.failed != null) {
            return; // the batch fails as it commits, and is tried again whole
        }
        // Sent now, while the processor reads on; the batch commits once every message of it is acknowledged.
        try {
            if (!topicsChecked) {
                checkTopics();
                topicsChecked = true;
            }
            for (StreamMessage message : messages) {
                sending.acknowledgements.add(kafka.send(record(message)));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            sending.failed = interrupted;
        } catch (ExecutionException | TimeoutException | RuntimeException failed) {
            // Kafka away is no fault of this event: nothing is parked for it.
            sending.failed = failed;
        }
    }

    private void awaitAcknowledgements(Sending sending) {
        List<CompletableFuture<?>> acknowledgements = sending.acknowledgements;
        try {
            if (sending.failed != null) {
                throw new ExecutionException(sending.failed);
            }
            CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new)).get(ackWaitMax.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException failed) {
            topicsChecked = false;
            Throwable cause = failed instanceof ExecutionException ? failed.getCause() : failed;
            throw new IllegalStateException("Kafka did not acknowledge a batch (" + acknowledged(acknowledgements) + " of "
                    + acknowledgements.size() + " messages sent were; all are sent again with the batch): " + cause, cause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Kafka acknowledged a batch", interrupted);
        }
        published.increment(acknowledgements.size());
    }

    /**
     * Creates the topics that are missing (Kafka may have been away at start, or a topic deleted since)
     * and learns the largest message each takes ({@link MessageLimit}).
     */
    private void checkTopics() throws ExecutionException, InterruptedException, TimeoutException {
        admin.createOrModifyTopics(topics);
        List<ConfigResource> resources = Arrays.stream(topics).map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                .toList();
        try (AdminClient client = AdminClient.create(admin.getConfigurationProperties())) {
            Map<ConfigResource, Config> configs = client.describeConfigs(resources).all().get(ackWaitMax.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Integer> maxMessageBytes = new HashMap<>();
            configs.forEach((topic, config) -> maxMessageBytes.put(topic.name(),
                    Integer.parseInt(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value())));
            messageLimit.topics(maxMessageBytes);
        }
    }

    private static ProducerRecord<String, byte[]> record(StreamMessage message) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(message.topic(), message.key(), message.value());
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            record.headers().add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static long acknowledged(List<CompletableFuture<?>> acknowledgements) {
        return acknowledgements.stream().filter(ack -> ack.isDone() && !ack.isCompletedExceptionally()).count();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
