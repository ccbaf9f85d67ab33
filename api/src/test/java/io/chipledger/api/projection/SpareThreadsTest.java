package io.chipledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every tracking processor of the service has a thread to spare beyond its segments, which keeps
 * Axon 4.13's launcher out of the hand-over in which a stop loses a thread for good
 * ({@link TrackingProcessorThreadsTest} shows the fault; application.yml sets the counts).
 */
class SpareThreadsTest extends LedgerApiTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void everyTrackingProcessorHasAThreadToSpareBeyondItsSegments() {
        List<String> tracking = processing.eventProcessors().values().stream()
                .filter(TrackingEventProcessor.class::isInstance).map(EventProcessor::getName).toList();
        assertThat(tracking).contains(TrackingGroups.KAFKA_PUBLISHER, "wallet-balances", "wallet-activity-feed");
        for (String group : tracking) {
            TrackingEventProcessor processor = processing.eventProcessor(group, TrackingEventProcessor.class).orElseThrow();
            assertThat(processor.maxCapacity()).as("threads of %s", group)
                    .isGreaterThan(processing.tokenStore(group).fetchSegments(group).length);
        }
    }
}
