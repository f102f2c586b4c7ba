package dev.paddock.orchestrator.scheduling;

import dev.paddock.common.client.DownstreamProblemException;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.orchestrator.agent.AgentClient;
import dev.paddock.orchestrator.agent.AgentClients;
import dev.paddock.orchestrator.event.EventBus;
import dev.paddock.orchestrator.host.HostSummary;
import dev.paddock.orchestrator.job.JobProgress;
import dev.paddock.orchestrator.job.JobView;
import dev.paddock.orchestrator.job.JobView.Step;
import dev.paddock.orchestrator.job.Jobs;
import dev.paddock.orchestrator.scheduling.CreateMachine.Created;
import dev.paddock.orchestrator.scheduling.Scheduler.Plan;
import dev.paddock.orchestrator.vm.FleetVm;
import dev.paddock.orchestrator.vm.FleetVms;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Creates a VM somewhere in the fleet, as a job: plan (filters with reasons), reserve on the best host, have its agent
 * create the VM (following the agent's own job for progress), record the VM, release the reservation. If the agent
 * fails or cannot be reached, the reservation is released and the next host is tried; a request the agent refuses as
 * invalid (4xx) is not retried elsewhere. Whatever happens, no reservation outlives the attempt.
 */
@Service
public class VmCreation {

    private static final Logger log = LoggerFactory.getLogger(VmCreation.class);

    static final List<Step> STEPS = List.of(
            new Step("schedule", "Choosing a host", 5),
            new Step("create", "Creating the VM on the host", 90),
            new Step("register", "Recording the VM", 5));

    private final Scheduler scheduler;
    private final AgentClients agents;
    private final FleetVms vms;
    private final Jobs jobs;
    private final EventBus events;
    private final Timer decisions;

    VmCreation(
            Scheduler scheduler, AgentClients agents, FleetVms vms, Jobs jobs, EventBus events, MeterRegistry meters) {
        this.scheduler = scheduler;
        this.decisions = Timer.builder("paddock.scheduling.decision")
                .description("Time to filter every host and reserve capacity on the chosen one")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
        this.agents = agents;
        this.vms = vms;
        this.jobs = jobs;
        this.events = events;
    }

    public Created create(CreateMachine request, @Nullable UUID onlyHost) throws Exception {
        Demand demand = demandOf(request);
        Planned planned = planOrRefuse(request, demand, onlyHost);
        return (Created) jobs.runNow("machines", "create", STEPS, progress -> run(request, demand, planned, progress))
                .result();
    }

    public JobView createAsync(CreateMachine request, @Nullable UUID onlyHost) {
        Demand demand = demandOf(request);
        Planned planned = planOrRefuse(request, demand, onlyHost);
        return jobs.start("machines", "create", STEPS, progress -> run(request, demand, planned, progress));
    }

    /** A plan and how long making it took (part of the decision time). */
    private record Planned(Plan plan, long nanos, @Nullable UUID onlyHost) {}

    private Planned planOrRefuse(CreateMachine request, Demand demand, @Nullable UUID onlyHost) {
        long started = System.nanoTime();
        Plan plan = scheduler.plan(demand, CurrentCaller.require(), onlyHost);
        long nanos = System.nanoTime() - started;
        if (plan.candidates().isEmpty()) {
            decisions.record(nanos, TimeUnit.NANOSECONDS);
            throw new NoHostAvailable(request.name(), plan.rejections());
        }
        return new Planned(plan, nanos, onlyHost);
    }

    private Jobs.Outcome run(CreateMachine request, Demand demand, Planned planned, JobProgress progress) {
        Plan plan = planned.plan();
        progress.start("schedule", null);
        // Why hosts were passed over: by the plan (replaced if the fleet is read again) and by attempts on them.
        List<Rejection> passedOver = new ArrayList<>(plan.rejections());
        List<Rejection> rejections = new ArrayList<>();
        List<HostSummary> remaining = new ArrayList<>(plan.candidates());
        long reserving = System.nanoTime();
        boolean decided = false;
        boolean replanned = false;
        Set<UUID> tried = new HashSet<>();
        while (true) {
            Optional<Scheduler.Reserved> reserved = scheduler.reserveFirst(remaining, demand, rejections);
            if (reserved.isEmpty()) {
                if (replanned) {
                    break;
                }
                // The plan came from a snapshot up to two seconds old: look once more at the fleet as it is now.
                replanned = true;
                Plan fresh = scheduler.freshPlan(demand, CurrentCaller.require(), planned.onlyHost());
                passedOver = new ArrayList<>(fresh.rejections());
                // The fresh plan judges again the hosts that were taken or changed; creation failures stay.
                rejections.removeIf(rejection -> rejection.reason().equals(Scheduler.REMOVED)
                        || rejection.reason().endsWith(Scheduler.CHANGED));
                remaining = new ArrayList<>(fresh.candidates());
                remaining.removeIf(host -> tried.contains(host.id()));
                continue;
            }
            HostSummary host = reserved.get().host();
            UUID reservation = reserved.get().id();
            tried.add(host.id());
            if (!decided) {
                // A decision: filtering every host plus reserving on the chosen one (not the agent's work after it).
                decisions.record(planned.nanos() + System.nanoTime() - reserving, TimeUnit.NANOSECONDS);
                decided = true;
            }
            progress.complete("schedule");
            try {
                progress.start("create", "Creating " + request.name() + " on " + host.name());
                String vmId = createOn(host, request, demand, progress);
                progress.complete("create");
                progress.start("register", null);
                JsonNode vm = agents.asOrchestrator(host.target(), Duration.ofSeconds(30))
                        .get("/api/v1/machines/" + vmId);
                PaddockPrincipal caller = CurrentCaller.require();
                FleetVm recorded = vms.upsert(host.id(), vm, UUID.fromString(caller.userId()));
                progress.complete("register");
                events.publish(
                        "orchestrator",
                        "HOST_VM_ADDED",
                        Map.of("host_id", host.id(), "vm_id", recorded.id(), "name", recorded.name()));
                Created created = new Created(
                        recorded.id(),
                        host.name(),
                        recorded.name(),
                        vm.path("user").asString(null),
                        recorded.state());
                return new Jobs.Outcome(created, recorded.id(), recorded.name(), "VirtualMachine");
            } catch (DownstreamProblemException e) {
                if (e.downstreamStatus().is4xxClientError()) {
                    throw e;
                }
                log.warn(
                        "Creating {} on {} failed ({}); trying the next host",
                        request.name(),
                        host.name(),
                        e.getMessage());
                rejections.add(new Rejection(host.name(), "creation failed: " + e.getMessage()));
            } catch (AgentJobFailed e) {
                log.warn(
                        "Creating {} on {} failed ({}); trying the next host",
                        request.name(),
                        host.name(),
                        e.getMessage());
                rejections.add(new Rejection(host.name(), "creation failed: " + e.getMessage()));
            } finally {
                scheduler.release(reservation);
            }
        }
        Set<String> attempted = new HashSet<>();
        rejections.forEach(rejection -> attempted.add(rejection.host()));
        List<Rejection> all = new ArrayList<>(passedOver);
        all.removeIf(rejection -> attempted.contains(rejection.host()));
        all.addAll(rejections);
        throw new NoHostAvailable(request.name(), all);
    }

    /** Starts the agent's creation job and follows it, mirroring its progress; answers the new VM's id. */
    private String createOn(HostSummary host, CreateMachine request, Demand demand, JobProgress progress) {
        // The caller's token creates the VM (the agent checks their claims); the orchestrator follows the agent's job.
        AgentClient creator = agents.onBehalfOfCaller(host.target(), Duration.ofSeconds(60));
        AgentClient agent = agents.asOrchestrator(host.target(), Duration.ofSeconds(30));
        JsonNode job = creator.exchange(HttpMethod.POST, "/api/v1/machines/async", agentRequest(host, request));
        String agentJob = job.path("id").asString();
        progress.delegatedTo(host.id(), agentJob);
        Instant lastHeard = Instant.now();
        Duration deadline = scheduler.createTimeout();
        Instant giveUp = Instant.now().plus(deadline);
        while (Instant.now().isBefore(giveUp)) {
            sleep(Duration.ofMillis(500));
            try {
                job = agent.get("/api/v1/jobs/" + agentJob);
                lastHeard = Instant.now();
            } catch (DownstreamProblemException e) {
                if (e.downstreamStatus().is4xxClientError()
                        || Duration.between(lastHeard, Instant.now()).compareTo(scheduler.agentTimeout()) > 0) {
                    throw new AgentJobFailed("the agent stopped answering about its job (" + e.getMessage() + ")");
                }
                continue;
            }
            progress.advance("create", job.path("progress").asInt(0), 100, "%");
            switch (job.path("state").asString("")) {
                case "completed" -> {
                    return job.path("result_record_id").asString();
                }
                case "failed" -> throw new AgentJobFailed(job.path("error").asString("the agent's job failed"));
                default -> {
                    // still running
                }
            }
        }
        throw new AgentJobFailed("the VM was not created within " + deadline.toMinutes() + " minutes");
    }

    private Map<String, Object> agentRequest(HostSummary host, CreateMachine request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", request.name());
        if (request.owner() != null) {
            body.put("owner", request.owner());
        }
        body.put("start_on_create", request.startOnCreate());
        if (request.cloneOf() != null) {
            // On this host the source may share its name with VMs elsewhere: name it by its id here.
            String sourceId = scheduler.sources(request.cloneOf().vm()).stream()
                    .filter(vm -> vm.hostId().equals(host.id()))
                    .map(FleetVm::id)
                    .findFirst()
                    .orElse(request.cloneOf().vm());
            Map<String, Object> clone = new LinkedHashMap<>();
            clone.put("vm", sourceId);
            if (request.cloneOf().cpu() != null) {
                clone.put("cpu", request.cloneOf().cpu());
            }
            if (request.cloneOf().memory() != null) {
                clone.put("memory", request.cloneOf().memory());
            }
            body.put("clone_of", clone);
        }
        if (request.catalogManifest() != null) {
            body.put("catalog_manifest", request.catalogManifest());
        }
        return body;
    }

    private Demand demandOf(CreateMachine request) {
        if (request.packerTemplate() != null || request.vagrantBox() != null) {
            throw ProblemException.badRequest(
                    "unsupported-source",
                    "Packer templates and Vagrant boxes are not supported; use clone_of or catalog_manifest.");
        }
        if ((request.cloneOf() == null) == (request.catalogManifest() == null)) {
            throw ProblemException.badRequest("missing-source", "Give exactly one of clone_of and catalog_manifest.");
        }
        String architecture =
                request.architecture() == null ? null : Scheduler.normalizeArchitecture(request.architecture());
        List<String> tags = request.selectionTags() == null ? List.of() : request.selectionTags();
        if (request.cloneOf() != null) {
            List<FleetVm> sources = scheduler.sources(request.cloneOf().vm());
            if (sources.isEmpty()) {
                throw ProblemException.badRequest(
                        "source-not-found", "No VM '" + request.cloneOf().vm() + "' in the fleet to copy.");
            }
            FleetVm source = sources.getFirst();
            int cpus = request.cloneOf().cpu() != null ? request.cloneOf().cpu() : Math.max(1, source.cpus());
            long memory =
                    request.cloneOf().memory() != null ? request.cloneOf().memory() : Math.max(512, source.memoryMb());
            return new Demand(
                    request.name(),
                    cpus,
                    memory,
                    0,
                    source.macos(),
                    architecture,
                    tags,
                    request.cloneOf().vm(),
                    null,
                    null);
        }
        CreateMachine.Specs specs = request.catalogManifest().specs();
        int cpus = number(specs == null ? null : specs.cpu(), 2, "cpu");
        long memory = number(specs == null ? null : specs.memory(), 2048, "memory");
        long disk = number(specs == null ? null : specs.disk(), 0, "disk");
        boolean macos = specs != null && "macvm".equalsIgnoreCase(specs.type());
        return new Demand(
                request.name(),
                cpus,
                memory,
                disk,
                macos,
                architecture,
                tags,
                null,
                request.catalogManifest().catalogId(),
                request.catalogManifest().version());
    }

    private static int number(@Nullable String value, int fallback, String field) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(
                    "invalid-specs",
                    "catalog_manifest.specs." + field + " must be a whole number, got '" + value + "'.");
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentJobFailed("interrupted");
        }
    }

    /** The agent's creation job failed or could not be followed. */
    static final class AgentJobFailed extends RuntimeException {
        AgentJobFailed(String message) {
            super(message);
        }
    }
}
