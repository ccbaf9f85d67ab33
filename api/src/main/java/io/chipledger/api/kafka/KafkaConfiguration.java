package io.chipledger.api.kafka;

import io.chipledger.analytics.kafka.StreamMappings;
import io.chipledger.api.asset.AssetRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

/**
 * The Kafka publisher's parts (issue 16), built here rather than by Spring Boot's Kafka
 * auto-configuration (excluded) so that one page says how: where the brokers are
 * ({@link KafkaBroker}), the producer, the topics. Connection settings of {@code spring.kafka.*}
 * (security, client id, SASL) apply; what the delivery guarantee rests on is fixed here and cannot be
 * configured away: {@code acks=all}, the idempotent producer, at most 5 requests in flight (Kafka
 * keeps their order per partition with idempotence).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnKafka
@EnableConfigurationProperties(KafkaProperties.class)
class KafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);
    /** Room for the record batch's own header around the largest message. */
    private static final int REQUEST_OVERHEAD_BYTES = 16 * 1024;

    @Bean(destroyMethod = "close")
    KafkaBroker kafkaBroker(@Value("${spring.kafka.bootstrap-servers:}") String bootstrapServers, KafkaSettings settings) {
        KafkaBroker broker = bootstrapServers.isBlank()
                ? KafkaBroker.inJvm(InJvmKafka.start(settings.embeddedPort(), settings.logDirOrTemporary()))
                : KafkaBroker.external(bootstrapServers);
        log.info("Kafka: publishing to {}: topics {}", broker.description(), String.join(", ", settings.topics().all()));
        return broker;
    }

    @Bean
    ProducerFactory<String, byte[]> kafkaProducerFactory(KafkaBroker broker, KafkaProperties kafka, KafkaSettings settings) {
        Map<String, Object> properties = new HashMap<>(kafka.buildProducerProperties(null));
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        int deliveryMillis = Math.toIntExact(settings.deliveryTimeout().toMillis());
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMillis);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, deliveryMillis / 3);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryMillis / 3);
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, settings.messageBytesMax() + REQUEST_OVERHEAD_BYTES);
        properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        properties.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new DefaultKafkaProducerFactory<>(properties);
    }

    @Bean
    KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> producers) {
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(producers);
        // Not an ERROR line per message while Kafka is away: the publisher reports the failed batch once, and retries it.
        template.setProducerListener(new ProducerListener<>() {
        });
        return template;
    }

    /** Creates the topics that are missing (at start, and again by the publisher after a failure); never alters one. */
    @Bean
    KafkaAdmin kafkaAdmin(KafkaBroker broker, KafkaProperties kafka) {
        Map<String, Object> properties = new HashMap<>(kafka.buildAdminProperties(null));
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        KafkaAdmin admin = new KafkaAdmin(properties);
        // Kafka away at start must not stop the wallet: the publisher creates the topics when it first reaches it.
        admin.setFatalIfBrokerNotAvailable(false);
        admin.setModifyTopicConfigs(false);
        return admin;
    }

    @Bean
    KafkaAdmin.NewTopics streamTopics(KafkaSettings settings) {
        return new KafkaAdmin.NewTopics(newTopics(settings));
    }

    /** The topics, with the configured partitions and the brokers' default replication. */
    static NewTopic[] newTopics(KafkaSettings settings) {
        return settings.topics().all().stream()
                .map(name -> TopicBuilder.name(name).partitions(settings.partitions()).build())
                .toArray(NewTopic[]::new);
    }

    /** The messages of each event, refused above the topics' limit ({@link MessageLimit}). */
    @Bean
    StreamMappings streamMappings(KafkaSettings settings, AssetRegistry assets, MessageLimit limit) {
        return new StreamMappings(settings.topics(), assets::find, limit::bytes);
    }

    @Bean
    MessageLimit messageLimit(KafkaSettings settings) {
        return new MessageLimit(settings.messageBytesMax());
    }
}
