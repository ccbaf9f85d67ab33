package io.chipledger.api.projection;

/**
 * A read of a read model that is being rebuilt (503, {@code Retry-After}): its tables hold only part
 * of the history until the replay has caught up, so no answer from them would be whole.
 */
public class ProjectionRebuildingException extends RuntimeException {

    private final String projection;
    private final long retryAfterSeconds;

    ProjectionRebuildingException(String projection, long replayedThrough, long target, long retryAfterSeconds) {
        super("projection " + projection + " is being rebuilt from the event history (replayed through position "
                + Math.max(replayedThrough, 0) + " of " + target + "); its answers are incomplete until it has caught up, so "
                + "none is given: retry after " + retryAfterSeconds + " s");
        this.projection = projection;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String projection() {
        return projection;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
