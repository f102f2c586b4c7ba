package dev.paddock.orchestrator.identity;

import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.common.security.Roles;

/**
 * Guards against privilege escalation: a caller may grant a role or claim only if they hold everything it gives.
 * Super users (and internal bootstrap code, which runs without a caller) may grant anything.
 */
final class Grants {

    private Grants() {}

    static void checkCanGrant(ClaimEntity claim) {
        PaddockPrincipal caller = CurrentCaller.principal().orElse(null);
        if (caller != null && !caller.isSuperUser() && !caller.claims().contains(claim.name())) {
            throw IdentityProblems.escalation("the claim " + claim.name());
        }
    }

    static void checkCanGrant(RoleEntity role) {
        PaddockPrincipal caller = CurrentCaller.principal().orElse(null);
        if (caller == null || caller.isSuperUser()) {
            return;
        }
        if (Roles.SUPER_USER.equals(role.name())
                || !role.claims().stream().allMatch(c -> caller.claims().contains(c.name()))) {
            throw IdentityProblems.escalation("the role " + role.name());
        }
    }
}
