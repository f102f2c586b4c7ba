package dev.paddock.orchestrator.apikey;

import dev.paddock.common.security.ApiKeyCredentials;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.PasswordHasher;
import dev.paddock.orchestrator.OrchestratorProperties;
import dev.paddock.orchestrator.identity.Accounts;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The edge's credential. With {@code paddock.orchestrator.identity.edge-api-key} (base64 of KEY:SECRET, the same value
 * the edge is given) every start makes sure a service account {@code paddock-edge} exists holding only what per-VM
 * routes need — find VMs and open tunnels to them — and that the key belongs to it. The edge exchanges the key for
 * ordinary tokens, which the agents also accept.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class EdgeServiceKey implements ApplicationRunner {

    static final String ACCOUNT = "paddock-edge";
    static final Set<String> CLAIMS = Set.of(Claims.LIST, Claims.LIST_VM, Claims.CONFIGURE_REVERSE_PROXY);

    private static final Logger log = LoggerFactory.getLogger(EdgeServiceKey.class);

    private final @Nullable String configured;
    private final Accounts accounts;
    private final ApiKeyRepository keys;
    private final PasswordHasher hasher;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    EdgeServiceKey(
            OrchestratorProperties properties,
            Accounts accounts,
            ApiKeyRepository keys,
            PasswordHasher hasher,
            JdbcTemplate jdbc,
            Clock clock) {
        this.configured = properties.identity().edgeApiKey();
        this.accounts = accounts;
        this.keys = keys;
        this.hasher = hasher;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (configured == null || configured.isBlank()) {
            return;
        }
        ApiKeyCredentials credentials;
        try {
            credentials = ApiKeyCredentials.parse(configured);
        } catch (BadCredentialsException e) {
            throw new IllegalStateException("PADDOCK_EDGE_API_KEY is not base64 of KEY:SECRET");
        }
        // Replicas starting together would otherwise race to create the same account and key.
        jdbc.query("select pg_advisory_xact_lock(hashtext('paddock.identity.edge-key'))", rs -> {});
        UUID owner = accounts.ensureServiceAccount(ACCOUNT, "Paddock edge", CLAIMS);
        Instant now = clock.instant();
        ApiKeyEntity key = keys.findByKey(credentials.key()).orElse(null);
        if (key == null) {
            keys.save(new ApiKeyEntity(
                    "paddock-edge", credentials.key(), hasher.hash(credentials.secret()), owner, null, now));
            log.info("Created the edge's API key {} for service account {}", credentials.key(), ACCOUNT);
        } else if (!key.userId().equals(owner)
                || key.revoked()
                || key.expiresAt() != null
                || !hasher.matches(credentials.secret(), key.secretHash())) {
            key.reset(hasher.hash(credentials.secret()), owner, now);
            log.info("Reset the edge's API key {} to the configured secret", credentials.key());
        }
    }
}
