package io.chipledger.api.security;

/** A request refused before it reaches the ledger: no key, a bad key, or a key that may not do this. */
public class AccessDeniedException extends RuntimeException {

    public enum Reason {
        /** 401: no key, an unknown or wrong key, a revoked or expired key, a suspended partner. */
        INVALID_KEY,
        /** 403: a valid key without the scope. */
        MISSING_SCOPE,
        /** 403: the admin API is closed or the admin key is wrong. */
        ADMIN_ONLY
    }

    private final Reason reason;

    public AccessDeniedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
