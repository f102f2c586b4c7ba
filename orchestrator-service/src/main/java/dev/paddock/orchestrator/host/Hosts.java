package dev.paddock.orchestrator.host;

import dev.paddock.common.crypto.SecretBox;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.orchestrator.OrchestratorProperties;
import dev.paddock.orchestrator.agent.AgentClients;
import dev.paddock.orchestrator.agent.AgentTarget;
import dev.paddock.orchestrator.audit.AuditLog;
import dev.paddock.orchestrator.event.EventBus;
import dev.paddock.orchestrator.host.HostViews.CreateEnrollmentToken;
import dev.paddock.orchestrator.host.HostViews.EnrollmentToken;
import dev.paddock.orchestrator.host.HostViews.EnrollmentTokenValidity;
import dev.paddock.orchestrator.host.HostViews.Host;
import dev.paddock.orchestrator.host.HostViews.HostCredentials;
import dev.paddock.orchestrator.host.HostViews.RegisterHost;
import dev.paddock.orchestrator.host.HostViews.UpdateHost;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The host registry. Agents enroll themselves with a single-use token and then push heartbeats with a secret only
 * they hold (its SHA-256 is stored); operators may also register a host by URL, which the orchestrator then polls.
 * Before a host is added, its agent must answer: nothing unreachable is registered.
 */
@Service
public class Hosts {

    private static final Logger log = LoggerFactory.getLogger(Hosts.class);

    private final HostRepository hosts;
    private final EnrollmentTokenRepository tokens;
    private final HostCapacities capacities;
    private final HostCaches caches;
    private final AgentClients agents;
    private final SecretBox secrets;
    private final AuditLog audit;
    private final EventBus events;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final OrchestratorProperties.Fleet fleet;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Hosts(
            HostRepository hosts,
            EnrollmentTokenRepository tokens,
            HostCapacities capacities,
            HostCaches caches,
            AgentClients agents,
            SecretBox secrets,
            AuditLog audit,
            EventBus events,
            TransactionTemplate transactions,
            JdbcTemplate jdbc,
            OrchestratorProperties properties,
            Clock clock) {
        this.hosts = hosts;
        this.tokens = tokens;
        this.capacities = capacities;
        this.caches = caches;
        this.agents = agents;
        this.secrets = secrets;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.fleet = properties.fleet();
        this.clock = clock;
    }

    // ---- enrollment ----------------------------------------------------------------------------------------------

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
        JsonNode hardware = probe(new AgentTarget(id, presented.hostName, url, null));
        String secret = randomToken();
        HostEntity host = transactions.execute(status -> {
            EnrollmentTokenEntity locked = tokens.lockByTokenHash(sha256(token)).orElseThrow();
            String stillUnusable = reasonUnusable(locked);
            if (stillUnusable != null) {
                throw unauthorizedToken("the enrollment token is " + stillUnusable);
            }
            requireNameFree(presented.hostName);
            HostEntity created = new HostEntity(id, presented.hostName, url.toString(), "push", clock.instant());
            applyRegistration(created, request);
            applyHardware(created, hardware);
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

    /** An operator registers a host by URL; the orchestrator polls it (it has no secret to push heartbeats with). */
    public Host register(RegisterHost request) {
        URI url = URI.create(stripSlash(request.host()));
        String name = request.name() != null ? request.name() : url.getHost();
        if (request.authentication() != null
                && request.authentication().apiKey() == null
                && request.authentication().username() != null) {
            throw ProblemException.badRequest(
                    "unsupported-authentication",
                    "Register the host with an API key of its agent (authentication.api_key), not a password.");
        }
        String apiKey = request.authentication() == null
                ? null
                : request.authentication().apiKey();
        UUID id = UUID.randomUUID();
        JsonNode hardware = probe(new AgentTarget(id, name, url, apiKey));
        HostEntity host = transactions.execute(status -> {
            requireNameFree(name);
            HostEntity created = new HostEntity(id, name, url.toString(), "poll", clock.instant());
            applyRegistration(created, request);
            applyHardware(created, hardware);
            if (apiKey != null) {
                created.credentialsSealed = secrets.seal(
                        apiKey.getBytes(StandardCharsets.UTF_8), id.toString().getBytes(StandardCharsets.UTF_8));
            }
            created.state = "healthy";
            created.lastSeenAt = clock.instant();
            hosts.save(created);
            audit.record("HOST_REGISTERED", "host", id.toString(), Map.of("name", created.name, "url", created.url));
            return created;
        });
        events.publish("orchestrator", "HOST_ADDED", Map.of("host_id", id, "name", host.name));
        return view(host);
    }

    // ---- reads ---------------------------------------------------------------------------------------------------

    /** Every visible host; capacities and cached images come from one query each, not one per host. */
    public List<Host> list() {
        PaddockPrincipal caller = CurrentCaller.require();
        Map<UUID, HostCapacity> capacity = capacities.all();
        Map<UUID, List<HostCaches.Item>> cached = caches.all();
        return hosts.findAllByOrderByNameAsc().stream()
                .filter(host -> summary(host).visibleTo(caller))
                .map(host -> view(
                        host,
                        capacity.getOrDefault(host.id, HostCapacities.empty()),
                        cached.getOrDefault(host.id, List.of())))
                .toList();
    }

    public Host get(String idOrName) {
        return view(visible(idOrName));
    }

    /** Every host, unfiltered: for the orchestrator's own work (scheduling applies restrictions itself). */
    /** Every host, by name; read with plain SQL because the scheduler reads all of them for every decision. */
    public List<HostSummary> summaries() {
        return jdbc.query(
                "select id, name, url, enabled, draining, state, architecture, tags, required_roles, required_claims,"
                        + " mode, tunnel_address, last_seen_at, credentials_sealed from hosts order by name",
                (rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    String sealed = rs.getString("credentials_sealed");
                    java.sql.Timestamp lastSeen = rs.getTimestamp("last_seen_at");
                    return new HostSummary(
                            id,
                            rs.getString("name"),
                            URI.create(rs.getString("url")),
                            rs.getBoolean("enabled"),
                            rs.getBoolean("draining"),
                            rs.getString("state"),
                            rs.getString("architecture"),
                            textArray(rs.getArray("tags")),
                            textArray(rs.getArray("required_roles")),
                            textArray(rs.getArray("required_claims")),
                            rs.getString("mode"),
                            rs.getString("tunnel_address"),
                            lastSeen == null ? null : lastSeen.toInstant(),
                            sealed == null ? null : openApiKey(id, sealed));
                });
    }

    private static List<String> textArray(java.sql.@Nullable Array array) throws java.sql.SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private String openApiKey(UUID hostId, String sealed) {
        return new String(
                secrets.open(sealed, hostId.toString().getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    public HostSummary summary(UUID id) {
        return hosts.findById(id).map(this::summary).orElseThrow(() -> new HostNotFound(id.toString()));
    }

    /** A host the caller may see, by id or name. */
    public HostSummary visibleSummary(String idOrName) {
        return summary(visible(idOrName));
    }

    /** The host's agent answer to {@code /config/hardware}, fetched now. */
    public JsonNode hardware(String idOrName) {
        HostSummary host = visibleSummary(idOrName);
        return agents.asOrchestrator(host.target(), fleet.agentTimeout()).hardware();
    }

    // ---- changes -------------------------------------------------------------------------------------------------

    public Host update(String idOrName, UpdateHost request) {
        HostEntity host = visible(idOrName);
        return transactions.execute(status -> {
            HostEntity current = hosts.findById(host.id).orElseThrow();
            if (request.host() != null) {
                current.url = stripSlash(request.host());
            }
            if (request.description() != null) {
                current.description = request.description();
            }
            if (request.tags() != null) {
                current.tags = List.copyOf(request.tags());
            }
            if (request.requiredClaims() != null) {
                current.requiredClaims = List.copyOf(request.requiredClaims());
            }
            if (request.requiredRoles() != null) {
                current.requiredRoles = List.copyOf(request.requiredRoles());
            }
            current.updatedAt = clock.instant();
            audit.record("HOST_UPDATED", "host", current.id.toString(), Map.of("name", current.name));
            return view(hosts.save(current));
        });
    }

    public void delete(String idOrName) {
        HostEntity host = visible(idOrName);
        transactions.executeWithoutResult(status -> {
            hosts.deleteById(host.id);
            audit.record("HOST_REMOVED", "host", host.id.toString(), Map.of("name", host.name));
        });
        events.publish("orchestrator", "HOST_REMOVED", Map.of("host_id", host.id, "name", host.name));
    }

    /** Enable/disable (maintenance) and drain: disabled and draining hosts get no new VMs. */
    public Host setFlags(String idOrName, @Nullable Boolean enabled, @Nullable Boolean draining) {
        HostEntity host = visible(idOrName);
        HostEntity saved = transactions.execute(status -> {
            HostEntity current = hosts.findById(host.id).orElseThrow();
            if (enabled != null) {
                current.enabled = enabled;
            }
            if (draining != null) {
                current.draining = draining;
            }
            current.updatedAt = clock.instant();
            audit.record(
                    "HOST_FLAGS_CHANGED",
                    "host",
                    current.id.toString(),
                    Map.of("enabled", current.enabled, "draining", current.draining));
            return hosts.save(current);
        });
        events.publish(
                "orchestrator",
                "HOST_UPDATED",
                Map.of("host_id", saved.id, "enabled", saved.enabled, "draining", saved.draining));
        return view(saved);
    }

    /**
     * Runs {@code work} holding the host's row lock, in a transaction: capacity decisions about one host (start a VM,
     * reserve for a new one) are taken one at a time across all replicas.
     */
    public <T> T underLock(UUID hostId, java.util.function.Function<HostCapacity, T> work) {
        return transactions.execute(status -> {
            hosts.lockById(hostId).orElseThrow(() -> new HostNotFound(hostId.toString()));
            return work.apply(capacities.of(hostId));
        });
    }

    /**
     * Like {@link #underLock}, but answers empty at once when another transaction holds the host's lock, so a decision
     * can move on to the next host instead of queueing behind this one.
     */
    public <T> Optional<T> tryUnderLock(UUID hostId, java.util.function.Function<HostCapacity, T> work) {
        return transactions.execute(status -> {
            List<UUID> locked =
                    jdbc.queryForList("select id from hosts where id = ? for update skip locked", UUID.class, hostId);
            if (locked.isEmpty()) {
                return Optional.<T>empty();
            }
            return Optional.of(work.apply(capacities.of(hostId)));
        });
    }

    // ---- health (called by the heartbeat feature) ----------------------------------------------------------------

    /** What a heartbeat changed: the digests before it, and whether the host was unhealthy. */
    public record HeartbeatOutcome(
            @Nullable String previousVmDigest, @Nullable String previousCacheDigest, boolean recovered) {}

    /**
     * Applies a heartbeat in one statement (it is the fleet's hottest write), only if {@code secret} is the host's; the
     * host becomes healthy. An empty answer means unknown host or wrong secret — the caller cannot tell which.
     */
    public Optional<HeartbeatOutcome> recordHeartbeat(UUID hostId, String secret, HostHeartbeat beat) {
        List<HeartbeatOutcome> outcome = jdbc.query(
                """
                with previous as (select id, vm_digest, cache_digest, state from hosts
                                   where id = ? and secret_hash = ? for update)
                update hosts h set total_cpus = ?, total_memory_mb = ?, free_disk_mb = ?, reserved_cpus = ?,
                       reserved_memory_mb = ?, reserved_disk_mb = ?, vm_digest = ?, cache_digest = ?,
                       agent_version = coalesce(?, h.agent_version), tunnel_address = ?, state = 'healthy',
                       state_reason = null, last_seen_at = ?
                  from previous p where h.id = p.id
                returning p.vm_digest, p.cache_digest, p.state
                """,
                (rs, row) -> new HeartbeatOutcome(rs.getString(1), rs.getString(2), !"healthy".equals(rs.getString(3))),
                hostId,
                sha256(secret),
                beat.totalCpus(),
                beat.totalMemoryMb(),
                beat.freeDiskMb(),
                beat.reservedCpus(),
                beat.reservedMemoryMb(),
                beat.reservedDiskMb(),
                beat.vmDigest(),
                beat.cacheDigest(),
                beat.agentVersion(),
                beat.tunnelAddress(),
                java.sql.Timestamp.from(clock.instant()));
        if (outcome.isEmpty()) {
            return Optional.empty();
        }
        HeartbeatOutcome result = outcome.getFirst();
        if (result.recovered()) {
            events.publish("orchestrator", "HOST_HEALTH_UPDATE", Map.of("host_id", hostId, "state", "healthy"));
            log.info("Host {} is healthy again", hostId);
        }
        return Optional.of(result);
    }

    /**
     * Forgets what a host's digests said, so that the next heartbeat fetches the details again (used when fetching
     * them failed: the stored digest must never claim data the orchestrator does not have).
     */
    public void forgetDigest(UUID hostId, boolean vms, boolean cache) {
        jdbc.update(
                "update hosts set vm_digest = case when ? then null else vm_digest end, "
                        + "cache_digest = case when ? then null else cache_digest end where id = ?",
                vms,
                cache,
                hostId);
    }

    /** Records the outcome of polling a host that does not push (or of a failed probe). */
    public void recordPoll(UUID hostId, @Nullable JsonNode hardware, @Nullable String failure) {
        boolean changed = Boolean.TRUE.equals(transactions.execute(status -> {
            HostEntity host = hosts.findById(hostId).orElse(null);
            if (host == null) {
                return false;
            }
            String before = host.state;
            if (failure == null && hardware != null) {
                applyHardware(host, hardware);
                host.state = "healthy";
                host.stateReason = null;
                host.lastSeenAt = clock.instant();
            } else {
                host.state = "unhealthy";
                host.stateReason = failure;
            }
            hosts.save(host);
            return !before.equals(host.state);
        }));
        if (changed) {
            events.publish(
                    "orchestrator",
                    "HOST_HEALTH_UPDATE",
                    Map.of("host_id", hostId, "state", failure == null ? "healthy" : "unhealthy"));
        }
    }

    /** Whether a host's secret is the one presented (for pushes other than heartbeats). */
    public boolean secretMatches(UUID hostId, String secret) {
        String expected = hosts.findById(hostId).map(host -> host.secretHash).orElse(null);
        return expected != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8),
                        sha256(secret).getBytes(StandardCharsets.UTF_8));
    }

    /** Marks push hosts silent since {@code silentSince} unhealthy; returns their ids. */
    public List<UUID> markSilentHostsUnhealthy(Instant silentSince) {
        List<UUID> marked =
                jdbc.query("""
                update hosts set state = 'unhealthy',
                       state_reason = 'no heartbeat since ' || to_char(last_seen_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                 where mode = 'push' and state <> 'unhealthy' and (last_seen_at is null or last_seen_at < ?)
                returning id
                """, (rs, row) -> rs.getObject(1, UUID.class), java.sql.Timestamp.from(silentSince));
        marked.forEach(id -> {
            log.warn("Host {} missed its heartbeats; marked unhealthy", id);
            events.publish("orchestrator", "HOST_HEALTH_UPDATE", Map.of("host_id", id, "state", "unhealthy"));
        });
        return marked;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private JsonNode probe(AgentTarget target) {
        try {
            return agents.asOrchestrator(target, Duration.ofSeconds(15)).hardware();
        } catch (RuntimeException e) {
            throw new ProblemException(
                    HttpStatus.BAD_GATEWAY,
                    "host-unreachable",
                    "Host agent unreachable",
                    "The agent at " + target.url() + " did not answer /api/v1/config/hardware (" + e.getMessage()
                            + "); check its URL and that it trusts this orchestrator.");
        }
    }

    private void requireNameFree(String name) {
        if (hosts.findByName(name).isPresent()) {
            throw ProblemException.conflict(
                    "host-exists",
                    "A host named '" + name + "' is already registered; remove it first or use another name.");
        }
    }

    private static void applyRegistration(HostEntity host, RegisterHost request) {
        host.description = request.description();
        host.tags = request.tags() == null ? List.of() : List.copyOf(request.tags());
        host.requiredClaims = request.requiredClaims() == null ? List.of() : List.copyOf(request.requiredClaims());
        host.requiredRoles = request.requiredRoles() == null ? List.of() : List.copyOf(request.requiredRoles());
    }

    /** Takes what the agent's {@code /config/hardware} says about the host. */
    private void applyHardware(HostEntity host, JsonNode hardware) {
        host.architecture = hardware.path("cpu_type").asString(null);
        host.cpuModel = hardware.path("cpu_brand").asString(null);
        host.osVersion = hardware.path("os_version").asString(null);
        host.pdVersion = hardware.path("parallels_desktop_version").asString(null);
        host.pdLicensed = hardware.path("parallels_desktop_licensed").asBoolean(false);
        host.agentVersion = hardware.path("devops_version").asString(null);
        host.totalCpus = hardware.path("total").path("logical_cpu_count").asInt(0);
        host.totalMemoryMb = hardware.path("total").path("memory_size").asLong(0);
        host.totalDiskMb = hardware.path("total").path("disk_count").asLong(0);
        host.freeDiskMb = hardware.path("total_available")
                .path("prl_home_free_size")
                .asLong(hardware.path("total").path("prl_home_free_size").asLong(0));
        host.reservedCpus =
                hardware.path("system_reserved").path("logical_cpu_count").asInt(0);
        host.reservedMemoryMb =
                hardware.path("system_reserved").path("memory_size").asLong(0);
        host.reservedDiskMb =
                hardware.path("system_reserved").path("disk_count").asLong(0);
        host.updatedAt = clock.instant();
    }

    private HostEntity visible(String idOrName) {
        PaddockPrincipal caller = CurrentCaller.require();
        Optional<HostEntity> found;
        try {
            found = hosts.findById(UUID.fromString(idOrName));
        } catch (IllegalArgumentException notAnId) {
            found = hosts.findByName(idOrName);
        }
        return found.filter(host -> summary(host).visibleTo(caller)).orElseThrow(() -> new HostNotFound(idOrName));
    }

    private HostSummary summary(HostEntity host) {
        String apiKey = host.credentialsSealed == null ? null : openApiKey(host.id, host.credentialsSealed);
        return new HostSummary(
                host.id,
                host.name,
                URI.create(host.url),
                host.enabled,
                host.draining,
                host.state,
                host.architecture,
                host.tags,
                host.requiredRoles,
                host.requiredClaims,
                host.mode,
                host.tunnelAddress,
                host.lastSeenAt,
                apiKey);
    }

    Host view(HostEntity host) {
        return view(host, capacities.of(host.id), caches.of(host.id));
    }

    private Host view(HostEntity host, HostCapacity capacity, List<HostCaches.Item> cached) {
        HostViews.Resources resources = capacity.toResources();
        return new Host(
                host.id,
                host.name,
                host.enabled,
                host.draining,
                host.url,
                host.architecture,
                host.cpuModel,
                "macOS",
                host.osVersion,
                host.agentVersion,
                host.description,
                host.tags,
                host.state,
                host.stateReason,
                host.lastSeenAt,
                host.pdVersion,
                host.pdLicensed,
                host.mode,
                host.tunnelAddress,
                resources.totalAvailable(),
                resources,
                host.requiredClaims,
                host.requiredRoles,
                cached,
                host.createdAt);
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

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
