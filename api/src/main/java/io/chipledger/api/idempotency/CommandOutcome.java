package io.chipledger.api.idempotency;

/**
 * The answer of an idempotent wallet command. A first execution learns its global position only
 * when its events are written, in the unit of work's prepare-commit phase, after the handler has
 * returned; so the outcome is filled in there, once, before the caller can see it.
 */
public final class CommandOutcome {

    private final boolean replayed;
    private RecordedOutcome recorded;

    private CommandOutcome(boolean replayed, RecordedOutcome recorded) {
        this.replayed = replayed;
        this.recorded = recorded;
    }

    static CommandOutcome replayed(RecordedOutcome recorded) {
        return new CommandOutcome(true, recorded);
    }

    static CommandOutcome pending() {
        return new CommandOutcome(false, null);
    }

    void record(RecordedOutcome outcome) {
        if (recorded != null) {
            throw new IllegalStateException("an outcome is recorded once");
        }
        recorded = outcome;
    }

    /** True when this answer is the stored result of an earlier request with the same key. */
    public boolean isReplayed() {
        return replayed;
    }

    public RecordedOutcome recorded() {
        if (recorded == null) {
            throw new IllegalStateException("the command's unit of work has not committed its outcome");
        }
        return recorded;
    }
}
