package io.chipledger.api.kafka;

import io.chipledger.api.projection.DeliveryHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The health component {@code kafka}: {@code off} while nothing is published; otherwise the
 * publisher's state, its lag (events stored but not yet acknowledged by Kafka), where the brokers
 * are and the topics; {@code DEGRADED} while the publisher is stopped or retrying (Kafka away or
 * refusing). The lag is also the gauge {@value #LAG_METRIC}. The wallet never waits for Kafka.
 */
@Component("kafka")
class KafkaHealth implements HealthIndicator {

    static final String LAG_METRIC = "chipledger.kafka.lag.events";

    private final KafkaBroker broker;
    private final KafkaSettings settings;
    private final DeliveryHealth delivery;

    KafkaHealth(ObjectProvider<KafkaBroker> broker, KafkaSettings settings, DeliveryHealth delivery, MeterRegistry meters) {
        this.broker = broker.getIfAvailable();
        this.settings = settings;
        this.delivery = delivery;
        if (this.broker != null) {
            Gauge.builder(LAG_METRIC, () -> delivery.lag(KafkaPublisher.GROUP))
                    .description("Events stored but not yet acknowledged by Kafka")
                    .register(meters);
        }
    }

    @Override
    public Health health() {
        if (broker == null) {
            return Health.up().withDetail("kafka", "off: no SPRING_KAFKA_BOOTSTRAP_SERVERS and chipledger.kafka.embedded=false").build();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("brokers", broker.description());
        details.put("topics", settings.topics().all());
        return delivery.health(KafkaPublisher.GROUP, "publisher", "Kafka away or refusing", details);
    }
}
