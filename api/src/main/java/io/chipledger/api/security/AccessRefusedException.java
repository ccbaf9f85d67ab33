package io.chipledger.api.security;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A request refused by its access rule before the handler reads it. Each reason has its own status
 * and problem type, so a client can tell "fix your key" (401) from "ask for more rights" (403).
 */
public class AccessRefusedException extends RuntimeException {

    public enum Reason {
        /** 403: a partner key without the scope the endpoint needs. */
        MISSING_SCOPE(HttpStatus.FORBIDDEN, "missing-scope"),
        /** 403: an admin key without any of the roles the endpoint accepts. */
        MISSING_ROLE(HttpStatus.FORBIDDEN, "missing-role"),
        /** 403: a partner key on an admin endpoint. */
        ADMIN_ONLY(HttpStatus.FORBIDDEN, "admin-only"),
        /** 403: an admin key on a partner's endpoint: staff act through the admin API, where the partner is named. */
        PARTNER_ONLY(HttpStatus.FORBIDDEN, "partner-only"),
        /** 403: the handler declares no access rule, so nobody may call it (deny by default). */
        NO_ACCESS_RULE(HttpStatus.FORBIDDEN, "no-access-rule");

        private final HttpStatus status;
        private final String slug;

        Reason(HttpStatus status, String slug) {
            this.status = status;
            this.slug = slug;
        }

        public HttpStatus status() {
            return status;
        }

        public String slug() {
            return slug;
        }
    }

    private final Reason reason;
    private final List<String> required;

    public AccessRefusedException(Reason reason, String message, List<String> required) {
        super(message);
        this.reason = reason;
        this.required = List.copyOf(required);
    }

    public Reason reason() {
        return reason;
    }

    /** The scopes or roles that would have been accepted, by their wire names. */
    public List<String> required() {
        return required;
    }
}
