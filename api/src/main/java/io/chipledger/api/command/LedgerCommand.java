package io.chipledger.api.command;

import io.chipledger.api.idempotency.AnswerForm;
import io.chipledger.api.idempotency.IdempotencyMetaData;
import org.axonframework.commandhandling.CommandMessage;

/**
 * A command as {@link GroupCommit} runs it: the message, the idempotency key it is run once for,
 * the aggregate it is for (as the event store names it; it picks the lane), and how its answer is
 * made ({@code form}, null when it answers no caller).
 */
public record LedgerCommand(CommandMessage<?> command, IdempotencyMetaData key, String aggregateId, AnswerForm<?> form) {
}
