package io.chipledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;

/**
 * A delivery whose position has not moved for a minute while events wait is DEGRADED and says
 * "stalled", whatever its processor says of itself: the red team's stuck publisher reported
 * "running" and UP while nothing was sent.
 */
class StallWatchTest extends LedgerApiTest {

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private ProjectionPositions positions;

    @Test
    void aPositionThatDoesNotMoveWhileEventsWaitIsStalled() {
        StreamingEventProcessor publisher = processing.eventProcessor(TrackingGroups.KAFKA_PUBLISHER, StreamingEventProcessor.class)
                .orElseThrow();
        MovingClock clock = new MovingClock();
        DeliveryHealth health = new DeliveryHealth(processing, positions, new StallWatch(positions, clock));
        publisher.shutDown();
        try {
            client.deposit(client.newPartner()[1], "lou", "5.00", "USD");
            Health first = health.health(TrackingGroups.KAFKA_PUBLISHER, "publisher", "away", Map.of());
            assertThat(first.getDetails().get("publisher")).isEqualTo("stopped");
            clock.now = clock.now.plus(StallWatch.STALLED_AFTER).plusSeconds(1);
            Health later = health.health(TrackingGroups.KAFKA_PUBLISHER, "publisher", "away", Map.of());
            assertThat(later.getStatus().getCode()).isEqualTo("DEGRADED");
            assertThat((String) later.getDetails().get("publisher")).startsWith("stalled: ").contains("nothing was handled for 61 s");
        } finally {
            publisher.start();
        }
    }

    /** The same for a read model: its processor runs, but holds no segment (released), so nothing moves its position. */
    @Test
    void aReadModelWhosePositionDoesNotMoveIsStalledToo() throws Exception {
        StreamingEventProcessor playLog = processing.eventProcessor("play-log", StreamingEventProcessor.class).orElseThrow();
        MovingClock clock = new MovingClock();
        ProjectionProcessorsHealth health = new ProjectionProcessorsHealth(processing, new StallWatch(positions, clock));
        playLog.releaseSegment(0, 5, java.util.concurrent.TimeUnit.SECONDS);
        // Released once its worker has finished the batch in hand (on a busy run it may be catching up).
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(4);
        while (!playLog.processingStatus().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(playLog.processingStatus()).as("play-log released its segment").isEmpty();
        client.deposit(client.newPartner()[1], "mo", "5.00", "USD");
        assertThat(health.health().getDetails().get("play-log")).isEqualTo("running");
        clock.now = clock.now.plus(StallWatch.STALLED_AFTER).plusSeconds(1);
        Health later = health.health();
        assertThat(later.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat((String) later.getDetails().get("play-log")).startsWith("stalled: ");
    }

    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
