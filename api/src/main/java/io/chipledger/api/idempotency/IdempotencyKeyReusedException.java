package io.chipledger.api.idempotency;

/** The same idempotency key arrived with a different request: refused, nothing is processed. */
public class IdempotencyKeyReusedException extends RuntimeException {

    private final String idempotencyKey;

    public IdempotencyKeyReusedException(String idempotencyKey) {
        super("idempotency key " + idempotencyKey + " was already used for a different request");
        this.idempotencyKey = idempotencyKey;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }
}
