package io.chipledger.api.idempotency;

import io.chipledger.api.idempotency.IdempotencyKeys.Key;
import java.util.Map;

/** The command metadata that makes a command idempotent; every command from the wallet API carries it. */
public record IdempotencyMetaData(String partnerId, String idempotencyKey, String requestHash) {

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
