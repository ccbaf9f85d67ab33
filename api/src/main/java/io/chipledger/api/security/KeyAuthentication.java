package io.chipledger.api.security;

import io.chipledger.projections.partner.PartnerAccessProjection.RateLimit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request's accepted key: its principal is a {@link PartnerPrincipal} or an {@link AdminPrincipal}.
 * Authorities: {@code ROLE_PARTNER} and {@code SCOPE_<scope>} for a partner, {@code ROLE_ADMIN} and
 * {@code ROLE_<ROLE>} for an admin (what the filter chain's rules for actuator endpoints read).
 */
final class KeyAuthentication extends AbstractAuthenticationToken {

    private final Object principal;
    private final String keyId;
    private final RateLimit rateLimit;

    private KeyAuthentication(Object principal, String keyId, RateLimit rateLimit, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.principal = principal;
        this.keyId = keyId;
        this.rateLimit = rateLimit;
        setAuthenticated(true);
    }

    /** A partner's key, held to {@code rateLimit}: its partner's own limit, or the configured default. */
    static KeyAuthentication partner(PartnerPrincipal partner, RateLimit rateLimit) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_PARTNER"));
        partner.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope.wireName())));
        return new KeyAuthentication(partner, partner.keyId(), rateLimit, authorities);
    }

    static KeyAuthentication admin(AdminPrincipal admin, RateLimit rateLimit) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        admin.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
        return new KeyAuthentication(admin, "admin:" + admin.keyId(), rateLimit, authorities);
    }

    /** The key's id, the name of its rate-limit bucket. */
    String keyId() {
        return keyId;
    }

    RateLimit rateLimit() {
        return rateLimit;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    /** The secret is never kept past authentication. */
    @Override
    public Object getCredentials() {
        return null;
    }
}
