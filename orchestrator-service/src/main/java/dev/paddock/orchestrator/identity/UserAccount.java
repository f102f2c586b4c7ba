package dev.paddock.orchestrator.identity;

import dev.paddock.common.security.Roles;
import java.util.Set;
import java.util.UUID;

/**
 * A user as other features need them: identity plus effective claims (direct claims and the claims of their roles).
 */
public record UserAccount(
        UUID id, String username, String email, String name, Set<String> roles, Set<String> effectiveClaims) {

    public UserAccount {
        roles = Set.copyOf(roles);
        effectiveClaims = Set.copyOf(effectiveClaims);
    }

    public boolean isSuperUser() {
        return roles.contains(Roles.SUPER_USER);
    }
}
