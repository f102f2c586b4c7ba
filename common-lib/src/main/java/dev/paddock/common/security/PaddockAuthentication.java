package dev.paddock.common.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated Paddock caller. Keeps the bearer token it was proven with, so service-to-service calls made on the
 * caller's behalf carry the same identity.
 */
public final class PaddockAuthentication extends AbstractAuthenticationToken {

    private final PaddockPrincipal principal;
    private final String bearerToken;

    public PaddockAuthentication(PaddockPrincipal principal, String bearerToken) {
        super(authoritiesOf(principal));
        this.principal = principal;
        this.bearerToken = bearerToken;
        setAuthenticated(true);
    }

    @Override
    public PaddockPrincipal getPrincipal() {
        return principal;
    }

    /** Never exposes the token through the generic credentials accessor. */
    @Override
    public Object getCredentials() {
        return "";
    }

    /** The JWT this caller was authenticated with (for an API key: the token it was exchanged for). */
    public String bearerToken() {
        return bearerToken;
    }

    @Override
    public String getName() {
        return principal.username();
    }

    private static Collection<GrantedAuthority> authoritiesOf(PaddockPrincipal principal) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        principal.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority(Roles.authority(role))));
        principal.claims().forEach(claim -> authorities.add(new SimpleGrantedAuthority(claim)));
        return authorities;
    }
}
