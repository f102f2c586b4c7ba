package dev.paddock.orchestrator.vm;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.contracts.agent.AgentApi;
import dev.paddock.contracts.fleet.VmRoute;
import dev.paddock.orchestrator.OrchestratorProperties;
import dev.paddock.orchestrator.agent.AgentClient;
import dev.paddock.orchestrator.agent.AgentClients;
import dev.paddock.orchestrator.event.EventBus;
import dev.paddock.orchestrator.host.HostCapacity;
import dev.paddock.orchestrator.host.HostSummary;
import dev.paddock.orchestrator.host.Hosts;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fleet's VMs for clients: the aggregated view (PD's object plus {@code host_*} fields), and every VM operation
 * forwarded to the owning host's agent with the caller's own token, so the agent applies the same claims. A VM is named
 * by id anywhere, or by name when the name is unique in the fleet. Operations on VMs of unhealthy or disabled hosts
 * are refused with 503 rather than left to time out; starting a VM is checked against the host's capacity and the
 * two-macOS-VMs rule under the host's lock.
 */
@Service
public class FleetMachines {

    private static final Logger log = LoggerFactory.getLogger(FleetMachines.class);

    private final FleetVms vms;
    private final Hosts hosts;
    private final AgentClients agents;
    private final EventBus events;
    private final Duration agentTimeout;
    private final Duration longTimeout;
    private final JsonMapper json;

    FleetMachines(
            FleetVms vms,
            Hosts hosts,
            AgentClients agents,
            EventBus events,
            OrchestratorProperties properties,
            JsonMapper json) {
        this.vms = vms;
        this.json = json;
        this.hosts = hosts;
        this.agents = agents;
        this.events = events;
        this.agentTimeout = properties.fleet().agentTimeout();
        this.longTimeout = properties.fleet().createTimeout();
    }

    /** A VM and the host it runs on. */
    public record Located(FleetVm vm, HostSummary host) {}

    /**
     * Writes the fleet view as a JSON array; {@code fresh} re-lists every reachable host's VMs first (the reference's
     * {@code X-No-Cache}). Each VM is the agent's JSON as stored, with the host's fields appended as text.
     */
    public void list(boolean fresh, @Nullable UUID onlyHost, PaddockPrincipal caller, OutputStream out)
            throws IOException {
        Map<UUID, HostSummary> visibleHosts = new java.util.HashMap<>();
        hosts.summaries().stream()
                .filter(host -> host.visibleTo(caller))
                .forEach(host -> visibleHosts.put(host.id(), host));
        if (fresh) {
            refreshHosts(visibleHosts.values().stream()
                    .filter(h -> onlyHost == null || h.id().equals(onlyHost))
                    .toList());
        }
        Map<UUID, String> hostFields = new java.util.HashMap<>();
        visibleHosts.values().forEach(host -> hostFields.put(host.id(), hostFields(host)));
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        boolean[] first = {true};
        writer.write('[');
        vms.streamRaw(onlyHost, (hostId, raw) -> {
            String fields = hostFields.get(hostId);
            int end = raw.lastIndexOf('}');
            if (fields == null || end < 0) {
                return; // a host the caller may not see
            }
            if (!first[0]) {
                writer.write(',');
            }
            first[0] = false;
            writer.write(raw, 0, end);
            if (raw.substring(0, end).trim().equals("{")) {
                writer.write(fields, 1, fields.length() - 1);
            } else {
                writer.write(fields);
            }
        });
        writer.write(']');
        writer.flush();
    }

    /** The host's fields of a fleet VM as JSON text: {@code ,"host_id":…,"host_url":…}} */
    private String hostFields(HostSummary host) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("host_id", host.id().toString());
        fields.put("host_name", host.name());
        fields.put("host_state", host.state());
        fields.put("host_url", host.url().toString());
        String object = json.writeValueAsString(fields);
        return "," + object.substring(1);
    }

    /** One VM in the fleet view's shape. */
    public ObjectNode get(String idOrName, @Nullable UUID onlyHost) {
        Located located = locate(idOrName, onlyHost);
        JsonNode raw = vms.raw(located.host().id(), located.vm().id()).orElseThrow(() -> VmProblems.notFound(idOrName));
        return decorate(raw, located.vm(), located.host());
    }

    public VmRoute routeTarget(String idOrName, @Nullable UUID onlyHost) {
        Located located = locate(idOrName, onlyHost);
        FleetVm vm = located.vm();
        HostSummary host = located.host();
        return new VmRoute(
                vm.id(),
                vm.name(),
                vm.state(),
                vm.ip(),
                host.id(),
                host.name(),
                host.state(),
                host.url().toString());
    }

    /** Finds a VM the caller may see; by name only when the name is unique. */
    public Located locate(String idOrName, @Nullable UUID onlyHost) {
        PaddockPrincipal caller = CurrentCaller.require();
        List<Located> found = new ArrayList<>();
        for (FleetVm vm : vms.find(idOrName)) {
            if (onlyHost != null && !vm.hostId().equals(onlyHost)) {
                continue;
            }
            HostSummary host = hosts.summary(vm.hostId());
            if (host.visibleTo(caller)) {
                found.add(new Located(vm, host));
            }
        }
        if (found.isEmpty()) {
            throw VmProblems.notFound(idOrName);
        }
        List<Located> byId = found.stream()
                .filter(l -> l.vm().id().equalsIgnoreCase(FleetVms.stripBraces(idOrName)))
                .toList();
        if (byId.size() == 1) {
            return byId.getFirst();
        }
        if (found.size() > 1) {
            throw VmProblems.ambiguous(
                    idOrName, found.stream().map(l -> l.host().name()).toList());
        }
        return found.getFirst();
    }

    /** Power operations: start/resume/reset/restart need room on the host; the rest only a reachable host. */
    public Map<String, Object> power(String idOrName, @Nullable UUID onlyHost, String operation, boolean force) {
        Located located = locate(idOrName, onlyHost);
        requireUsable(located.host());
        FleetVm vm = located.vm();
        boolean needsRoom = (operation.equals("start") || operation.equals("resume")) && !"running".equals(vm.state());
        String path = vmPath(vm, operation) + (force ? "?force=true" : "");
        JsonNode answer;
        if (needsRoom) {
            answer = hosts.underLock(located.host().id(), capacity -> {
                requireRoomToStart(located, capacity);
                JsonNode result = agent(located.host()).exchange(HttpMethod.PUT, path, null);
                refresh(located);
                return result;
            });
        } else {
            answer = agent(located.host()).exchange(HttpMethod.PUT, path, null);
            refresh(located);
        }
        events.publish(
                "orchestrator",
                "HOST_VM_STATE_CHANGED",
                Map.of("host_id", located.host().id(), "vm_id", vm.id(), "operation", operation));
        return Map.of(
                "id",
                vm.id(),
                "operation",
                operation,
                "status",
                answer.path("status").asString("Success"));
    }

    /**
     * Runs a command in a VM with its output streamed (the agent's {@code execute/stream}): answers the agent's answer
     * as it arrives, for the caller to copy on and close. Refusals (VM stopped, host unusable) are problems first.
     */
    public InputStream executeStreaming(String idOrName, @Nullable UUID onlyHost, Object body) {
        Located located = locate(idOrName, onlyHost);
        requireUsable(located.host());
        return agents.onBehalfOfCaller(located.host().target(), longTimeout)
                .open(HttpMethod.PUT, vmPath(located.vm(), "execute/stream"), body);
    }

    /** Any other operation, forwarded as it came (method, path suffix, body), then the VM refreshed or forgotten. */
    public JsonNode forward(
            String idOrName, @Nullable UUID onlyHost, HttpMethod method, String suffix, @Nullable Object body) {
        Located located = locate(idOrName, onlyHost);
        requireUsable(located.host());
        requireOwnershipForOwnClaims(located, suffix, method);
        Duration timeout = suffix.equals("clone") || suffix.equals("execute") ? longTimeout : agentTimeout;
        JsonNode answer = agents.onBehalfOfCaller(located.host().target(), timeout)
                .exchange(method, vmPath(located.vm(), suffix), body);
        if (method == HttpMethod.DELETE && suffix.isEmpty() || suffix.equals("unregister")) {
            vms.remove(located.host().id(), located.vm().id());
            events.publish(
                    "orchestrator",
                    "HOST_VM_REMOVED",
                    Map.of("host_id", located.host().id(), "vm_id", located.vm().id()));
        } else if (!suffix.startsWith("snapshots") || suffix.endsWith("revert")) {
            refresh(located);
        }
        if (suffix.equals("clone") && answer.hasNonNull("id")) {
            refreshOne(
                    located.host(),
                    answer.path("id").asString(),
                    CurrentCaller.require().userId());
        }
        return answer;
    }

    /**
     * Registers a VM bundle that lies on one host (the agent checks the path is inside its VM folders), and adds the
     * VM to the fleet with the caller as its creator.
     */
    public JsonNode register(UUID hostId, Object body) {
        HostSummary host = hosts.summary(hostId);
        requireUsable(host);
        JsonNode answer = agent(host).exchange(HttpMethod.POST, AgentApi.MACHINES_REGISTER, body);
        if (answer.hasNonNull("ID")) {
            refreshOne(
                    host, answer.path("ID").asString(), CurrentCaller.require().userId());
            events.publish(
                    "orchestrator",
                    "HOST_VM_ADDED",
                    Map.of("host_id", host.id(), "vm_id", answer.path("ID").asString()));
        }
        return answer;
    }

    /** Refreshes one VM from its agent into the fleet table. */
    public void refreshOne(HostSummary host, String vmId, @Nullable String createdBy) {
        try {
            JsonNode vm = agents.asOrchestrator(host.target(), agentTimeout).machine(vmId);
            vms.upsert(host.id(), vm, createdBy == null ? null : parseUuid(createdBy));
        } catch (ProblemException e) {
            if (e.status().value() == 404) {
                vms.remove(host.id(), vmId);
            } else {
                throw e;
            }
        }
    }

    private void refresh(Located located) {
        try {
            refreshOne(located.host(), located.vm().id(), null);
        } catch (RuntimeException e) {
            log.debug(
                    "Could not refresh VM {} after an operation: {}",
                    located.vm().id(),
                    e.toString());
        }
    }

    /** Re-lists several hosts' VMs in parallel; unreachable hosts keep their last known VMs. */
    void refreshHosts(List<HostSummary> targets) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            for (HostSummary host : targets) {
                if (!host.enabled()) {
                    continue;
                }
                work.add(pool.submit(() -> {
                    try {
                        vms.replaceHostVms(host.id(), agents.asOrchestrator(host.target(), agentTimeout)::machines);
                    } catch (RuntimeException e) {
                        log.info("Could not re-list VMs of {}: {}", host.name(), e.getMessage());
                    }
                }));
            }
            for (Future<?> future : work) {
                try {
                    future.get();
                } catch (Exception ignored) {
                    // logged above
                }
            }
        }
    }

    private void requireRoomToStart(Located located, HostCapacity capacity) {
        FleetVm vm = located.vm();
        List<String> missing = new ArrayList<>();
        if (capacity.availableCpus() < vm.cpus()) {
            missing.add(vm.cpus() + " CPUs (" + Math.max(0, capacity.availableCpus()) + " free)");
        }
        if (capacity.availableMemoryMb() < vm.memoryMb()) {
            missing.add(vm.memoryMb() + " MB of memory (" + Math.max(0, capacity.availableMemoryMb()) + " MB free)");
        }
        if (vm.macos() && capacity.macVmsAfterPending() >= HostCapacity.MAX_RUNNING_MAC_VMS) {
            missing.add(
                    "a macOS slot (Apple allows " + HostCapacity.MAX_RUNNING_MAC_VMS + " running macOS VMs per Mac)");
        }
        if (!missing.isEmpty()) {
            throw ProblemException.conflict(
                    "host-full",
                    "Host " + located.host().name() + " has no room to start " + vm.name() + ": it needs "
                            + String.join(", ", missing) + ".");
        }
    }

    private void requireUsable(HostSummary host) {
        if (!host.enabled()) {
            throw VmProblems.hostUnavailable(host.name(), "disabled", "");
        }
        if (!host.isHealthy()) {
            throw VmProblems.hostUnavailable(host.name(), host.state(), "");
        }
    }

    /** With only an "own" snapshot claim, the caller may touch snapshots of VMs they created through the orchestrator. */
    private static void requireOwnershipForOwnClaims(Located located, String suffix, HttpMethod method) {
        if (!suffix.startsWith("snapshots")) {
            return;
        }
        PaddockPrincipal caller = CurrentCaller.require();
        String full = method == HttpMethod.GET
                ? Claims.LIST_SNAPSHOT_VM
                : method == HttpMethod.POST && suffix.endsWith("revert")
                        ? Claims.REVERT_SNAPSHOT_VM
                        : method == HttpMethod.POST
                                ? Claims.CREATE_SNAPSHOT_VM
                                : suffix.equals("snapshots")
                                        ? Claims.DELETE_ALL_SNAPSHOTS_VM
                                        : Claims.DELETE_SNAPSHOT_VM;
        if (caller.has(full)) {
            return;
        }
        UUID owner = located.vm().createdBy();
        if (owner == null || !owner.toString().equals(caller.userId())) {
            throw ProblemException.forbidden(
                    "forbidden",
                    "This needs the claim " + full + "; your own-snapshot claim covers only VMs you created.");
        }
    }

    private AgentClient agent(HostSummary host) {
        return agents.onBehalfOfCaller(host.target(), agentTimeout);
    }

    private static String vmPath(FleetVm vm, String suffix) {
        return AgentApi.machine(vm.id(), suffix);
    }

    private static ObjectNode decorate(JsonNode raw, FleetVm vm, HostSummary host) {
        ObjectNode view = raw.isObject() ? ((ObjectNode) raw).deepCopy() : new ObjectNode(null);
        view.put("ID", vm.id());
        view.put("host_id", host.id().toString());
        view.put("host_name", host.name());
        view.put("host_state", host.state());
        view.put("host_url", host.url().toString());
        view.put("internal_ip_address", vm.ip() == null ? "" : vm.ip());
        return view;
    }

    private static @Nullable UUID parseUuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
