package io.chipledger.api.projection;

import org.springframework.stereotype.Component;

/**
 * Read-your-writes for a query with {@code consistent_with}: the read goes ahead once the
 * projection has the event at that position in its read model. Handled is not enough: an event
 * the projection parked ({@link DeadLetters}) is handled but not in the read model, and neither
 * are the later events of its wallet, so a read of a wallet with parked events is refused
 * ({@link ProjectionParkedException}, 503) rather than answered without them.
 */
@Component
public class ConsistentReads {

    private final ProjectionProgress progress;
    private final DeadLetters deadLetters;

    ConsistentReads(ProjectionProgress progress, DeadLetters deadLetters) {
        this.progress = progress;
        this.deadLetters = deadLetters;
    }

    /**
     * Returns once {@code group}'s read model holds the event at {@code position} of
     * {@code aggregateId}; the limits and errors are those of {@link ProjectionProgress#awaitHandled},
     * and {@link ProjectionParkedException} when the aggregate has events parked in {@code group}.
     */
    public void await(String group, long position, String aggregateId) {
        progress.awaitHandled(group, position, aggregateId);
        if (deadLetters.isParked(group, aggregateId)) {
            throw new ProjectionParkedException(group);
        }
    }
}
