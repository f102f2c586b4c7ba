package dev.paddock.orchestrator.identity;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.Claims.ClaimDefinition;
import dev.paddock.common.security.PasswordHasher;
import dev.paddock.common.security.Roles;
import dev.paddock.orchestrator.OrchestratorProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds the claim catalogue and the built-in roles, and bootstraps the root user, at every start. Idempotent, and
 * serialised across orchestrator replicas by a PostgreSQL advisory lock, so several replicas can start at once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdentityBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

    private final ClaimRepository claims;
    private final RoleRepository roles;
    private final UserRepository users;
    private final PasswordPolicy passwordPolicy;
    private final PasswordHasher hasher;
    private final JdbcTemplate jdbc;
    private final @Nullable String rootPassword;
    private final Clock clock;

    IdentityBootstrap(
            ClaimRepository claims,
            RoleRepository roles,
            UserRepository users,
            PasswordPolicy passwordPolicy,
            PasswordHasher hasher,
            JdbcTemplate jdbc,
            OrchestratorProperties properties,
            Clock clock) {
        this.claims = claims;
        this.roles = roles;
        this.users = users;
        this.passwordPolicy = passwordPolicy;
        this.hasher = hasher;
        this.jdbc = jdbc;
        String configured = properties.identity().rootPassword();
        this.rootPassword = configured == null || configured.isBlank() ? null : configured;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        jdbc.query("select pg_advisory_xact_lock(hashtext('paddock.identity.bootstrap'))", rs -> {});
        Instant now = clock.instant();
        Map<String, ClaimEntity> seededClaims = seedClaims(now);
        seedRole(Roles.SUPER_USER, "Bypasses every check", Set.copyOf(seededClaims.values()), now);
        seedRole(
                Roles.ADMIN,
                "Holds every claim; record-level restrictions still apply",
                Set.copyOf(seededClaims.values()),
                now);
        seedRole(
                Roles.USER,
                "Default role of new users: read-only views and self-service",
                Claims.USER_DEFAULTS.stream().map(seededClaims::get).collect(Collectors.toSet()),
                now);
        bootstrapRoot(now);
    }

    private Map<String, ClaimEntity> seedClaims(Instant now) {
        Map<String, ClaimEntity> existing =
                claims.findAll().stream().collect(Collectors.toMap(ClaimEntity::name, Function.identity()));
        for (ClaimDefinition definition : Claims.ALL) {
            ClaimEntity claim = existing.get(definition.name());
            if (claim == null) {
                claim = claims.save(new ClaimEntity(
                        definition.name(), null, definition.group(), definition.resource(), definition.action(), now));
                existing.put(claim.name(), claim);
            } else if (!claim.group().equals(definition.group())
                    || !claim.resource().equals(definition.resource())) {
                claim.classify(definition.group(), definition.resource(), definition.action(), now);
            }
        }
        return Claims.ALL.stream().collect(Collectors.toMap(ClaimDefinition::name, d -> existing.get(d.name())));
    }

    /** Creates the role if missing and makes sure it holds at least {@code baseline} (operators may add more). */
    private void seedRole(String name, String description, Set<ClaimEntity> baseline, Instant now) {
        RoleEntity role =
                roles.findByNameIgnoreCase(name).orElseGet(() -> roles.save(new RoleEntity(name, description, now)));
        baseline.forEach(claim -> role.grant(claim, now));
    }

    private void bootstrapRoot(Instant now) {
        RoleEntity superUser = roles.findByNameIgnoreCase(Roles.SUPER_USER).orElseThrow();
        UserEntity root =
                users.findByUsernameIgnoreCase(UserManagement.ROOT_USERNAME).orElse(null);
        if (root == null) {
            String password = rootPassword;
            boolean generated = password == null;
            if (generated) {
                password = passwordPolicy.generate();
            } else {
                checkConfiguredPassword(password);
            }
            root = users.save(new UserEntity(
                    UUID.randomUUID(),
                    UserManagement.ROOT_USERNAME,
                    "root@localhost",
                    "Root",
                    hasher.hash(password),
                    now));
            if (generated) {
                log.warn(
                        "\n\n  Paddock created the root user with a generated password (shown only this once):\n\n"
                                + "      username: root\n      password: {}\n\n"
                                + "  Set PADDOCK_ROOT_PASSWORD to choose it instead.\n",
                        password);
            } else {
                log.info("Created the root user with the password from PADDOCK_ROOT_PASSWORD");
            }
        } else if (rootPassword != null && !hasher.matches(rootPassword, root.passwordHash())) {
            checkConfiguredPassword(rootPassword);
            root.changePasswordHash(hasher.hash(rootPassword), now);
            log.info("Applied PADDOCK_ROOT_PASSWORD to the root user");
        }
        root.addRole(superUser, now);
        // As in the reference, a restart is the way out when root locked itself out.
        root.unlock(now);
    }

    private void checkConfiguredPassword(String password) {
        try {
            passwordPolicy.check(password);
        } catch (ProblemException e) {
            throw new IllegalStateException(
                    "PADDOCK_ROOT_PASSWORD does not meet the password policy: " + e.getMessage());
        }
    }
}
