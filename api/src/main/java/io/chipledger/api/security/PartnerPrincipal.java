package io.chipledger.api.security;

import io.chipledger.core.partner.ApiScope;
import java.util.Set;

/**
 * The partner behind an accepted API key. Controllers take it as
 * {@code @AuthenticationPrincipal PartnerPrincipal partner}; every wallet they touch is this partner's.
 */
public record PartnerPrincipal(String partnerId, String keyId, Set<ApiScope> scopes) {

    /** Who acted, as recorded in the events' metadata: {@code api-key:<key id>}. */
    public String actor() {
        return "api-key:" + keyId;
    }
}
