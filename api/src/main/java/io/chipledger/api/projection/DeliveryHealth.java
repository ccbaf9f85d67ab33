package io.chipledger.api.projection;

import io.chipledger.api.OperatorAttention;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The health and lag of a group that delivers events elsewhere ({@link TrackingGroups#DELIVERIES}):
 * its processor's state and its lag, the events stored but not yet delivered. {@code DEGRADED}
 * while the processor is stopped or retrying (the other system away or refusing), and while it is
 * stalled: events wait and its position, shared by every node, has not moved for
 * {@link #STALLED_AFTER}, whatever the processor says of itself. The wallet never waits for it.
 */
@Component
public class DeliveryHealth {

    /** A position that has not moved for this long while events wait is a delivery that stopped. */
    static final Duration STALLED_AFTER = Duration.ofMinutes(1);

    private final EventProcessingConfiguration processing;
    private final ProjectionPositions positions;
    private final Clock clock;
    /** Per group, the position last seen and since when: what tells a stalled delivery from a slow one. */
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    private record Seen(long position, Instant since) {
    }

    DeliveryHealth(EventProcessingConfiguration processing, ProjectionPositions positions, Clock clock) {
        this.processing = processing;
        this.positions = positions;
        this.clock = clock;
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
        long position = positions.position(group);
        long lag = positions.lag(group);
        Instant now = clock.instant();
        Seen last = seen.compute(group, (key, before) -> before == null || before.position() != position ? new Seen(position, now) : before);
        Duration still = Duration.between(last.since(), now);
        boolean stalled = lag > 0 && still.compareTo(STALLED_AFTER) >= 0;
        Map<String, Object> all = new LinkedHashMap<>();
        all.put(role, stalled ? "stalled: " + lag + " events wait and nothing was delivered for " + still.toSeconds() + " s"
                : state == ProcessorState.RETRYING ? state.words() + ": " + whenRetrying : state.words());
        all.put("lag_events", lag);
        all.putAll(details);
        boolean up = state == ProcessorState.RUNNING && !stalled;
        return Health.status(up ? Status.UP : OperatorAttention.DEGRADED).withDetails(all).build();
    }
}
