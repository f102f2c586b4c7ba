package dev.paddock.orchestrator.host;

import static dev.paddock.orchestrator.host.HostSecrets.sha256;

import dev.paddock.contracts.fleet.HostHeartbeat;
import dev.paddock.orchestrator.event.EventBus;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A host's health as its heartbeats and polls tell it, for the heartbeat feature: a heartbeat is stored in one
 * statement and makes the host healthy, silence makes it unhealthy with a reason, and each change of state is
 * published.
 */
@Service
public class HostHealth {

    private static final Logger log = LoggerFactory.getLogger(HostHealth.class);

    private final HostRepository hosts;
    private final EventBus events;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    HostHealth(
            HostRepository hosts, EventBus events, TransactionTemplate transactions, JdbcTemplate jdbc, Clock clock) {
        this.hosts = hosts;
        this.events = events;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

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
                       agent_version = coalesce(?, h.agent_version), state = 'healthy',
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
                Timestamp.from(clock.instant()));
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
                host.applyHardware(hardware, clock.instant());
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
        return expected != null && HostSecrets.matches(expected, secret);
    }

    /** Marks push hosts silent since {@code silentSince} unhealthy; returns their ids. */
    public List<UUID> markSilentHostsUnhealthy(Instant silentSince) {
        List<UUID> marked = jdbc.query("""
                update hosts set state = 'unhealthy',
                       state_reason = 'no heartbeat since ' || to_char(last_seen_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                 where mode = 'push' and state <> 'unhealthy' and (last_seen_at is null or last_seen_at < ?)
                returning id
                """, (rs, row) -> rs.getObject(1, UUID.class), Timestamp.from(silentSince));
        marked.forEach(id -> {
            log.warn("Host {} missed its heartbeats; marked unhealthy", id);
            events.publish("orchestrator", "HOST_HEALTH_UPDATE", Map.of("host_id", id, "state", "unhealthy"));
        });
        return marked;
    }
}
