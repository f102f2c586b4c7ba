package dev.paddock.orchestrator.heartbeat;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.orchestrator.OrchestratorProperties;
import dev.paddock.orchestrator.agent.AgentClients;
import dev.paddock.orchestrator.event.EventBus;
import dev.paddock.orchestrator.host.HostHeartbeat;
import dev.paddock.orchestrator.host.HostSummary;
import dev.paddock.orchestrator.host.Hosts;
import dev.paddock.orchestrator.vm.FleetMachines;
import dev.paddock.orchestrator.vm.FleetVms;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
    private final FleetVms vms;
    private final FleetMachines machines;
    private final AgentClients agents;
    private final EventBus events;
    private final Duration interval;
    private final Duration agentTimeout;
    private final Set<UUID> syncing = ConcurrentHashMap.newKeySet();

    Heartbeats(
            Hosts hosts,
            FleetVms vms,
            FleetMachines machines,
            AgentClients agents,
            EventBus events,
            OrchestratorProperties properties) {
        this.hosts = hosts;
        this.vms = vms;
        this.machines = machines;
        this.agents = agents;
        this.events = events;
        this.interval = properties.fleet().heartbeatInterval();
        this.agentTimeout = properties.fleet().agentTimeout();
    }

    /** What the agent is told back. */
    public record Acknowledgement(long heartbeatIntervalSeconds, boolean vmSyncScheduled) {}

    public Acknowledgement heartbeat(UUID hostId, @Nullable String secret, HostHeartbeat beat) {
        Hosts.HeartbeatOutcome outcome = hosts.recordHeartbeat(hostId, secret == null ? "" : secret, beat)
                .orElseThrow(Heartbeats::refused);
        boolean sync = !Objects.equals(outcome.previousVmDigest(), beat.vmDigest()) || outcome.recovered();
        if (sync) {
            syncVms(hostId);
        }
        return new Acknowledgement(interval.toSeconds(), sync);
    }

    /** One VM changed on a host (the agent relays PD's event). */
    public record VmEvent(String event, String vmId) {}

    public void events(UUID hostId, @Nullable String secret, List<VmEvent> received) {
        if (secret == null || !hosts.secretMatches(hostId, secret)) {
            throw refused();
        }
        HostSummary host = hosts.summary(hostId);
        for (VmEvent event : received) {
            try {
                if (event.event().equals("VM_REMOVED")) {
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
                    "pdfm", event.event(), Map.of("host_id", hostId, "host_name", host.name(), "vm_id", event.vmId()));
            events.publish("orchestrator", "HOST_" + event.event(), Map.of("host_id", hostId, "vm_id", event.vmId()));
        }
    }

    /** Re-lists a host's VMs in the background, at most one re-list per host at a time. */
    void syncVms(UUID hostId) {
        if (!syncing.add(hostId)) {
            return;
        }
        Thread.ofVirtual().name("vm-sync-" + hostId).start(() -> {
            try {
                HostSummary host = hosts.summary(hostId);
                vms.replaceHostVms(
                        hostId,
                        agents.asOrchestrator(host.target(), agentTimeout).machines());
            } catch (RuntimeException e) {
                log.info("Could not re-list the VMs of host {}: {}", hostId, e.getMessage());
            } finally {
                syncing.remove(hostId);
            }
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
