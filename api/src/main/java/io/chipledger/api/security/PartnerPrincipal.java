package io.chipledger.api.security;

import io.chipledger.core.partner.ApiScope;
import java.util.Set;

/** The partner behind an accepted API key, attached to the request for the controllers. */
public record PartnerPrincipal(String partnerId, String keyId, Set<ApiScope> scopes) {

    public static final String ATTRIBUTE = "chipledger.partner";

    /** Refuses the request when the key lacks the scope. */
    public void require(ApiScope scope) {
        if (!scopes.contains(scope)) {
            throw new AccessDeniedException(AccessDeniedException.Reason.MISSING_SCOPE,
                    "this API key lacks the scope " + scope.wireName());
        }
    }
}
