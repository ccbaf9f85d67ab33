package io.chipledger.api.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A key as a client sent it, not yet checked: which header it came in, and the text. */
final class PresentedKey extends AbstractAuthenticationToken {

    private final ApiKeys.Kind kind;
    private final String key;

    PresentedKey(ApiKeys.Kind kind, String key) {
        super(List.of());
        this.kind = kind;
        this.key = key;
    }

    ApiKeys.Kind kind() {
        return kind;
    }

    @Override
    public Object getCredentials() {
        return key;
    }

    @Override
    public Object getPrincipal() {
        return kind;
    }
}
