package io.chipledger.api.projection;

import io.chipledger.api.OperatorAttention;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Parked events where operators look: the health component {@code parkedEvents} is
 * {@code DEGRADED} while any projection has parked events (the wallet still answers, so it is
 * neither DOWN nor part of the liveness or readiness probes), with the count per group in its
 * details for staff; and the gauge {@code chipledger.projection.parked}, tagged {@code group}.
 */
@Component("parkedEvents")
class ParkedEventsHealth implements HealthIndicator, MeterBinder {

    private final DeadLetters deadLetters;

    ParkedEventsHealth(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public Health health() {
        Map<String, Long> parked = deadLetters.parkedPerGroup();
        boolean anyParked = parked.values().stream().anyMatch(count -> count > 0);
        return Health.status(anyParked ? OperatorAttention.DEGRADED : Status.UP).withDetails(Map.copyOf(parked)).build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String group : TrackingGroups.ALL) {
            Gauge.builder("chipledger.projection.parked", () -> deadLetters.parked(group))
                    .tag("group", group)
                    .description("Events the projection parked in its dead-letter queue")
                    .register(registry);
        }
    }
}
