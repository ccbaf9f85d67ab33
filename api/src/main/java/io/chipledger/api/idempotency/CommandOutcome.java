package io.chipledger.api.idempotency;

/**
 * The answer of an idempotent wallet command: its recorded outcome, and whether this answer is
 * the stored result of an earlier request with the same key.
 */
public record CommandOutcome(RecordedOutcome recorded, boolean isReplayed) {
}
