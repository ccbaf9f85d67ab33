package io.chipledger.api.analytics;

import io.chipledger.api.projection.DeliveryHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The health component {@code analytics}: {@code off} without ClickHouse; otherwise the sink's
 * state and its lag (events stored but not yet in ClickHouse), {@code DEGRADED} while the sink is
 * stopped or retrying (ClickHouse away or refusing). The lag is also the gauge
 * {@value #LAG_METRIC}. The wallet never waits for the sink.
 */
@Component("analytics")
class AnalyticsHealth implements HealthIndicator {

    static final String LAG_METRIC = "chipledger.analytics.lag.events";

    private final ClickHouseSettings settings;
    private final DeliveryHealth delivery;

    AnalyticsHealth(ClickHouseSettings settings, DeliveryHealth delivery, MeterRegistry meters) {
        this.settings = settings;
        this.delivery = delivery;
        if (settings.on()) {
            Gauge.builder(LAG_METRIC, () -> delivery.lag(ClickHouseSink.GROUP))
                    .description("Events stored but not yet written to ClickHouse by the sink")
                    .register(meters);
        }
    }

    @Override
    public Health health() {
        if (!settings.on()) {
            return Health.up().withDetail("analytics", "off: no ClickHouse configured (CHIPLEDGER_CLICKHOUSE_URL)").build();
        }
        return delivery.health(ClickHouseSink.GROUP, "sink", "ClickHouse away or refusing", Map.of());
    }
}
