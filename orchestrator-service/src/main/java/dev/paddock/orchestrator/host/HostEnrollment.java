package dev.paddock.orchestrator.host;

import static dev.paddock.orchestrator.host.HostSecrets.randomToken;
import static dev.paddock.orchestrator.host.HostSecrets.sha256;
import static dev.paddock.orchestrator.host.HostSecrets.stripSlash;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.contracts.fleet.HostCredentials;
import dev.paddock.contracts.fleet.RegisterHost;
import dev.paddock.orchestrator.OrchestratorProperties;
import dev.paddock.orchestrator.agent.AgentTarget;
import dev.paddock.orchestrator.audit.AuditLog;
import dev.paddock.orchestrator.event.EventBus;
import dev.paddock.orchestrator.host.HostViews.CreateEnrollmentToken;
import dev.paddock.orchestrator.host.HostViews.EnrollmentToken;
import dev.paddock.orchestrator.host.HostViews.EnrollmentTokenValidity;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * How an agent joins the fleet: an operator creates a single-use, expiring enrollment token; the agent presents it,
 * its agent must answer, and it gets back the secret it pushes heartbeats with (only its SHA-256 is stored). The
 * {@code enrollment_tokens} table is written here and nowhere else.
 */
@Service
public class HostEnrollment {

    private static final Logger log = LoggerFactory.getLogger(HostEnrollment.class);

    private final EnrollmentTokenRepository tokens;
    private final HostRepository hosts;
    private final HostRecords records;
    private final HostProbe probe;
    private final AuditLog audit;
    private final EventBus events;
    private final TransactionTemplate transactions;
    private final OrchestratorProperties.Fleet fleet;
    private final Clock clock;

    HostEnrollment(
            EnrollmentTokenRepository tokens,
            HostRepository hosts,
            HostRecords records,
            HostProbe probe,
            AuditLog audit,
            EventBus events,
            TransactionTemplate transactions,
            OrchestratorProperties properties,
            Clock clock) {
        this.tokens = tokens;
        this.hosts = hosts;
        this.records = records;
        this.probe = probe;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.fleet = properties.fleet();
        this.clock = clock;
    }

    public EnrollmentToken createEnrollmentToken(CreateEnrollmentToken request) {
        String token = randomToken();
        Duration ttl =
                request.ttlMinutes() == null ? fleet.enrollmentTokenTtl() : Duration.ofMinutes(request.ttlMinutes());
        Instant expires = clock.instant().plus(ttl);
        String creator =
                CurrentCaller.principal().map(PaddockPrincipal::username).orElse("system");
        transactions.executeWithoutResult(status -> {
            tokens.save(
                    new EnrollmentTokenEntity(sha256(token), request.hostName(), expires, creator, clock.instant()));
            audit.record(
                    "ENROLLMENT_TOKEN_CREATED",
                    "host",
                    null,
                    Map.of("host_name", request.hostName(), "expires_at", expires));
        });
        return new EnrollmentToken(token, request.hostName(), expires);
    }

    public EnrollmentTokenValidity validateEnrollmentToken(String token) {
        Optional<EnrollmentTokenEntity> found = tokens.findByTokenHash(sha256(token));
        if (found.isEmpty()) {
            return new EnrollmentTokenValidity(false, null, null, "unknown token");
        }
        EnrollmentTokenEntity entity = found.get();
        String reason = reasonUnusable(entity);
        return new EnrollmentTokenValidity(reason == null, entity.hostName, entity.expiresAt, reason);
    }

    /**
     * Registers the host presenting an enrollment token: the token is used up, the agent must answer, and the answer
     * carries the secret the agent proves itself with from then on (shown only here).
     */
    public HostCredentials enroll(String token, RegisterHost request) {
        EnrollmentTokenEntity presented = tokens.findByTokenHash(sha256(token))
                .orElseThrow(() -> unauthorizedToken("the enrollment token is not valid"));
        String unusable = reasonUnusable(presented);
        if (unusable != null) {
            throw unauthorizedToken("the enrollment token is " + unusable);
        }
        if (request.name() != null && !request.name().equalsIgnoreCase(presented.hostName)) {
            throw ProblemException.badRequest(
                    "name-mismatch",
                    "This enrollment token is for host '" + presented.hostName + "', not '" + request.name() + "'.");
        }
        URI url = URI.create(stripSlash(request.host()));
        UUID id = UUID.randomUUID();
        JsonNode hardware = probe.hardware(new AgentTarget(id, presented.hostName, url, null));
        String secret = randomToken();
        HostEntity host = transactions.execute(status -> {
            EnrollmentTokenEntity locked = tokens.lockByTokenHash(sha256(token)).orElseThrow();
            String stillUnusable = reasonUnusable(locked);
            if (stillUnusable != null) {
                throw unauthorizedToken("the enrollment token is " + stillUnusable);
            }
            records.requireNameFree(presented.hostName);
            HostEntity created = new HostEntity(id, presented.hostName, url.toString(), "push", clock.instant());
            created.applyRegistration(request);
            created.applyHardware(hardware, clock.instant());
            created.secretHash = sha256(secret);
            created.state = "healthy";
            created.lastSeenAt = clock.instant();
            hosts.save(created);
            locked.usedAt = clock.instant();
            locked.usedByHost = id;
            audit.record("HOST_ENROLLED", "host", id.toString(), Map.of("name", created.name, "url", created.url));
            return created;
        });
        events.publish("orchestrator", "HOST_ADDED", Map.of("host_id", id, "name", host.name));
        log.info("Host {} enrolled from {}", host.name, host.url);
        return new HostCredentials(id, secret, fleet.heartbeatInterval().toSeconds());
    }

    /** Deletes the tokens that expired before {@code before}; answers how many. */
    public int forgetTokensExpiredBefore(Instant before) {
        return transactions.execute(status -> tokens.deleteExpiredBefore(before));
    }

    private @Nullable String reasonUnusable(EnrollmentTokenEntity token) {
        if (token.usedAt != null) {
            return "already used";
        }
        if (!token.expiresAt.isAfter(clock.instant())) {
            return "expired";
        }
        return null;
    }

    private static ProblemException unauthorizedToken(String detail) {
        return new ProblemException(
                HttpStatus.UNAUTHORIZED,
                "invalid-enrollment-token",
                "Invalid enrollment token",
                detail.substring(0, 1).toUpperCase() + detail.substring(1) + "; ask an operator for a new one.");
    }
}
