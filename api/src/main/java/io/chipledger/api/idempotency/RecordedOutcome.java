package io.chipledger.api.idempotency;

import io.chipledger.core.CommandReceipt;
import java.time.Instant;

/**
 * What a command answered, as stored under its idempotency key: the aggregate's receipt, the
 * global position of the command's newest event, and when it was processed.
 */
public record RecordedOutcome(CommandReceipt receipt, long position, Instant processedAt) {
}
