package io.chipledger.api.projection;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;

/** What one tracking processor of this node is doing, in the words health shows: the one place that decides it. */
public enum ProcessorState {
    RUNNING("running"),
    RETRYING("retrying after an error"),
    STOPPED("stopped");

    private final String words;

    ProcessorState(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /**
     * Stopped (or absent), retrying (the processor in error, or a segment whose batch failed: its
     * worker let the claim go and waits, 1 s doubling to 60 s, to try again), or running.
     */
    public static ProcessorState of(StreamingEventProcessor processor) {
        if (processor == null || !processor.isRunning()) {
            return STOPPED;
        }
        boolean retrying = processor.isError() || processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
        return retrying ? RETRYING : RUNNING;
    }
}
