package dev.paddock.orchestrator.host;

import dev.paddock.common.crypto.SecretBox;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.orchestrator.host.HostViews.Host;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads host rows into what the rest of the orchestrator sees: {@link HostSummary} for other features, {@link Host}
 * for the API, each host filtered by the caller's right to see it. The API key of a host registered by URL is opened
 * here and nowhere else.
 */
@Component
class HostRecords {

    private final HostRepository hosts;
    private final HostCapacities capacities;
    private final HostCaches caches;
    private final SecretBox secrets;
    private final JdbcTemplate jdbc;

    HostRecords(
            HostRepository hosts, HostCapacities capacities, HostCaches caches, SecretBox secrets, JdbcTemplate jdbc) {
        this.hosts = hosts;
        this.capacities = capacities;
        this.caches = caches;
        this.secrets = secrets;
        this.jdbc = jdbc;
    }

    /** Every host the caller may see; capacities and cached images come from one query each, not one per host. */
    List<Host> visibleViews() {
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

    /** Every host, by name; read with plain SQL because the scheduler reads all of them for every decision. */
    List<HostSummary> summaries() {
        return jdbc.query(
                "select id, name, url, enabled, draining, state, architecture, tags, required_roles, required_claims,"
                        + " mode, last_seen_at, credentials_sealed from hosts order by name",
                (rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    String sealed = rs.getString("credentials_sealed");
                    Timestamp lastSeen = rs.getTimestamp("last_seen_at");
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
                            lastSeen == null ? null : lastSeen.toInstant(),
                            sealed == null ? null : openApiKey(id, sealed));
                });
    }

    HostSummary summary(UUID id) {
        return hosts.findById(id).map(this::summary).orElseThrow(() -> new HostNotFound(id.toString()));
    }

    /** A host the caller may see, by id or name. */
    HostEntity visible(String idOrName) {
        PaddockPrincipal caller = CurrentCaller.require();
        Optional<HostEntity> found;
        try {
            found = hosts.findById(UUID.fromString(idOrName));
        } catch (IllegalArgumentException notAnId) {
            found = hosts.findByName(idOrName);
        }
        return found.filter(host -> summary(host).visibleTo(caller)).orElseThrow(() -> new HostNotFound(idOrName));
    }

    void requireNameFree(String name) {
        if (hosts.findByName(name).isPresent()) {
            throw ProblemException.conflict(
                    "host-exists",
                    "A host named '" + name + "' is already registered; remove it first or use another name.");
        }
    }

    HostSummary summary(HostEntity host) {
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
                resources.totalAvailable(),
                resources,
                host.requiredClaims,
                host.requiredRoles,
                cached,
                host.createdAt);
    }

    /** How many hosts are in each state, and of those how many drain or are disabled (for the fleet's gauges). */
    List<HostCount> countByState() {
        return jdbc.query(
                "select state, count(*) filter (where draining) as draining, count(*) filter (where not enabled) as"
                        + " disabled, count(*) as hosts from hosts group by state",
                (row, n) -> new HostCount(
                        row.getString("state"),
                        row.getLong("hosts"),
                        row.getLong("draining"),
                        row.getLong("disabled")));
    }

    private String openApiKey(UUID hostId, String sealed) {
        return new String(
                secrets.open(sealed, hostId.toString().getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static List<String> textArray(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
