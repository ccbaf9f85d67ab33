package io.chipledger.api.idempotency;

import io.chipledger.api.idempotency.IdempotencyKeys.Key;
import java.util.Map;

/**
 * The command metadata that makes a command idempotent; every command from the wallet API carries
 * it. {@code operation} (at most {@link #OPERATION_LENGTH_MAX} characters) is kept with the key, so
 * the ledger can say what a partner's transaction id was used for; it is not part of the metadata.
 */
public record IdempotencyMetaData(String partnerId, String idempotencyKey, String requestHash, String operation) {

    public static final int OPERATION_LENGTH_MAX = 40;

    public IdempotencyMetaData {
        if (operation != null && operation.length() > OPERATION_LENGTH_MAX) {
            throw new IllegalArgumentException("an operation's name is at most " + OPERATION_LENGTH_MAX + " characters: " + operation);
        }
    }

    static final String PARTNER_ID = "partner_id";
    static final String IDEMPOTENCY_KEY = "idempotency_key";
    static final String REQUEST_HASH = "request_hash";

    public Map<String, String> asMetaData() {
        return Map.of(PARTNER_ID, partnerId, IDEMPOTENCY_KEY, idempotencyKey, REQUEST_HASH, requestHash);
    }

    public Key key() {
        return new Key(partnerId, idempotencyKey);
    }
}
