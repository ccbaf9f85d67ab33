package io.chipledger.api.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A key as a client sent it, not yet checked: which header it came in, the text, and the client's address ({@link ClientAddresses}). */
final class PresentedKey extends AbstractAuthenticationToken {

    private final ApiKeys.Kind kind;
    private final String key;
    private final String clientAddress;

    PresentedKey(ApiKeys.Kind kind, String key, String clientAddress) {
        super(List.of());
        this.kind = kind;
        this.key = key;
        this.clientAddress = clientAddress;
    }

    String clientAddress() {
        return clientAddress;
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
