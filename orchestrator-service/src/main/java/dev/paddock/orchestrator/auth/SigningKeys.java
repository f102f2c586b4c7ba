package dev.paddock.orchestrator.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.paddock.common.crypto.SecretBox;
import dev.paddock.orchestrator.OrchestratorProperties;
import dev.paddock.orchestrator.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The orchestrator's RS256 signing keys, persisted (private halves sealed under the operator key) so tokens survive
 * restarts and are valid on every replica. One key is active; rotation makes a new one active and keeps the old one in
 * the JWKS until every token it signed has expired. A replica that sees a key id it does not know reloads from the
 * database, so a rotation on one replica reaches the others without coordination.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(5);

    private final SigningKeyRepository repository;
    private final SecretBox secrets;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final Duration tokenLifetime;
    private final AuditLog audit;
    private final Clock clock;

    private volatile @Nullable Loaded loaded;
    private volatile Instant lastReload = Instant.EPOCH;

    SigningKeys(
            SigningKeyRepository repository,
            SecretBox secrets,
            TransactionTemplate transactions,
            JdbcTemplate jdbc,
            OrchestratorProperties properties,
            AuditLog audit,
            Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.secrets = secrets;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.tokenLifetime = properties.tokens().lifetime();
        this.clock = clock;
    }

    /** Key ids with their state, newest first. */
    public record KeyInfo(
            String kid, Instant createdAt, @Nullable Instant retiredAt, boolean active) {}

    /** The key new tokens are signed with. */
    RSAKey active() {
        return current().active();
    }

    /** The public keys verifiers should accept. */
    public JWKSet publicKeys() {
        return new JWKSet(
                current().published().stream().map(k -> (JWK) k.toPublicJWK()).toList());
    }

    public List<KeyInfo> describe() {
        String activeKid = active().getKeyID();
        return repository.findPublishable(clock.instant().minus(tokenLifetime)).stream()
                .map(k -> new KeyInfo(
                        k.kid(), k.createdAt(), k.retiredAt(), k.kid().equals(activeKid)))
                .toList();
    }

    /** Makes a fresh key active and retires the previous one (still accepted until its tokens expire). */
    public KeyInfo rotate() {
        transactions.executeWithoutResult(status -> {
            lockAcrossReplicas();
            Instant now = clock.instant();
            repository.findActive().forEach(key -> key.retire(now));
            SigningKeyEntity fresh = repository.save(generate(now));
            audit.record("SIGNING_KEY_ROTATED", "signing_key", fresh.kid(), java.util.Map.of());
        });
        reload();
        RSAKey active = active();
        log.info("Rotated the token signing key; new key id {}", active.getKeyID());
        return describe().stream().filter(KeyInfo::active).findFirst().orElseThrow();
    }

    @Override
    public List<JWK> get(JWKSelector selector, @Nullable SecurityContext context) {
        List<JWK> matches =
                selector.select(new JWKSet(new ArrayList<JWK>(current().published())));
        if (matches.isEmpty() && clock.instant().isAfter(lastReload.plus(RELOAD_AT_MOST_EVERY))) {
            // Perhaps another replica rotated: look again.
            reload();
            matches = selector.select(new JWKSet(new ArrayList<JWK>(current().published())));
        }
        return matches;
    }

    private Loaded current() {
        Loaded snapshot = loaded;
        if (snapshot == null) {
            synchronized (this) {
                if (loaded == null) {
                    reload();
                }
                snapshot = loaded;
            }
        }
        return java.util.Objects.requireNonNull(snapshot);
    }

    private synchronized void reload() {
        List<RSAKey> keys = transactions.execute(status -> {
            if (repository.findActive().isEmpty()) {
                lockAcrossReplicas();
                if (repository.findActive().isEmpty()) {
                    repository.save(generate(clock.instant()));
                    log.info("Generated the first token signing key");
                }
            }
            return repository.findPublishable(clock.instant().minus(tokenLifetime)).stream()
                    .map(this::open)
                    .toList();
        });
        if (keys == null || keys.isEmpty()) {
            throw new IllegalStateException("no signing key could be loaded");
        }
        // findPublishable orders newest first; the newest non-retired one signs.
        String activeKid = repository.findActive().getFirst().kid();
        RSAKey active = keys.stream()
                .filter(k -> k.getKeyID().equals(activeKid))
                .findFirst()
                .orElse(keys.getFirst());
        loaded = new Loaded(active, keys);
        lastReload = clock.instant();
    }

    private void lockAcrossReplicas() {
        jdbc.query("select pg_advisory_xact_lock(hashtext('paddock.signing-keys'))", rs -> {});
    }

    private SigningKeyEntity generate(Instant now) {
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            String sealed = secrets.seal(
                    key.toRSAPrivateKey().getEncoded(), key.getKeyID().getBytes(StandardCharsets.UTF_8));
            return new SigningKeyEntity(key.getKeyID(), key.toPublicJWK().toJSONString(), sealed, now);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a signing key", e);
        }
    }

    private RSAKey open(SigningKeyEntity entity) {
        try {
            RSAKey publicKey = RSAKey.parse(entity.publicKey());
            byte[] pkcs8 = secrets.open(entity.privateKeySealed(), entity.kid().getBytes(StandardCharsets.UTF_8));
            RSAPrivateKey privateKey =
                    (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new RSAKey.Builder((RSAPublicKey) publicKey.toPublicKey())
                    .privateKey(privateKey)
                    .keyID(entity.kid())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .build();
        } catch (ParseException | JOSEException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the stored signing key " + entity.kid() + " is unreadable", e);
        }
    }

    private record Loaded(RSAKey active, List<RSAKey> published) {}
}
