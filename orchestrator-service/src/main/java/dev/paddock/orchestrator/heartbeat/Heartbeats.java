package dev.paddock.orchestrator.heartbeat;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.contracts.fleet.HeartbeatAcknowledgement;
import dev.paddock.contracts.fleet.HostHeartbeat;
import dev.paddock.contracts.fleet.VmEvent;
import dev.paddock.orchestrator.OrchestratorProperties;
import dev.paddock.orchestrator.agent.AgentClients;
import dev.paddock.orchestrator.event.EventBus;
import dev.paddock.orchestrator.host.HostCaches;
import dev.paddock.orchestrator.host.HostHealth;
import dev.paddock.orchestrator.host.HostHealth.HeartbeatOutcome;
import dev.paddock.orchestrator.host.HostSummary;
import dev.paddock.orchestrator.host.Hosts;
import dev.paddock.orchestrator.vm.FleetMachines;
import dev.paddock.orchestrator.vm.FleetVms;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Takes what agents push. A heartbeat is one database statement; only when a host's VM digest changes does the
 * orchestrator fetch its VM list (once at a time per host, in the background). VM events re-read that single VM and
 * are re-published to every replica's subscribers.
 */
@Service
public class Heartbeats {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

    private final Hosts hosts;
    private final HostHealth health;
    private final FleetVms vms;
    private final FleetMachines machines;
    private final AgentClients agents;
    private final HostCaches caches;
    private final EventBus events;
    private final Duration interval;
    private final Duration agentTimeout;
    /** Fetches running per host and kind; the value is whether another run was asked for meanwhile. */
    private final ConcurrentHashMap<String, Boolean> syncing = new ConcurrentHashMap<>();
    /** When each host's runtime figures were last published: at most every {@link #STATS_PERIOD}, as agents send them. */
    private final ConcurrentHashMap<UUID, Long> statsPublished = new ConcurrentHashMap<>();

    private static final Duration STATS_PERIOD = Duration.ofSeconds(5);

    Heartbeats(
            Hosts hosts,
            HostHealth health,
            FleetVms vms,
            FleetMachines machines,
            AgentClients agents,
            HostCaches caches,
            EventBus events,
            OrchestratorProperties properties) {
        this.hosts = hosts;
        this.health = health;
        this.vms = vms;
        this.machines = machines;
        this.agents = agents;
        this.caches = caches;
        this.events = events;
        this.interval = properties.fleet().heartbeatInterval();
        this.agentTimeout = properties.fleet().agentTimeout();
    }

    public HeartbeatAcknowledgement heartbeat(UUID hostId, @Nullable String secret, HostHeartbeat beat) {
        HeartbeatOutcome outcome = health.recordHeartbeat(hostId, secret == null ? "" : secret, beat)
                .orElseThrow(Heartbeats::refused);
        boolean sync = !Objects.equals(outcome.previousVmDigest(), beat.vmDigest()) || outcome.recovered();
        if (sync) {
            syncVms(hostId);
        }
        if (beat.cacheDigest() != null
                && (!Objects.equals(outcome.previousCacheDigest(), beat.cacheDigest()) || outcome.recovered())) {
            syncCache(hostId);
        }
        if (beat.stats() != null && due(hostId)) {
            // The reference's orchestrator re-broadcasts each host's stats events this way (HostStatsHandler).
            events.publish("orchestrator", "HOST_STATS_UPDATE", Map.of("host_id", hostId, "stats", beat.stats()));
        }
        return new HeartbeatAcknowledgement(interval.toSeconds(), sync);
    }

    /** Whether this host's figures are due again (heartbeats can come every second; the reference sends every 5 s). */
    private boolean due(UUID hostId) {
        long now = System.nanoTime();
        Long last = statsPublished.get(hostId);
        if (last != null && now - last < STATS_PERIOD.toNanos()) {
            return false;
        }
        statsPublished.put(hostId, now);
        return true;
    }

    public void events(UUID hostId, @Nullable String secret, List<VmEvent> received) {
        if (secret == null || !health.secretMatches(hostId, secret)) {
            throw refused();
        }
        HostSummary host = hosts.summary(hostId);
        for (VmEvent event : received) {
            try {
                if (event.event() == VmEvent.Kind.VM_REMOVED) {
                    vms.remove(hostId, event.vmId());
                } else {
                    machines.refreshOne(host, event.vmId(), null);
                }
            } catch (RuntimeException e) {
                log.debug(
                        "Could not apply {} of VM {} on {}: {}",
                        event.event(),
                        event.vmId(),
                        host.name(),
                        e.toString());
            }
            events.publish(
                    "pdfm",
                    event.event().name(),
                    Map.of("host_id", hostId, "host_name", host.name(), "vm_id", event.vmId()));
            events.publish(
                    "orchestrator", "HOST_" + event.event().name(), Map.of("host_id", hostId, "vm_id", event.vmId()));
        }
    }

    /** Re-lists a host's VMs in the background, at most one re-list per host at a time. */
    void syncVms(UUID hostId) {
        inBackground("vm-sync", hostId, () -> {
            HostSummary host = hosts.summary(hostId);
            vms.replaceHostVms(hostId, agents.asOrchestrator(host.target(), agentTimeout)::machines);
        });
    }

    /** Re-reads which images a host has cached (the agent's {@code GET /api/v1/cache}). */
    void syncCache(UUID hostId) {
        inBackground("cache-sync", hostId, () -> {
            HostSummary host = hosts.summary(hostId);
            List<HostCaches.Item> items = agents.asOrchestrator(host.target(), agentTimeout).cache().stream()
                    .map(image -> new HostCaches.Item(
                            image.catalogId(),
                            image.version(),
                            image.architecture(),
                            image.cacheSize(),
                            image.cacheDate()))
                    .toList();
            caches.replace(hostId, items);
        });
    }

    /**
     * Runs a fetch for one host in the background, at most one of a kind per host at a time. A request that arrives
     * while a fetch runs is not dropped: that fetch may have read the host before the change the request is about, so
     * it runs once more when it ends. If a fetch fails, the host's digest is forgotten so the next heartbeat tries again.
     */
    private void inBackground(String kind, UUID hostId, Runnable fetch) {
        String key = kind + ":" + hostId;
        boolean[] first = {false};
        // The value says whether another run was asked for while this one runs.
        syncing.compute(key, (k, rerun) -> {
            first[0] = rerun == null;
            return !first[0];
        });
        if (!first[0]) {
            return;
        }
        Thread.ofVirtual().name(key).start(() -> {
            boolean again;
            do {
                try {
                    fetch.run();
                } catch (RuntimeException e) {
                    log.info("{} of host {} failed, retrying on its next heartbeat: {}", kind, hostId, e.getMessage());
                    health.forgetDigest(hostId, kind.equals("vm-sync"), kind.equals("cache-sync"));
                }
                boolean[] requested = {false};
                syncing.compute(key, (k, rerun) -> {
                    requested[0] = Boolean.TRUE.equals(rerun);
                    return requested[0] ? Boolean.FALSE : null;
                });
                again = requested[0];
            } while (again);
        });
    }

    private static ProblemException refused() {
        return new ProblemException(
                HttpStatus.UNAUTHORIZED,
                "host-not-recognized",
                "Host not recognized",
                "Unknown host or wrong host secret; if the host was removed, enroll it again with a new enrollment token.");
    }
}
