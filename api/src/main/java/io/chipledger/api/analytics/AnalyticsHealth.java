package io.chipledger.api.analytics;

import io.chipledger.api.OperatorAttention;
import io.chipledger.api.projection.ProcessorState;
import io.chipledger.api.projection.ProjectionPositions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
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
    private final EventProcessingConfiguration processing;
    private final ProjectionPositions positions;

    AnalyticsHealth(ClickHouseSettings settings, EventProcessingConfiguration processing, ProjectionPositions positions,
                    MeterRegistry meters) {
        this.settings = settings;
        this.processing = processing;
        this.positions = positions;
        if (settings.on()) {
            Gauge.builder(LAG_METRIC, this, AnalyticsHealth::lag)
                    .description("Events stored but not yet written to ClickHouse by the sink")
                    .register(meters);
        }
    }

    private double lag() {
        return Math.max(0, positions.head() - positions.position(ClickHouseSink.GROUP));
    }

    @Override
    public Health health() {
        if (!settings.on()) {
            return Health.up().withDetail("analytics", "off: no ClickHouse configured (CHIPLEDGER_CLICKHOUSE_URL)").build();
        }
        ProcessorState state = ProcessorState.of(processing.eventProcessor(ClickHouseSink.GROUP, StreamingEventProcessor.class).orElse(null));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sink", state == ProcessorState.RETRYING ? state.words() + ": ClickHouse away or refusing" : state.words());
        details.put("lag_events", (long) lag());
        return Health.status(state == ProcessorState.RUNNING ? Status.UP : OperatorAttention.DEGRADED).withDetails(details).build();
    }
}
