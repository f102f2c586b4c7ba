package dev.paddock.agent.catalog;

import dev.paddock.agent.catalog.CatalogRequests.Pull;
import dev.paddock.agent.catalog.CatalogRequests.Pulled;
import dev.paddock.agent.inventory.VmInventory;
import dev.paddock.agent.jobs.Job.StepSpec;
import dev.paddock.agent.jobs.Jobs;
import dev.paddock.agent.jobs.Progress;
import dev.paddock.agent.machines.CatalogImages;
import dev.paddock.agent.machines.Machines;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.contracts.machine.CatalogManifest;
import dev.paddock.contracts.machine.CreateMachine;
import dev.paddock.contracts.machine.MachineCreated;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Creates a VM from a catalog image (the machine API's {@code catalog_manifest}) for {@code machines}, which declares
 * {@link CatalogImages} so creation does not depend on how images travel. It is a {@link CatalogPull} with the
 * request's name, owner and specs, answered as the machine API answers a creation.
 */
@Service
class CatalogMachines implements CatalogImages {

    private final CatalogPull pull;
    private final CatalogServer catalog;
    private final Machines machines;
    private final VmInventory inventory;

    CatalogMachines(CatalogPull pull, CatalogServer catalog, Machines machines, VmInventory inventory) {
        this.pull = pull;
        this.catalog = catalog;
        this.machines = machines;
        this.inventory = inventory;
    }

    @Override
    public List<StepSpec> steps() {
        return CatalogPull.PULL_STEPS;
    }

    @Override
    public void validate(CreateMachine request) {
        planOf(request);
    }

    @Override
    public Jobs.Outcome create(CreateMachine request, Progress progress) throws Exception {
        CatalogPull.PullPlan plan = planOf(request);
        Pulled result = (Pulled) pull.run(plan, catalog.session(), progress).result();
        Vm vm = inventory.find(result.machineId()).orElseThrow();
        MachineCreated created = new MachineCreated(vm.id(), machines.hostname(), vm.name(), vm.owner(), vm.state());
        return new Jobs.Outcome(created, vm.id(), vm.name(), "VirtualMachine");
    }

    private CatalogPull.PullPlan planOf(CreateMachine request) {
        CatalogManifest manifest = request.catalogManifest();
        CatalogManifest.Specs specs = manifest.specs();
        Pull asked = new Pull(
                manifest.catalogId(),
                manifest.version(),
                manifest.architecture() != null ? manifest.architecture() : request.architecture(),
                request.name(),
                request.owner() != null ? request.owner() : manifest.owner(),
                manifest.path(),
                request.startOnCreate() || Boolean.TRUE.equals(manifest.startAfterPull()),
                manifest.connection());
        return pull.plan(
                asked,
                number("specs.cpu", specs == null ? null : specs.cpu(), 1, 128),
                number("specs.memory", specs == null ? null : specs.memory(), 512, 1_048_576));
    }

    private static @Nullable Integer number(String field, @Nullable Object value, int min, int max) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.toString().trim());
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(
                    "invalid-specs",
                    "catalog_manifest." + field + " must be a whole number from " + min + " to " + max + ", got '"
                            + value + "'.");
        }
    }
}
