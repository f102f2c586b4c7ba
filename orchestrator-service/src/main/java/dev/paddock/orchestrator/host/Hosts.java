package dev.paddock.orchestrator.host;

import dev.paddock.contracts.agent.AgentApi;
import dev.paddock.contracts.fleet.RegisterHost;
import dev.paddock.orchestrator.OrchestratorProperties;
import dev.paddock.orchestrator.agent.AgentClients;
import dev.paddock.orchestrator.host.HostViews.Host;
import dev.paddock.orchestrator.host.HostViews.UpdateHost;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The host registry, as the rest of the orchestrator uses it: the hosts and their records (list, get, summaries for
 * the scheduler and the VM features), what operators change (register by URL, update, flags, remove), and the host's
 * row lock under which capacity decisions are taken. Joining by enrollment token is {@link HostEnrollment}'s; what
 * heartbeats and polls change is {@link HostHealth}'s. Only this feature writes the {@code hosts} table.
 */
@Service
public class Hosts {

    private final HostRecords records;
    private final HostChanges changes;
    private final HostLocks locks;
    private final AgentClients agents;
    private final Duration agentTimeout;

    Hosts(
            HostRecords records,
            HostChanges changes,
            HostLocks locks,
            AgentClients agents,
            OrchestratorProperties properties) {
        this.records = records;
        this.changes = changes;
        this.locks = locks;
        this.agents = agents;
        this.agentTimeout = properties.fleet().agentTimeout();
    }

    // ---- reads ---------------------------------------------------------------------------------------------------

    /** Every host the caller may see, with its capacity and cached images. */
    public List<Host> list() {
        return records.visibleViews();
    }

    /** A host the caller may see, by id or name. */
    public Host get(String idOrName) {
        return records.view(records.visible(idOrName));
    }

    /** Every host, unfiltered and by name: for the orchestrator's own work (scheduling applies restrictions itself). */
    public List<HostSummary> summaries() {
        return records.summaries();
    }

    public HostSummary summary(UUID id) {
        return records.summary(id);
    }

    /** A host the caller may see, by id or name. */
    public HostSummary visibleSummary(String idOrName) {
        return records.summary(records.visible(idOrName));
    }

    /** The host's agent answer to {@code /config/hardware}, fetched now. */
    public JsonNode hardware(String idOrName) {
        HostSummary host = visibleSummary(idOrName);
        return agents.asOrchestrator(host.target(), agentTimeout).hardware();
    }

    /** The host agent's recent log lines, read with the caller's token (the agent serves them to super users). */
    public String logs(String idOrName) {
        HostSummary host = visibleSummary(idOrName);
        return agents.onBehalfOfCaller(host.target(), agentTimeout).text(AgentApi.LOGS);
    }

    /** How many hosts are in each state (for dashboards). */
    public List<HostCount> countByState() {
        return records.countByState();
    }

    // ---- changes -------------------------------------------------------------------------------------------------

    /**
     * An operator registers a host by URL; the orchestrator polls it (it has no secret to push heartbeats with). Its
     * agent must answer first: nothing unreachable is registered.
     */
    public Host register(RegisterHost request) {
        return changes.register(request);
    }

    public Host update(String idOrName, UpdateHost request) {
        return changes.update(idOrName, request);
    }

    public void delete(String idOrName) {
        changes.delete(idOrName);
    }

    /** Enable/disable (maintenance) and drain: disabled and draining hosts get no new VMs. */
    public Host setFlags(String idOrName, @Nullable Boolean enabled, @Nullable Boolean draining) {
        return changes.setFlags(idOrName, enabled, draining);
    }

    // ---- the host's lock -----------------------------------------------------------------------------------------

    /**
     * Runs {@code work} holding the host's row lock, in a transaction: capacity decisions about one host (start a VM,
     * reserve for a new one) are taken one at a time across all replicas.
     */
    public <T> T underLock(UUID hostId, Function<HostCapacity, T> work) {
        return locks.underLock(hostId, work);
    }

    /**
     * Like {@link #underLock}, but answers empty at once when another transaction holds the host's lock, so a decision
     * can move on to the next host instead of queueing behind this one.
     */
    public <T> Optional<T> tryUnderLock(UUID hostId, Function<HostCapacity, T> work) {
        return locks.tryUnderLock(hostId, work);
    }
}
