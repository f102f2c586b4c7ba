package dev.paddock.orchestrator.apikey;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.ApiKeyCredentials;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.common.security.PasswordHasher;
import dev.paddock.orchestrator.apikey.ApiKeyViews.ApiKey;
import dev.paddock.orchestrator.apikey.ApiKeyViews.CreateApiKey;
import dev.paddock.orchestrator.audit.AuditLog;
import dev.paddock.orchestrator.identity.Accounts;
import dev.paddock.orchestrator.identity.UserAccount;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys belong to a user and act with that user's effective claims, never more (the reference let any valid key
 * skip every claim check). Secrets are stored bcrypt-hashed; the full key is shown once, when it is created. Callers
 * with the {@code *_OWN_API_KEY} claims manage only their own keys.
 */
@Service
public class ApiKeys {

    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;
    private final Accounts accounts;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(
            ApiKeyRepository keys,
            Accounts accounts,
            PasswordHasher hasher,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.keys = keys;
        this.accounts = accounts;
        this.hasher = hasher;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** A proven key: whose it is and its id. */
    public record VerifiedKey(UUID keyId, UserAccount owner) {}

    /** Published when a key stops being valid, so caches of proven keys can forget it. */
    public record ApiKeyWithdrawn(UUID keyId) {}

    /**
     * Proves a key.
     *
     * @throws BadCredentialsException when the key is unknown, revoked, expired, its secret is wrong or its owner is gone
     */
    @Transactional
    public VerifiedKey verify(ApiKeyCredentials credentials) {
        Instant now = clock.instant();
        ApiKeyEntity key = keys.findByKey(credentials.key()).orElse(null);
        if (key == null) {
            hasher.burnDecoyCheck(credentials.secret());
            throw new BadCredentialsException("unknown API key");
        }
        if (!hasher.matches(credentials.secret(), key.secretHash())) {
            throw new BadCredentialsException("wrong secret for API key " + key.key());
        }
        if (key.revoked()) {
            throw new BadCredentialsException("API key " + key.key() + " was revoked at " + key.revokedAt());
        }
        if (key.isExpiredAt(now)) {
            throw new BadCredentialsException("API key " + key.key() + " expired at " + key.expiresAt());
        }
        UserAccount owner = accounts.find(key.userId())
                .orElseThrow(
                        () -> new BadCredentialsException("the owner of API key " + key.key() + " no longer exists"));
        keys.touch(key.id(), now, now.minus(TOUCH_INTERVAL));
        return new VerifiedKey(key.id(), owner);
    }

    @Transactional(readOnly = true)
    public List<ApiKey> list() {
        PaddockPrincipal caller = CurrentCaller.require();
        List<ApiKeyEntity> visible = caller.has(Claims.LIST_API_KEY)
                ? keys.findAllByOrderByCreatedAtAsc()
                : keys.findByUserIdOrderByCreatedAtAsc(UUID.fromString(caller.userId()));
        return visible.stream().map(key -> toView(key, null)).toList();
    }

    @Transactional(readOnly = true)
    public ApiKey get(String idOrName) {
        return toView(findVisible(idOrName, Claims.LIST_API_KEY), null);
    }

    @Transactional
    public ApiKey create(CreateApiKey request) {
        PaddockPrincipal caller = CurrentCaller.require();
        UUID ownerId = request.userId() == null || request.userId().isBlank()
                ? UUID.fromString(caller.userId())
                : parseUserId(request.userId());
        boolean forSelf = ownerId.toString().equals(caller.userId());
        if (!forSelf && !caller.has(Claims.CREATE_API_KEY)) {
            throw ProblemException.forbidden(
                    "forbidden", "Creating an API key for another user requires the claim CREATE_API_KEY.");
        }
        UserAccount owner = accounts.find(ownerId)
                .orElseThrow(() -> ProblemException.badRequest("user-not-found", "No user with id " + ownerId + "."));
        // A key acts as its owner, so minting one for a more powerful user would be a privilege escalation.
        if (!forSelf
                && !caller.isSuperUser()
                && (owner.isSuperUser() || !caller.claims().containsAll(owner.effectiveClaims()))) {
            throw ProblemException.forbidden(
                    "privilege-escalation",
                    "You cannot create an API key for " + owner.username() + ": that user holds claims you do not.");
        }
        if (keys.findByNameIgnoreCaseAndUserId(request.name(), ownerId).isPresent()) {
            throw ProblemException.conflict(
                    "already-exists",
                    "User " + owner.username() + " already has an API key named '" + request.name() + "'.");
        }
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw ProblemException.badRequest("invalid-expiry", "expires_at must be in the future.");
        }
        String keyValue =
                request.key() == null ? randomToken(12) : request.key().toUpperCase(Locale.ROOT);
        if (keys.findByKey(keyValue).isPresent()) {
            throw ProblemException.conflict(
                    "already-exists", "An API key '" + keyValue + "' already exists; choose another key.");
        }
        String secret = request.secret() == null ? randomToken(24) : request.secret();
        ApiKeyEntity key = keys.save(
                new ApiKeyEntity(request.name(), keyValue, hasher.hash(secret), ownerId, request.expiresAt(), now));
        audit.record(
                "API_KEY_CREATED",
                "api_key",
                key.id().toString(),
                Map.of("name", key.name(), "owner", owner.username()));
        return toView(key, new ApiKeyCredentials(keyValue, secret).encoded());
    }

    @Transactional
    public void delete(String idOrName) {
        ApiKeyEntity key = findVisible(idOrName, Claims.DELETE_API_KEY);
        keys.delete(key);
        audit.record("API_KEY_DELETED", "api_key", key.id().toString(), Map.of("name", key.name()));
        events.publishEvent(new ApiKeyWithdrawn(key.id()));
    }

    @Transactional
    public ApiKey revoke(String idOrName) {
        ApiKeyEntity key = findVisible(idOrName, Claims.UPDATE_API_KEY);
        if (!key.revoked()) {
            key.revoke(clock.instant());
            audit.record("API_KEY_REVOKED", "api_key", key.id().toString(), Map.of("name", key.name()));
            events.publishEvent(new ApiKeyWithdrawn(key.id()));
        }
        return toView(key, null);
    }

    /** Finds a key by id, key or name among those the caller may see; others' keys need {@code allClaim}. */
    private ApiKeyEntity findVisible(String idOrName, String allClaim) {
        PaddockPrincipal caller = CurrentCaller.require();
        UUID callerId = UUID.fromString(caller.userId());
        Optional<ApiKeyEntity> found = asUuid(idOrName)
                .flatMap(keys::findById)
                .or(() -> keys.findByKey(idOrName.toUpperCase(Locale.ROOT)))
                .or(() -> keys.findByNameIgnoreCaseAndUserId(idOrName, callerId));
        ApiKeyEntity key = found.filter(k -> k.userId().equals(callerId) || caller.has(allClaim))
                .orElseThrow(() -> ProblemException.notFound(
                        "api-key-not-found", "No API key '" + idOrName + "' that you can see."));
        return key;
    }

    private ApiKey toView(ApiKeyEntity key, @Nullable String encoded) {
        Optional<UserAccount> owner = accounts.find(key.userId());
        return new ApiKey(
                key.id(),
                key.name(),
                key.key(),
                encoded,
                key.revoked(),
                key.revokedAt(),
                key.expiresAt(),
                key.lastUsedAt(),
                key.createdAt(),
                key.userId(),
                owner.map(UserAccount::name).orElse(null),
                owner.map(UserAccount::email).orElse(null),
                owner.map(UserAccount::username).orElse(null));
    }

    private String randomToken(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(value)
                .toUpperCase(Locale.ROOT)
                .replace('-', 'X')
                .replace('_', 'Y');
    }

    private static UUID parseUserId(String value) {
        return asUuid(value)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        "invalid-user-id",
                        "Bad request",
                        "user_id must be a user's id (a UUID)."));
    }

    private static Optional<UUID> asUuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
