package dev.paddock.agent.standalone;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.ApiKeyCredentials;
import dev.paddock.common.security.PasswordHasher;
import dev.paddock.common.security.Roles;
import dev.paddock.common.security.TokenClaims;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The standalone agent's accounts: one {@code root} user (SUPER_USER) and API keys acting as root, with an RS256 key
 * signing its tokens. Kept in {@code <data-dir>/accounts.json} and {@code <data-dir>/signing-key.json}, both written
 * owner-only and atomically. Five failed logins in a row lock root for five minutes (a restart unlocks it).
 */
public final class LocalAccounts {

    private static final Logger log = LoggerFactory.getLogger(LocalAccounts.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_FAILURES = 5;
    private static final Duration LOCKOUT = Duration.ofMinutes(5);

    private final Path dataDir;
    private final PasswordHasher hasher = new PasswordHasher(10);
    private final Duration tokenLifetime;
    private final Clock clock;
    private final RSAKey signingKey;
    private State state;
    private int failures;
    private @Nullable Instant lockedUntil;

    /** What is stored: root's password hash and the API keys. */
    record State(String rootPasswordHash, List<StoredKey> apiKeys) {}

    /** An API key: its secret only as a hash. */
    public record StoredKey(
            String id, String name, String key, String secretHash, Instant createdAt, boolean revoked) {}

    LocalAccounts(StandaloneProperties properties, Clock clock) {
        this.dataDir = properties.dataDir().toAbsolutePath();
        this.tokenLifetime = properties.tokenLifetime();
        this.clock = clock;
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the standalone data directory " + dataDir, e);
        }
        this.signingKey = loadOrCreateKey();
        this.state = loadOrCreateState(properties.rootPassword());
    }

    public JWKSet publicKeys() {
        return new JWKSet(signingKey.toPublicJWK());
    }

    RSAKey signingKey() {
        return signingKey;
    }

    /** A token for root after a password login; refuses (401) a wrong password or a locked account. */
    public synchronized IssuedToken loginRoot(String username, String password) {
        Instant now = clock.instant();
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            throw new ProblemException(
                    HttpStatus.UNAUTHORIZED,
                    "account-locked",
                    "Account locked",
                    "root is locked after " + MAX_FAILURES + " failed logins until " + lockedUntil + ".");
        }
        if (!"root".equals(username) || !hasher.matches(password, state.rootPasswordHash())) {
            if (!"root".equals(username)) {
                hasher.burnDecoyCheck(password);
            } else if (++failures >= MAX_FAILURES) {
                lockedUntil = now.plus(LOCKOUT);
                failures = 0;
            }
            throw new ProblemException(
                    HttpStatus.UNAUTHORIZED,
                    "invalid-credentials",
                    "Invalid credentials",
                    "The username or password is wrong.");
        }
        failures = 0;
        lockedUntil = null;
        return issue(null);
    }

    /** A token for root on behalf of an API key. */
    public IssuedToken loginWithKey(ApiKeyCredentials credentials) {
        return issue(verify(credentials).id());
    }

    /** Proves an API key; {@link BadCredentialsException} otherwise. */
    public synchronized StoredKey verify(ApiKeyCredentials credentials) {
        StoredKey key = state.apiKeys().stream()
                .filter(k -> k.key().equals(credentials.key()))
                .findFirst()
                .orElse(null);
        if (key == null) {
            hasher.burnDecoyCheck(credentials.secret());
            throw new BadCredentialsException("unknown API key");
        }
        if (key.revoked() || !hasher.matches(credentials.secret(), key.secretHash())) {
            throw new BadCredentialsException("API key " + key.key() + " is revoked or its secret is wrong");
        }
        return key;
    }

    public synchronized List<StoredKey> keys() {
        return List.copyOf(state.apiKeys());
    }

    /** Creates a key; the answer's {@code encoded} value is the only time the secret is shown. */
    public synchronized CreatedKey createKey(String name) {
        if (state.apiKeys().stream().anyMatch(k -> k.name().equalsIgnoreCase(name))) {
            throw ProblemException.conflict("already-exists", "An API key named '" + name + "' already exists.");
        }
        String key = random(9).toUpperCase(Locale.ROOT);
        String secret = random(24);
        StoredKey stored =
                new StoredKey(UUID.randomUUID().toString(), name, key, hasher.hash(secret), clock.instant(), false);
        List<StoredKey> keys = new ArrayList<>(state.apiKeys());
        keys.add(stored);
        save(new State(state.rootPasswordHash(), keys));
        return new CreatedKey(stored.id(), name, key, new ApiKeyCredentials(key, secret).encoded());
    }

    public synchronized void deleteKey(String idOrName) {
        List<StoredKey> keys = new ArrayList<>(state.apiKeys());
        if (!keys.removeIf(k -> k.id().equals(idOrName)
                || k.name().equalsIgnoreCase(idOrName)
                || k.key().equalsIgnoreCase(idOrName))) {
            throw ProblemException.notFound("api-key-not-found", "No API key '" + idOrName + "'.");
        }
        save(new State(state.rootPasswordHash(), keys));
    }

    /** A created key with its one-time {@code encoded} value. */
    public record CreatedKey(String id, String name, String key, String encoded) {}

    /** A signed token and its expiry. */
    public record IssuedToken(String token, Instant expiresAt) {}

    private IssuedToken issue(@Nullable String apiKeyId) {
        Instant now = clock.instant();
        Instant expires = now.plus(tokenLifetime);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(TokenClaims.DEFAULT_ISSUER)
                .subject("root")
                .claim(TokenClaims.UID, "root")
                .claim(TokenClaims.USERNAME, "root")
                .claim(TokenClaims.EMAIL, "root@localhost")
                .claim(TokenClaims.ROLES, List.of(Roles.SUPER_USER))
                .claim(TokenClaims.CLAIMS, TokenClaims.listed(true, List.of()))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString());
        if (apiKeyId != null) {
            claims.claim(TokenClaims.API_KEY_ID, apiKeyId);
        }
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(signingKey.getKeyID())
                            .build(),
                    claims.build());
            jwt.sign(new RSASSASigner(signingKey));
            return new IssuedToken(jwt.serialize(), expires);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }

    private RSAKey loadOrCreateKey() {
        Path file = dataDir.resolve("signing-key.json");
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            writeOwnerOnly(file, key.toJSONString());
            return key;
        } catch (IOException | ParseException | JOSEException e) {
            throw new IllegalStateException("cannot read or create " + file, e);
        }
    }

    private State loadOrCreateState(@Nullable String configuredPassword) {
        Path file = dataDir.resolve("accounts.json");
        String password = configuredPassword == null || configuredPassword.isBlank() ? null : configuredPassword;
        if (Files.exists(file)) {
            State stored = JSON.readValue(file.toFile(), State.class);
            if (password != null && !hasher.matches(password, stored.rootPasswordHash())) {
                State updated = new State(hasher.hash(password), stored.apiKeys());
                save(updated);
                return updated;
            }
            return stored;
        }
        boolean generated = password == null;
        String rootPassword = generated ? random(18) : password;
        State fresh = new State(hasher.hash(rootPassword), List.of());
        save(fresh);
        if (generated) {
            log.warn(
                    "\n\n  Standalone agent: created root with a generated password (shown only this once):\n\n"
                            + "      username: root\n      password: {}\n\n  Set PADDOCK_ROOT_PASSWORD to choose it.\n",
                    rootPassword);
        }
        return fresh;
    }

    private void save(State updated) {
        try {
            writeOwnerOnly(dataDir.resolve("accounts.json"), JSON.writeValueAsString(updated));
            state = updated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the standalone accounts", e);
        }
    }

    private void writeOwnerOnly(Path file, String content) throws IOException {
        Path temporary = Files.createTempFile(dataDir, ".tmp", ".json");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort elsewhere
        }
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(value)
                .replace('-', 'x')
                .replace('_', 'y');
    }
}
