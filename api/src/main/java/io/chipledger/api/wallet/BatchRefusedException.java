package io.chipledger.api.wallet;

import java.util.Map;

/**
 * A batch of wallet commands that stored nothing: an atomic batch with a refused command
 * ({@code index}, {@code refusal}), or a batch whose every command was refused ({@code results}).
 * Answered 422 {@code batch-refused}, with these as the problem's properties.
 */
public class BatchRefusedException extends RuntimeException {

    private final transient Map<String, Object> properties;

    BatchRefusedException(String detail, Map<String, Object> properties) {
        super(detail);
        this.properties = Map.copyOf(properties);
    }

    /** The problem document's own properties: {@code index} and {@code refusal}, or {@code results}. */
    public Map<String, Object> properties() {
        return properties;
    }
}
