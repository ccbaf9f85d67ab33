package io.chipledger.api.projection;

import org.springframework.stereotype.Component;

/**
 * Every read of a read model by the partner API goes through {@link #prepare}: refused while the read
 * model is rebuilt ({@link RebuildingProjections}), and, with {@code consistent_with}, waiting for it.
 *
 * <p>Read-your-writes for a query with {@code consistent_with}: the read goes ahead once the
 * projection has the event at that position in its read model. Handled is not enough: an event
 * the projection parked ({@link DeadLetters}) is handled but not in the read model, and neither
 * are the later events of its wallet, so a read of a wallet with parked events is refused
 * ({@link ProjectionParkedException}, 503) rather than answered without them.
 */
@Component
public class ConsistentReads {

    private final ProjectionProgress progress;
    private final DeadLetters deadLetters;
    private final RebuildingProjections rebuilding;

    ConsistentReads(ProjectionProgress progress, DeadLetters deadLetters, RebuildingProjections rebuilding) {
        this.progress = progress;
        this.deadLetters = deadLetters;
        this.rebuilding = rebuilding;
    }

    /**
     * Returns when {@code group}'s read model may answer a read of {@code aggregateId}: it is not
     * being rebuilt, and, when {@code consistentWith} is given, it holds the event at that position
     * ({@link #await}). Checked again after the wait: a rebuild may have started while it waited.
     *
     * @throws ProjectionRebuildingException the read model is being rebuilt (503)
     */
    public void prepare(String group, Long consistentWith, String aggregateId) {
        rebuilding.requireServing(group);
        if (consistentWith != null) {
            await(group, consistentWith, aggregateId);
            rebuilding.requireServing(group);
        }
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
