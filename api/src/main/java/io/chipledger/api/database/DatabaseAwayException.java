package io.chipledger.api.database;

import io.chipledger.api.command.LedgerBusyException;

/**
 * The database cannot be reached: the request is refused, as 503 {@code ledger-busy} with
 * {@code Retry-After}, at once while it is known to be away rather than after waiting for a
 * connection that will not come. A command whose connection was cut as it committed may have been
 * recorded all the same: the same request with the same idempotency key runs it at most once, or
 * answers its stored outcome.
 */
public class DatabaseAwayException extends LedgerBusyException {

    public DatabaseAwayException() {
        super("the ledger's database is not answering right now; send the same request again with the same idempotency key "
                + "once it is back: it runs at most once");
    }
}
