package io.chipledger.api.security;

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

    private KeyAuthentication(Object principal, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.principal = principal;
        setAuthenticated(true);
    }

    static KeyAuthentication partner(PartnerPrincipal partner) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_PARTNER"));
        partner.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope.wireName())));
        return new KeyAuthentication(partner, authorities);
    }

    static KeyAuthentication admin(AdminPrincipal admin) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        admin.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
        return new KeyAuthentication(admin, authorities);
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
