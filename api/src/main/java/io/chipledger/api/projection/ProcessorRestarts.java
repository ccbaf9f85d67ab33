package io.chipledger.api.projection;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.ProcessRetriesExhaustedException;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stops and starts a streaming processor for the admin operations that move its position (a
 * rebuild, a resend), so that neither a slow stop nor a start close behind a stop leaves it down.
 *
 * <p>Axon 4.13's tracking processor waits one second for its segment launcher to notice a stop and
 * then throws, although the stop goes on; and it refuses a start while a worker of the stop still
 * ends. Either left the processor stopped for good when the caller gave up. Here a stop is waited
 * for, and a start is tried again, each up to a bound. (The third fault of that processor, a
 * thread lost when a stop overtakes the launcher's hand-over to the last worker, is kept away by
 * a thread to spare beyond the segments: application.yml, {@code TrackingProcessorThreadsTest}.)
 */
@Component
class ProcessorRestarts {

    /** How long a stop may take: a batch in progress ends first (Kafka's acknowledgements take up to the delivery timeout). */
    static final Duration STOP_WAIT_MAX = Duration.ofSeconds(60);
    /** How long a start is tried again while the stopped workers end. */
    static final Duration START_WAIT_MAX = Duration.ofSeconds(30);
    /** How long a start waits for the processor to claim a segment again, so the next stop finds it working. */
    static final Duration CLAIM_WAIT_MAX = Duration.ofSeconds(10);
    private static final long RETRY_PAUSE_MILLIS = 50;

    private static final Logger log = LoggerFactory.getLogger(ProcessorRestarts.class);

    /**
     * Stops {@code processor} and returns once its workers have ended.
     *
     * @throws IllegalStateException when they have not ended within {@link #STOP_WAIT_MAX}; the processor is stopping
     */
    void pause(StreamingEventProcessor processor) {
        long deadline = System.nanoTime() + STOP_WAIT_MAX.toNanos();
        while (true) {
            try {
                processor.shutDown();
                return;
            } catch (ProcessRetriesExhaustedException launcherStillBusy) {
                // Axon gave its launcher a second to see the stop (a claim in a slow transaction takes longer): wait on.
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("processor " + processor.getName() + " did not stop within " + STOP_WAIT_MAX,
                            launcherStillBusy);
                }
                if (!pausedBriefly()) {
                    throw new IllegalStateException("interrupted while processor " + processor.getName() + " stopped", launcherStillBusy);
                }
            }
        }
    }

    /**
     * Starts {@code processor} again and waits (at most {@link #CLAIM_WAIT_MAX}) until it works a
     * segment. Never throws: a processor that cannot start is logged as an error, and its health
     * says "stopped".
     */
    void resume(StreamingEventProcessor processor) {
        long deadline = System.nanoTime() + START_WAIT_MAX.toNanos();
        while (true) {
            try {
                processor.start();
                break;
            } catch (IllegalStateException workersStillEnding) {
                if (System.nanoTime() > deadline) {
                    log.error("Processor {} could not be started again within {}: {}", processor.getName(), START_WAIT_MAX,
                            workersStillEnding.getMessage());
                    return;
                }
                if (!pausedBriefly()) {
                    return;
                }
            }
        }
        long claimDeadline = System.nanoTime() + CLAIM_WAIT_MAX.toNanos();
        while (processor.processingStatus().isEmpty() && System.nanoTime() < claimDeadline) {
            if (!pausedBriefly()) {
                return;
            }
        }
    }

    /** False when interrupted (the flag is kept for the caller). */
    private static boolean pausedBriefly() {
        try {
            TimeUnit.MILLISECONDS.sleep(RETRY_PAUSE_MILLIS);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
