package io.chipledger.api.command;

import java.util.Map;

/**
 * The ledger could not take or answer a command in time. Nothing is lost either way: the same
 * request sent again with the same idempotency key runs once or answers the stored outcome.
 * {@code properties} go into the problem document (a batch's per-command results).
 */
public class LedgerBusyException extends RuntimeException {

    private final transient Map<String, Object> properties;

    public LedgerBusyException(String message) {
        this(message, Map.of());
    }

    public LedgerBusyException(String message, Map<String, Object> properties) {
        super(message);
        this.properties = Map.copyOf(properties);
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
