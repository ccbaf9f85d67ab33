package io.chipledger.api.kafka;

import io.chipledger.analytics.kafka.StreamTopics;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Kafka publisher's settings ({@code chipledger.kafka.*}, docs/operations.md). Where Kafka is
 * comes from Spring's {@code spring.kafka.bootstrap-servers} (environment
 * {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}); without it the service starts its own broker
 * ({@link InJvmKafka}) unless {@code embedded} is false, and then publishes nothing.
 *
 * @param embedded start the in-JVM broker when no bootstrap servers are configured (default true)
 * @param embeddedPort its port on 127.0.0.1 (default 9092; 0: any free port)
 * @param embeddedLogDir where it keeps its log (default {@code <chipledger.data-dir>/kafka}); empty: a
 *        temporary directory, deleted at stop
 * @param topics the topics' names
 * @param partitions partitions of a topic the publisher creates (1-1,000; an existing topic is left as it is)
 * @param deliveryTimeout how long the producer tries one batch before the publisher gives up and
 *        tries it again later (producer {@code delivery.timeout.ms}; 5 s to 10 min)
 * @param messageBytesMax the largest message (1 KiB to 1 MiB, the brokers' default limit); a larger
 *        event is parked, never sent
 */
@ConfigurationProperties("chipledger.kafka")
public record KafkaSettings(boolean embedded, int embeddedPort, Path embeddedLogDir, StreamTopics topics, int partitions,
                            Duration deliveryTimeout, int messageBytesMax) {

    static final Duration DELIVERY_TIMEOUT_MIN = Duration.ofSeconds(5);
    static final Duration DELIVERY_TIMEOUT_MAX = Duration.ofMinutes(10);
    static final int MESSAGE_BYTES_MAX = 1_048_576;

    public KafkaSettings {
        topics = topics == null ? StreamTopics.DEFAULT : topics;
        deliveryTimeout = deliveryTimeout == null ? Duration.ofSeconds(30) : deliveryTimeout;
        if (embeddedPort < 0 || embeddedPort > 65_535) {
            throw new IllegalArgumentException("chipledger.kafka.embedded-port must be a port (0 for any free one): " + embeddedPort);
        }
        if (partitions < 1 || partitions > 1_000) {
            throw new IllegalArgumentException("chipledger.kafka.partitions must be 1 to 1000: " + partitions);
        }
        if (deliveryTimeout.compareTo(DELIVERY_TIMEOUT_MIN) < 0 || deliveryTimeout.compareTo(DELIVERY_TIMEOUT_MAX) > 0) {
            throw new IllegalArgumentException("chipledger.kafka.delivery-timeout must be 5s to 10m: " + deliveryTimeout);
        }
        if (messageBytesMax < 1024 || messageBytesMax > MESSAGE_BYTES_MAX) {
            throw new IllegalArgumentException("chipledger.kafka.message-bytes-max must be 1024 to 1048576: " + messageBytesMax);
        }
    }

    /** The in-JVM broker's log directory, or null for a temporary one. */
    Path logDirOrTemporary() {
        return embeddedLogDir == null || embeddedLogDir.toString().isBlank() ? null : embeddedLogDir;
    }
}
