package io.chipledger.api.projection;

/**
 * A rebuild that could not empty the read model (503): a lock not granted in time, or a database
 * error. Its transaction rolled back, so the old rows and parked events are kept and the processor
 * runs on; when even the old tokens could not be put back, the detail says the projection replays
 * its history over the old rows instead.
 */
public class RebuildFailedException extends RuntimeException {

    RebuildFailedException(String name, String reason, boolean tokensKept) {
        super("the rebuild of " + name + " failed: " + reason + ". " + (tokensKept
                ? "Nothing was reset: it goes on with its old rows and new events. Retry the rebuild"
                : "Its rows were kept, but its old tokens could not be put back: it replays the history over them and reads "
                        + "answer projection-rebuilding until it has caught up"));
    }
}
