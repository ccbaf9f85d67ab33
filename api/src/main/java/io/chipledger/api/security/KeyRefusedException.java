package io.chipledger.api.security;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;

/**
 * A key refused before any rule is read: unknown, wrong, revoked, expired (401), sent ambiguously
 * (400), sent from an address its partner's IP allow-list does not hold (403), or not checkable
 * because the database is away (503 {@code ledger-busy}, retryable).
 */
final class KeyRefusedException extends AuthenticationException {

    private final HttpStatus status;
    private final String slug;

    private KeyRefusedException(HttpStatus status, String slug, String message) {
        super(message);
        this.status = status;
        this.slug = slug;
    }

    static KeyRefusedException invalid(ApiKeys.Kind kind, String message) {
        return new KeyRefusedException(HttpStatus.UNAUTHORIZED, kind == ApiKeys.Kind.ADMIN ? "invalid-admin-key" : "invalid-api-key", message);
    }

    /** Two keys, or one key header twice: the service never guesses which one was meant. */
    static KeyRefusedException ambiguous(String message) {
        return new KeyRefusedException(HttpStatus.BAD_REQUEST, "ambiguous-key", message);
    }

    /** The key is right, the place is not: its partner accepts its keys only from its allow-listed addresses. */
    static KeyRefusedException addressNotAllowed(String message) {
        return new KeyRefusedException(HttpStatus.FORBIDDEN, "address-not-allowed", message);
    }

    /** The key tables cannot be read (the database away): no key can be told good or bad, so none is refused for good. */
    static KeyRefusedException uncheckable(String message) {
        return new KeyRefusedException(HttpStatus.SERVICE_UNAVAILABLE, "ledger-busy", message);
    }

    HttpStatus status() {
        return status;
    }

    String slug() {
        return slug;
    }
}
