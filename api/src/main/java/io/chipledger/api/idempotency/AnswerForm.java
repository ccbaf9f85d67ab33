package io.chipledger.api.idempotency;

import java.util.function.Function;

/**
 * How a command's answer is made from its outcome, and the answer's type. The ledger makes the
 * answer once, as the command commits, and stores it with the idempotency key in the same
 * transaction; every retry under that key is given the stored answer back, never one made again,
 * so it is the first answer to the byte whatever changed since: an asset's scale, the partner's
 * receipt-signing key, the code that renders answers (issue 12, "answers that match the guide").
 */
public record AnswerForm<T>(Class<T> type, Function<RecordedOutcome, T> render) {
}
