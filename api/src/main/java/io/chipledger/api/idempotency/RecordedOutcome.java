package io.chipledger.api.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.core.CommandReceipt;
import java.time.Instant;

/**
 * What a command answered, as stored under its idempotency key: the aggregate's receipt, the
 * global position of the command's newest event, when it was processed, and the answer the caller
 * was given, as the JSON written to the wire ({@link AnswerForm}; null for commands that answer no
 * caller, such as the sweepers', and for keys stored before the ledger kept answers).
 */
public record RecordedOutcome(CommandReceipt receipt, long position, Instant processedAt, JsonNode answer) {

    /** A stored {@code "answer": null} reads back as a JSON null node: no answer. */
    public RecordedOutcome {
        answer = answer == null || answer.isNull() ? null : answer;
    }

    public RecordedOutcome withAnswer(JsonNode firstAnswer) {
        return new RecordedOutcome(receipt, position, processedAt, firstAnswer);
    }
}
