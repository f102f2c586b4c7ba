package dev.paddock.orchestrator.identity;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.PasswordHasher;
import dev.paddock.orchestrator.OrchestratorProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The identity facade other features use: proves a password login (with lockout) and resolves a user's effective
 * claims.
 */
@Service
public class Accounts {

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);

    private final UserRepository users;
    private final ClaimRepository claims;
    private final PasswordHasher hasher;
    private final OrchestratorProperties.Lockout lockout;
    private final Clock clock;

    Accounts(
            UserRepository users,
            ClaimRepository claims,
            PasswordHasher hasher,
            OrchestratorProperties properties,
            Clock clock) {
        this.users = users;
        this.claims = claims;
        this.hasher = hasher;
        this.lockout = properties.identity().lockout();
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<UserAccount> find(UUID id) {
        return users.findWithGrantsById(id).map(IdentityMapper::toAccount);
    }

    /**
     * Proves a login by username or email. Consecutive failures lock the account for the configured time; a locked
     * account is refused even with the right password (the reference only slowed such logins down).
     *
     * @throws ProblemException 401 for wrong credentials or a locked account
     */
    @Transactional(noRollbackFor = ProblemException.class)
    public UserAccount authenticate(String login, String password) {
        Instant now = clock.instant();
        // A username wins over another user's identical email address.
        Optional<UserEntity> found = users.lockByUsername(login).or(() -> users.lockByEmail(login));
        if (found.isEmpty()) {
            hasher.burnDecoyCheck(password);
            throw invalidCredentials();
        }
        UserEntity user = found.get();
        if (user.isLockedAt(now)) {
            throw new ProblemException(
                            HttpStatus.UNAUTHORIZED,
                            "account-locked",
                            "Account locked",
                            "This account is locked after " + lockout.maxFailedAttempts()
                                    + " failed logins; try again after " + user.lockedUntil()
                                    + " or ask an administrator to reset the password.")
                    .with("locked_until", String.valueOf(user.lockedUntil()));
        }
        if (!hasher.matches(password, user.passwordHash())) {
            user.recordFailedLogin(lockout.maxFailedAttempts(), lockout.duration(), now);
            if (user.isLockedAt(now)) {
                log.warn(
                        "Account {} locked until {} after repeated failed logins", user.username(), user.lockedUntil());
            }
            throw invalidCredentials();
        }
        user.recordSuccessfulLogin();
        return users.findWithGrantsById(user.id())
                .map(IdentityMapper::toAccount)
                .orElseThrow();
    }

    /**
     * Creates or corrects a built-in service account holding exactly {@code claimNames} and no role, so a service
     * acting with it can do no more than its job. It has an unusable random password: services log in with an API key.
     */
    @Transactional
    public UUID ensureServiceAccount(String username, String displayName, Set<String> claimNames) {
        Instant now = clock.instant();
        UserEntity user = users.findByUsernameIgnoreCase(username)
                .orElseGet(() -> users.save(new UserEntity(
                        UUID.randomUUID(),
                        username,
                        username + "@paddock.local",
                        displayName,
                        hasher.hash(UUID.randomUUID().toString()),
                        now)));
        Set<ClaimEntity> wanted = claimNames.stream()
                .map(name -> claims.findByNameIgnoreCase(name)
                        .orElseThrow(() -> new IllegalStateException("unknown claim " + name)))
                .collect(Collectors.toSet());
        Set.copyOf(user.roles()).forEach(role -> user.removeRole(role, now));
        Set.copyOf(user.claims()).stream()
                .filter(claim -> !wanted.contains(claim))
                .forEach(claim -> user.removeClaim(claim, now));
        wanted.forEach(claim -> user.addClaim(claim, now));
        return user.id();
    }

    private static ProblemException invalidCredentials() {
        return new ProblemException(
                HttpStatus.UNAUTHORIZED,
                "invalid-credentials",
                "Invalid credentials",
                "The username/email or password is wrong.");
    }
}
