package dev.paddock.agent.machines;

import dev.paddock.agent.hardware.HostHardware;
import dev.paddock.agent.inventory.VmInventory;
import dev.paddock.agent.jobs.Job.StepSpec;
import dev.paddock.agent.jobs.Jobs;
import dev.paddock.agent.jobs.Progress;
import dev.paddock.agent.parallels.ParallelsDesktop;
import dev.paddock.agent.parallels.PowerOperation;
import dev.paddock.agent.parallels.Prlctl.StopMode;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.contracts.architecture.Architectures;
import dev.paddock.contracts.job.JobView;
import dev.paddock.contracts.machine.CreateMachine;
import dev.paddock.contracts.machine.MachineCreated;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Creates VMs ({@code POST /machines} and {@code /machines/async}) as a job with weighted steps. Either all of it
 * happens or nothing is left behind: a VM whose configuration or start fails is deleted again.
 */
@Service
public class MachineCreation {

    private static final Logger log = LoggerFactory.getLogger(MachineCreation.class);

    static final List<StepSpec> STEPS = List.of(
            new StepSpec("validate", "Checking the request", 5),
            new StepSpec("clone", "Copying the source VM", 70),
            new StepSpec("configure", "Applying CPU and memory", 10),
            new StepSpec("start", "Starting the VM", 15));

    private final Machines machines;
    private final ParallelsDesktop parallels;
    private final VmInventory inventory;
    private final Jobs jobs;
    private final ObjectProvider<CatalogImages> catalog;
    private final HostHardware hardware;

    MachineCreation(
            Machines machines,
            ParallelsDesktop parallels,
            VmInventory inventory,
            Jobs jobs,
            ObjectProvider<CatalogImages> catalog,
            HostHardware hardware) {
        this.machines = machines;
        this.parallels = parallels;
        this.inventory = inventory;
        this.jobs = jobs;
        this.catalog = catalog;
        this.hardware = hardware;
    }

    /** This host's architecture, {@code arm64} or {@code x86_64}. */
    public String architecture() {
        return hardware.architecture();
    }

    public MachineCreated create(CreateMachine request) throws Exception {
        if (request.catalogManifest() != null) {
            CatalogImages images = catalogImages(request);
            return (MachineCreated) jobs.runNow("machines", "create", images.steps(), p -> images.create(request, p))
                    .result();
        }
        Vm source = validate(request);
        return (MachineCreated) jobs.runNow("machines", "create", STEPS, progress -> run(request, source, progress))
                .result();
    }

    public JobView createAsync(CreateMachine request) {
        if (request.catalogManifest() != null) {
            CatalogImages images = catalogImages(request);
            return jobs.start("machines", "create", images.steps(), p -> images.create(request, p));
        }
        Vm source = validate(request);
        return jobs.start("machines", "create", STEPS, progress -> run(request, source, progress));
    }

    /** Everything that can be checked before work starts, so a bad request fails with 4xx and no job at all. */
    private Vm validate(CreateMachine request) {
        if (request.packerTemplate() != null || request.vagrantBox() != null) {
            throw ProblemException.badRequest(
                    "unsupported-source",
                    "Packer templates and Vagrant boxes are not supported; use clone_of or a catalog manifest.");
        }
        if (request.cloneOf() == null) {
            throw ProblemException.badRequest(
                    "missing-source", "Say what to create the VM from: clone_of (or catalog_manifest).");
        }
        if (request.architecture() != null && !normalize(request.architecture()).equals(architecture())) {
            throw ProblemException.badRequest(
                    "wrong-architecture",
                    "This host is " + architecture() + "; it cannot create a " + request.architecture() + " VM.");
        }
        if (inventory.find(request.name()).isPresent()) {
            throw ProblemException.conflict(
                    "name-taken", "A VM named '" + request.name() + "' already exists on this host.");
        }
        return machines.get(request.cloneOf().vm());
    }

    private CatalogImages catalogImages(CreateMachine request) {
        if (request.packerTemplate() != null || request.vagrantBox() != null || request.cloneOf() != null) {
            throw ProblemException.badRequest(
                    "ambiguous-source", "Give exactly one source: catalog_manifest or clone_of.");
        }
        if (inventory.find(request.name()).isPresent()) {
            throw ProblemException.conflict(
                    "name-taken", "A VM named '" + request.name() + "' already exists on this host.");
        }
        CatalogImages images = catalog.getObject();
        images.validate(request);
        return images;
    }

    private Jobs.Outcome run(CreateMachine request, Vm source, Progress progress) {
        progress.start("validate", null);
        progress.complete("validate");
        progress.start("clone", "Copying " + source.name() + " to " + request.name());
        Vm created = machines.cloneAs(source, request.name(), null);
        progress.complete("clone");
        try {
            progress.start("configure", null);
            List<String> settings = new ArrayList<>();
            if (request.cloneOf().cpu() != null) {
                settings.addAll(
                        List.of("--cpus", String.valueOf(request.cloneOf().cpu())));
            }
            if (request.cloneOf().memory() != null) {
                settings.addAll(
                        List.of("--memsize", String.valueOf(request.cloneOf().memory())));
            }
            if (!settings.isEmpty()) {
                parallels.set(created, settings);
            }
            progress.complete("configure");
            if (request.startOnCreate()) {
                progress.start("start", null);
                parallels.power(created, PowerOperation.START, StopMode.GRACEFUL);
                progress.complete("start");
            }
            Vm result = inventory.refresh(created.id()).orElseThrow();
            MachineCreated answer =
                    new MachineCreated(result.id(), machines.hostname(), result.name(), result.owner(), result.state());
            return new Jobs.Outcome(answer, result.id(), result.name(), "VirtualMachine");
        } catch (RuntimeException e) {
            removeHalfCreated(created.id());
            throw e;
        }
    }

    private void removeHalfCreated(String id) {
        try {
            inventory.refresh(id).ifPresent(vm -> {
                if (vm.usesCapacity()) {
                    parallels.power(vm, PowerOperation.STOP, StopMode.KILL);
                }
                parallels.delete(vm);
            });
            inventory.forget(id);
        } catch (RuntimeException cleanup) {
            log.error("Could not remove the half-created VM {}: {}", id, cleanup.toString());
        }
    }

    /** The canonical architecture name, e.g. {@code aarch64} → {@code arm64}; unknown names stay as they are. */
    public static String normalize(String architecture) {
        return Architectures.canonical(architecture).orElse(architecture);
    }
}
