package dev.paddock.orchestrator.scheduling;

import dev.paddock.common.client.DownstreamProblemException;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.contracts.architecture.Architectures;
import dev.paddock.contracts.job.JobView;
import dev.paddock.contracts.machine.CatalogManifest;
import dev.paddock.contracts.machine.CreateMachine;
import dev.paddock.contracts.machine.MachineCreated;
import dev.paddock.orchestrator.agent.AgentClient;
import dev.paddock.orchestrator.agent.AgentClients;
import dev.paddock.orchestrator.event.EventBus;
import dev.paddock.orchestrator.host.HostSummary;
import dev.paddock.orchestrator.job.JobProgress;
import dev.paddock.orchestrator.job.JobStep;
import dev.paddock.orchestrator.job.Jobs;
import dev.paddock.orchestrator.scheduling.Scheduler.Plan;
import dev.paddock.orchestrator.vm.FleetVm;
import dev.paddock.orchestrator.vm.FleetVms;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    static final List<JobStep> STEPS = List.of(
            new JobStep("schedule", "Choosing a host", 5),
            new JobStep("create", "Creating the VM on the host", 90),
            new JobStep("register", "Recording the VM", 5));

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

    public MachineCreated create(CreateMachine request, @Nullable UUID onlyHost) throws Exception {
        Demand demand = demandOf(request);
        Planned planned = planOrRefuse(request, demand, onlyHost);
        return (MachineCreated)
                jobs.runNow("machines", "create", STEPS, progress -> run(request, demand, planned, progress))
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
        progress.start("schedule", null);
        HostAttempts attempts = new HostAttempts(scheduler, demand, planned.plan(), planned.onlyHost());
        long reserving = System.nanoTime();
        boolean decided = false;
        Optional<Scheduler.Reserved> reserved;
        while ((reserved = attempts.next()).isPresent()) {
            HostSummary host = reserved.get().host();
            if (!decided) {
                // A decision: filtering every host plus reserving on the chosen one (not the agent's work after it).
                decisions.record(planned.nanos() + System.nanoTime() - reserving, TimeUnit.NANOSECONDS);
                decided = true;
            }
            progress.complete("schedule");
            try {
                return createAndRecord(host, request, progress);
            } catch (DownstreamProblemException e) {
                if (e.downstreamStatus().is4xxClientError()) {
                    throw e;
                }
                tryNext(attempts, host, request, e.getMessage());
            } catch (AgentJobFailed e) {
                tryNext(attempts, host, request, e.getMessage());
            } finally {
                scheduler.release(reserved.get().id());
            }
        }
        throw attempts.noHostAvailable(request.name());
    }

    private static void tryNext(HostAttempts attempts, HostSummary host, CreateMachine request, String reason) {
        log.warn("Creating {} on {} failed ({}); trying the next host", request.name(), host.name(), reason);
        attempts.failed(host, reason);
    }

    /** Has the host's agent create the VM, then records it in the fleet; answers the job's outcome. */
    private Jobs.Outcome createAndRecord(HostSummary host, CreateMachine request, JobProgress progress) {
        progress.start("create", "Creating " + request.name() + " on " + host.name());
        String vmId = createOn(host, request, progress);
        progress.complete("create");
        progress.start("register", null);
        JsonNode vm =
                agents.asOrchestrator(host.target(), Duration.ofSeconds(30)).machine(vmId);
        PaddockPrincipal caller = CurrentCaller.require();
        FleetVm recorded = vms.upsert(host.id(), vm, UUID.fromString(caller.userId()));
        progress.complete("register");
        events.publish(
                "orchestrator",
                "HOST_VM_ADDED",
                Map.of("host_id", host.id(), "vm_id", recorded.id(), "name", recorded.name()));
        MachineCreated created = new MachineCreated(
                recorded.id(), host.name(), recorded.name(), vm.path("user").asString(null), recorded.state());
        return new Jobs.Outcome(created, recorded.id(), recorded.name(), "VirtualMachine");
    }

    /** Starts the agent's creation job and follows it, mirroring its progress; answers the new VM's id. */
    private String createOn(HostSummary host, CreateMachine request, JobProgress progress) {
        // The caller's token creates the VM (the agent checks their claims); the orchestrator follows the agent's job.
        AgentClient creator = agents.onBehalfOfCaller(host.target(), Duration.ofSeconds(60));
        AgentClient agent = agents.asOrchestrator(host.target(), Duration.ofSeconds(30));
        JobView job = creator.startCreation(agentRequest(host, request));
        progress.delegatedTo(host.id(), job.id());
        Instant lastHeard = Instant.now();
        Duration deadline = scheduler.createTimeout();
        Instant giveUp = Instant.now().plus(deadline);
        while (Instant.now().isBefore(giveUp)) {
            sleep(Duration.ofMillis(500));
            try {
                job = agent.job(job.id());
                lastHeard = Instant.now();
            } catch (DownstreamProblemException e) {
                if (e.downstreamStatus().is4xxClientError()
                        || Duration.between(lastHeard, Instant.now()).compareTo(scheduler.agentTimeout()) > 0) {
                    throw new AgentJobFailed("the agent stopped answering about its job (" + e.getMessage() + ")");
                }
                continue;
            }
            progress.advance("create", job.progress(), 100, "%");
            switch (job.jobState()) {
                case COMPLETED -> {
                    if (job.resultRecordId() == null) {
                        throw new AgentJobFailed("the agent's job completed without naming the VM it made");
                    }
                    return job.resultRecordId();
                }
                case FAILED, CANCELLED ->
                    throw new AgentJobFailed(job.error() != null ? job.error() : "the agent's job " + job.state());
                default -> {
                    // still running
                }
            }
        }
        throw new AgentJobFailed("the VM was not created within " + deadline.toMinutes() + " minutes");
    }

    /** The agent's request: the source named by its id on this host (its name may be shared with VMs elsewhere). */
    private CreateMachine agentRequest(HostSummary host, CreateMachine request) {
        CreateMachine.CloneOf cloneOf = null;
        if (request.cloneOf() != null) {
            String sourceId = scheduler.sources(request.cloneOf().vm()).stream()
                    .filter(vm -> vm.hostId().equals(host.id()))
                    .map(FleetVm::id)
                    .findFirst()
                    .orElse(request.cloneOf().vm());
            cloneOf = new CreateMachine.CloneOf(
                    sourceId, request.cloneOf().cpu(), request.cloneOf().memory());
        }
        return new CreateMachine(
                request.name(),
                request.owner(),
                null,
                request.startOnCreate(),
                null,
                cloneOf,
                request.catalogManifest(),
                null,
                null);
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
        String architecture = request.architecture() == null
                ? null
                : Architectures.canonical(request.architecture()).orElseThrow();
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
        CatalogManifest.Specs specs = request.catalogManifest().specs();
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
