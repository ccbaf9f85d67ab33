package io.chipledger.api.projection;

import io.chipledger.api.OperatorAttention;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The health and lag of a group that delivers events elsewhere ({@link TrackingGroups#DELIVERIES}):
 * its processor's state and its lag, the events stored but not yet delivered. {@code DEGRADED}
 * while the processor is stopped or retrying (the other system away or refusing), and while it is
 * stalled ({@link StallWatch}). The wallet never waits for it.
 */
@Component
public class DeliveryHealth {

    private final EventProcessingConfiguration processing;
    private final ProjectionPositions positions;
    private final StallWatch stalls;

    DeliveryHealth(EventProcessingConfiguration processing, ProjectionPositions positions, StallWatch stalls) {
        this.processing = processing;
        this.positions = positions;
        this.stalls = stalls;
    }

    /** Events stored but not yet delivered by {@code group}, never below 0. */
    public long lag(String group) {
        return positions.lag(group);
    }

    /**
     * The group's health: {@code role} (e.g. {@code sink}) with its state, saying {@code whenRetrying}
     * while it retries, then {@code lag_events}, then {@code details}.
     */
    public Health health(String group, String role, String whenRetrying, Map<String, Object> details) {
        ProcessorState state = ProcessorState.of(processing.eventProcessor(group, StreamingEventProcessor.class).orElse(null));
        StallWatch.Reading reading = stalls.read(group);
        String stalled = reading.stalled();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put(role, stalled != null ? stalled : state == ProcessorState.RETRYING ? state.words() + ": " + whenRetrying : state.words());
        all.put("lag_events", reading.lag());
        all.putAll(details);
        boolean up = state == ProcessorState.RUNNING && stalled == null;
        return Health.status(up ? Status.UP : OperatorAttention.DEGRADED).withDetails(all).build();
    }
}
