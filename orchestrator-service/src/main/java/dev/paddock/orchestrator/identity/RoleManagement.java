package dev.paddock.orchestrator.identity;

import dev.paddock.common.security.Roles;
import dev.paddock.orchestrator.audit.AuditLog;
import dev.paddock.orchestrator.identity.IdentityRequests.CreateRole;
import dev.paddock.orchestrator.identity.IdentityViews.ClaimView;
import dev.paddock.orchestrator.identity.IdentityViews.RoleView;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Roles bundle claims. The seeded roles cannot be deleted; SUPER_USER's claims cannot be changed. */
@Service
public class RoleManagement {

    private final RoleRepository roles;
    private final ClaimManagement claims;
    private final AuditLog audit;
    private final Clock clock;

    RoleManagement(RoleRepository roles, ClaimManagement claims, AuditLog audit, Clock clock) {
        this.roles = roles;
        this.claims = claims;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<RoleView> list() {
        return roles.findAll().stream()
                .sorted(Comparator.comparing(RoleEntity::name))
                .map(IdentityMapper::toView)
                .toList();
    }

    @Transactional(readOnly = true)
    public RoleView get(String idOrName) {
        return IdentityMapper.toView(find(idOrName));
    }

    @Transactional
    public RoleView create(CreateRole request) {
        String name = request.name().toUpperCase(Locale.ROOT);
        if (roles.findByNameIgnoreCase(name).isPresent()) {
            throw IdentityProblems.duplicate("role", name);
        }
        RoleEntity role = new RoleEntity(name, request.description(), clock.instant());
        if (request.claims() != null) {
            for (String claimName : request.claims()) {
                ClaimEntity claim = claims.find(claimName);
                Grants.checkCanGrant(claim);
                role.grant(claim, clock.instant());
            }
        }
        roles.save(role);
        audit.record("ROLE_CREATED", "role", role.id().toString(), Map.of("name", name));
        return IdentityMapper.toView(role);
    }

    @Transactional
    public void delete(String idOrName) {
        RoleEntity role = find(idOrName);
        if (Roles.SEEDED.contains(role.name())) {
            throw IdentityProblems.protectedIdentity("The role " + role.name() + " is built in and cannot be deleted.");
        }
        roles.delete(role);
        audit.record("ROLE_DELETED", "role", role.id().toString(), Map.of("name", role.name()));
    }

    @Transactional(readOnly = true)
    public List<ClaimView> claimsOf(String idOrName) {
        return IdentityMapper.toView(find(idOrName)).claims();
    }

    @Transactional
    public ClaimView addClaim(String roleIdOrName, String claimName) {
        RoleEntity role = find(roleIdOrName);
        guardSuperUser(role);
        ClaimEntity claim = claims.find(claimName);
        Grants.checkCanGrant(claim);
        if (role.grant(claim, clock.instant())) {
            audit.record("ROLE_CLAIM_ADDED", "role", role.id().toString(), Map.of("claim", claim.name()));
        }
        return IdentityMapper.toView(claim);
    }

    @Transactional
    public void removeClaim(String roleIdOrName, String claimIdOrName) {
        RoleEntity role = find(roleIdOrName);
        guardSuperUser(role);
        ClaimEntity claim = claims.find(claimIdOrName);
        Grants.checkCanGrant(claim);
        if (role.revoke(claim, clock.instant())) {
            audit.record("ROLE_CLAIM_REMOVED", "role", role.id().toString(), Map.of("claim", claim.name()));
        }
    }

    RoleEntity find(String idOrName) {
        return Lookup.asUuid(idOrName)
                .flatMap(roles::findById)
                .or(() -> roles.findByNameIgnoreCase(idOrName))
                .orElseThrow(() -> IdentityProblems.roleNotFound(idOrName));
    }

    private static void guardSuperUser(RoleEntity role) {
        if (Roles.SUPER_USER.equals(role.name())) {
            throw IdentityProblems.protectedIdentity(
                    "SUPER_USER bypasses every check; its claims are managed by Paddock and cannot be edited.");
        }
    }
}
