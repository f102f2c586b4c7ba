package dev.paddock.common.security;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling, as every service sees it: taken from the orchestrator's JWT (or from an API key exchanged for one).
 *
 * @param userId the user's id (JWT {@code sub})
 * @param username login name
 * @param email email address
 * @param roles role names
 * @param claims effective claims (direct plus those of the roles)
 * @param apiKeyId id of the API key the call was made with, if any
 */
public record PaddockPrincipal(
        String userId,
        String username,
        String email,
        Set<String> roles,
        Set<String> claims,
        @Nullable String apiKeyId) {

    public PaddockPrincipal {
        roles = Set.copyOf(roles);
        claims = Set.copyOf(claims);
    }

    public boolean isSuperUser() {
        return roles.contains(Roles.SUPER_USER);
    }

    /** True for a super user or when the claim is among the effective claims. */
    public boolean has(String claim) {
        return isSuperUser() || claims.contains(claim);
    }
}
