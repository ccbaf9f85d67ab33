package io.chipledger.api.command;

import io.chipledger.api.idempotency.CommandOutcome;

/**
 * What became of one command of a group or a batch, known only after its transaction committed:
 * its outcome, or the refusal or failure that stored nothing of it. Exactly one of the two is set.
 */
public record CommandAnswer(CommandOutcome outcome, RuntimeException failure) {

    public CommandAnswer {
        if ((outcome == null) == (failure == null)) {
            throw new IllegalArgumentException("a command has an outcome or a failure, never both or neither");
        }
    }

    public static CommandAnswer of(CommandOutcome outcome) {
        return new CommandAnswer(outcome, null);
    }

    public static CommandAnswer failed(RuntimeException failure) {
        return new CommandAnswer(null, failure);
    }

    void answer(GroupCommit.PendingCommand pending) {
        if (failure != null) {
            pending.answer.completeExceptionally(failure);
        } else {
            pending.answer.complete(outcome);
        }
    }
}
