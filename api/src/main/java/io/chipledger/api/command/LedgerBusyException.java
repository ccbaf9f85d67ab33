package io.chipledger.api.command;

/**
 * The ledger could not take or answer a command in time. Nothing is lost either way: the same
 * request sent again with the same idempotency key runs once or answers the stored outcome.
 */
public class LedgerBusyException extends RuntimeException {

    public LedgerBusyException(String message) {
        super(message);
    }
}
