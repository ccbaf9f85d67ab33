package io.chipledger.api.projection;

import io.chipledger.api.OperatorAttention;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The health component {@code projectionProcessors}: {@code DEGRADED} while any of this node's
 * tracking processors is stopped or retrying after an error (a batch that keeps failing, the
 * database away), or stalled ({@link StallWatch}), because its read model then falls behind; the
 * details say which, for staff. A running processor that holds no segment is fine while the group's
 * position moves: another node processes them.
 */
@Component("projectionProcessors")
class ProjectionProcessorsHealth implements HealthIndicator {

    private final EventProcessingConfiguration processing;
    private final StallWatch stalls;

    ProjectionProcessorsHealth(EventProcessingConfiguration processing, StallWatch stalls) {
        this.processing = processing;
        this.stalls = stalls;
    }

    @Override
    public Health health() {
        Map<String, Object> states = new LinkedHashMap<>();
        boolean allRunning = true;
        for (String group : TrackingGroups.ALL) {
            if (TrackingGroups.DELIVERIES.contains(group)) {
                continue; // the components analytics and kafka report them, with their lag: a system away is not a read model behind
            }
            ProcessorState state = ProcessorState.of(processing.eventProcessor(group, StreamingEventProcessor.class).orElse(null));
            String stalled = state == ProcessorState.RUNNING ? stalls.read(group).stalled() : null;
            allRunning &= state == ProcessorState.RUNNING && stalled == null;
            states.put(group, stalled != null ? stalled : state.words());
        }
        return Health.status(allRunning ? Status.UP : OperatorAttention.DEGRADED).withDetails(states).build();
    }
}
