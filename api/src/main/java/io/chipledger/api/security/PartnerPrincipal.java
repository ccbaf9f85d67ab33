package io.chipledger.api.security;

import io.chipledger.core.partner.ApiScope;
import io.chipledger.core.partner.SettlementPolicy;
import java.util.Objects;
import java.util.Set;

/**
 * The partner behind an accepted API key. Controllers take it as
 * {@code @AuthenticationPrincipal PartnerPrincipal partner}; every wallet they touch is this partner's.
 * {@code settlementPolicy} is the partner's policy as the key was accepted (read with the key, in
 * the same query): the wallet's wins and rollbacks of this request follow it.
 */
public record PartnerPrincipal(String partnerId, String keyId, Set<ApiScope> scopes, SettlementPolicy settlementPolicy) {

    public PartnerPrincipal {
        Objects.requireNonNull(settlementPolicy, "a partner always has a settlement policy");
    }

    /** A partner that settles under the default policy, {@link SettlementPolicy#SINGLE_WIN}. */
    public PartnerPrincipal(String partnerId, String keyId, Set<ApiScope> scopes) {
        this(partnerId, keyId, scopes, SettlementPolicy.SINGLE_WIN);
    }

    /** Who acted, as recorded in the events' metadata: {@code api-key:<key id>}. */
    public String actor() {
        return "api-key:" + keyId;
    }
}
