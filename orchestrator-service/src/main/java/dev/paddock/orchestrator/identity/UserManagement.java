package dev.paddock.orchestrator.identity;

import dev.paddock.common.security.PasswordHasher;
import dev.paddock.common.security.Roles;
import dev.paddock.orchestrator.audit.AuditLog;
import dev.paddock.orchestrator.identity.IdentityRequests.CreateUser;
import dev.paddock.orchestrator.identity.IdentityRequests.UpdateUser;
import dev.paddock.orchestrator.identity.IdentityViews.ApiUser;
import dev.paddock.orchestrator.identity.IdentityViews.ClaimView;
import dev.paddock.orchestrator.identity.IdentityViews.RoleView;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users and what they are granted. New users get the USER role unless roles are given. */
@Service
public class UserManagement {

    /** The built-in administrator; it can be neither deleted nor stripped of SUPER_USER. */
    public static final String ROOT_USERNAME = "root";

    private final UserRepository users;
    private final RoleManagement roles;
    private final ClaimManagement claims;
    private final PasswordPolicy passwordPolicy;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;

    UserManagement(
            UserRepository users,
            RoleManagement roles,
            ClaimManagement claims,
            PasswordPolicy passwordPolicy,
            PasswordHasher hasher,
            AuditLog audit,
            Clock clock) {
        this.users = users;
        this.roles = roles;
        this.claims = claims;
        this.passwordPolicy = passwordPolicy;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<ApiUser> list() {
        return users.findAllWithGrants().stream().map(IdentityMapper::toApiUser).toList();
    }

    @Transactional(readOnly = true)
    public ApiUser get(String idOrName) {
        return IdentityMapper.toApiUser(find(idOrName));
    }

    @Transactional
    public ApiUser create(CreateUser request) {
        if (users.findByUsernameIgnoreCase(request.username()).isPresent()) {
            throw IdentityProblems.duplicate("user", request.username());
        }
        if (users.findByEmailIgnoreCase(request.email()).isPresent()) {
            throw IdentityProblems.duplicate("user with email", request.email());
        }
        passwordPolicy.check(request.password());
        Instant now = clock.instant();
        UserEntity user = new UserEntity(
                UUID.randomUUID(),
                request.username(),
                request.email(),
                request.name() == null || request.name().isBlank() ? request.username() : request.name(),
                hasher.hash(request.password()),
                now);
        List<String> roleNames =
                request.roles() == null || request.roles().isEmpty() ? List.of(Roles.USER) : request.roles();
        for (String roleName : roleNames) {
            RoleEntity role = roles.find(roleName);
            Grants.checkCanGrant(role);
            user.addRole(role, now);
        }
        if (request.isSuperUser()) {
            RoleEntity superUser = roles.find(Roles.SUPER_USER);
            Grants.checkCanGrant(superUser);
            user.addRole(superUser, now);
        }
        if (request.claims() != null) {
            for (String claimName : request.claims()) {
                ClaimEntity claim = claims.find(claimName);
                Grants.checkCanGrant(claim);
                user.addClaim(claim, now);
            }
        }
        users.save(user);
        audit.record("USER_CREATED", "user", user.id().toString(), Map.of("username", user.username()));
        return IdentityMapper.toApiUser(user);
    }

    @Transactional
    public ApiUser update(String idOrName, UpdateUser request) {
        UserEntity user = find(idOrName);
        Instant now = clock.instant();
        String email = request.email() == null || request.email().isBlank() ? user.email() : request.email();
        if (!email.equalsIgnoreCase(user.email())
                && users.findByEmailIgnoreCase(email).isPresent()) {
            throw IdentityProblems.duplicate("user with email", email);
        }
        String name = request.name() == null || request.name().isBlank() ? user.name() : request.name();
        user.changeProfile(email, name, now);
        if (request.password() != null && !request.password().isEmpty()) {
            passwordPolicy.check(request.password());
            user.changePasswordHash(hasher.hash(request.password()), now);
            // A password reset is also how an administrator ends a lockout.
            user.unlock(now);
        }
        audit.record(
                "USER_UPDATED",
                "user",
                user.id().toString(),
                Map.of(
                        "password_changed",
                        request.password() != null && !request.password().isEmpty()));
        return IdentityMapper.toApiUser(user);
    }

    @Transactional
    public void delete(String idOrName) {
        UserEntity user = find(idOrName);
        if (ROOT_USERNAME.equals(user.username())) {
            throw IdentityProblems.protectedIdentity("The root user cannot be deleted.");
        }
        users.delete(user);
        audit.record("USER_DELETED", "user", user.id().toString(), Map.of("username", user.username()));
    }

    @Transactional(readOnly = true)
    public List<RoleView> rolesOf(String idOrName) {
        return find(idOrName).roles().stream()
                .sorted(Comparator.comparing(RoleEntity::name))
                .map(IdentityMapper::toView)
                .toList();
    }

    @Transactional
    public RoleView addRole(String idOrName, String roleName) {
        UserEntity user = find(idOrName);
        RoleEntity role = roles.find(roleName);
        Grants.checkCanGrant(role);
        if (user.addRole(role, clock.instant())) {
            audit.record("USER_ROLE_ADDED", "user", user.id().toString(), Map.of("role", role.name()));
        }
        return IdentityMapper.toView(role);
    }

    @Transactional
    public void removeRole(String idOrName, String roleIdOrName) {
        UserEntity user = find(idOrName);
        RoleEntity role = roles.find(roleIdOrName);
        if (ROOT_USERNAME.equals(user.username()) && Roles.SUPER_USER.equals(role.name())) {
            throw IdentityProblems.protectedIdentity("The root user always keeps the SUPER_USER role.");
        }
        Grants.checkCanGrant(role);
        if (user.removeRole(role, clock.instant())) {
            audit.record("USER_ROLE_REMOVED", "user", user.id().toString(), Map.of("role", role.name()));
        }
    }

    @Transactional(readOnly = true)
    public List<ClaimView> claimsOf(String idOrName) {
        return find(idOrName).claims().stream()
                .sorted(Comparator.comparing(ClaimEntity::name))
                .map(IdentityMapper::toView)
                .toList();
    }

    @Transactional
    public ClaimView addClaim(String idOrName, String claimName) {
        UserEntity user = find(idOrName);
        ClaimEntity claim = claims.find(claimName);
        Grants.checkCanGrant(claim);
        if (user.addClaim(claim, clock.instant())) {
            audit.record("USER_CLAIM_ADDED", "user", user.id().toString(), Map.of("claim", claim.name()));
        }
        return IdentityMapper.toView(claim);
    }

    @Transactional
    public void removeClaim(String idOrName, String claimIdOrName) {
        UserEntity user = find(idOrName);
        ClaimEntity claim = claims.find(claimIdOrName);
        Grants.checkCanGrant(claim);
        if (user.removeClaim(claim, clock.instant())) {
            audit.record("USER_CLAIM_REMOVED", "user", user.id().toString(), Map.of("claim", claim.name()));
        }
    }

    UserEntity find(String idOrName) {
        return Lookup.asUuid(idOrName)
                .flatMap(users::findById)
                .or(() -> users.findByUsernameIgnoreCase(idOrName))
                .orElseThrow(() -> IdentityProblems.userNotFound(idOrName));
    }
}
