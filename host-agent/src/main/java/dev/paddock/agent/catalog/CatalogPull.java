package dev.paddock.agent.catalog;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.catalog.CatalogRequests.Pull;
import dev.paddock.agent.catalog.CatalogRequests.Pulled;
import dev.paddock.agent.inventory.VmInventory;
import dev.paddock.agent.jobs.Job.StepSpec;
import dev.paddock.agent.jobs.Jobs;
import dev.paddock.agent.jobs.Progress;
import dev.paddock.agent.machines.MachineCreation;
import dev.paddock.agent.machines.MachineRequests.Register;
import dev.paddock.agent.machines.Machines;
import dev.paddock.agent.parallels.ParallelsDesktop;
import dev.paddock.agent.parallels.PowerOperation;
import dev.paddock.agent.parallels.Prlctl.StopMode;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.contracts.catalog.PackIndex;
import dev.paddock.contracts.job.JobView;
import dev.paddock.pack.CachedChunkSource;
import dev.paddock.pack.InvalidPackException;
import dev.paddock.pack.PackIndexRules;
import dev.paddock.pack.Unpacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pulls an image from the catalog onto this host and registers it as a VM (ADR 0200), as a job. It fetches only the
 * chunks missing from the pack cache, verifies each, writes the bundle while downloading, and registers it with
 * Parallels only when the whole pack checked out; on any failure nothing is left registered or on disk. VM creation
 * from a catalog manifest ({@link CatalogMachines}) runs the same pull.
 */
@Service
public class CatalogPull {

    private static final Logger log = LoggerFactory.getLogger(CatalogPull.class);
    private static final Pattern VM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()+@-]{0,127}");

    static final List<StepSpec> PULL_STEPS = List.of(
            new StepSpec("resolve", "Looking up the image", 5),
            new StepSpec("download", "Fetching and writing the bundle", 80),
            new StepSpec("register", "Registering with Parallels Desktop", 10),
            new StepSpec("start", "Starting the VM", 5));

    private final CatalogServer catalog;
    private final PackCache cache;
    private final Machines machines;
    private final MachineCreation creation;
    private final VmInventory inventory;
    private final ParallelsDesktop parallels;
    private final Jobs jobs;
    private final JsonMapper json;
    private final int parallelism;

    CatalogPull(
            CatalogServer catalog,
            PackCache cache,
            Machines machines,
            MachineCreation creation,
            VmInventory inventory,
            ParallelsDesktop parallels,
            Jobs jobs,
            JsonMapper json,
            AgentProperties properties) {
        this.catalog = catalog;
        this.cache = cache;
        this.machines = machines;
        this.creation = creation;
        this.inventory = inventory;
        this.parallels = parallels;
        this.jobs = jobs;
        this.json = json;
        this.parallelism = properties.catalog().parallelism();
    }

    /** A checked pull: what to fetch, and the VM it becomes. */
    record PullPlan(
            String catalogId,
            String versionOrTag,
            String architecture,
            String machineName,
            @Nullable String owner,
            Path folder,
            boolean start,
            @Nullable Integer cpus,
            @Nullable Integer memoryMb) {}

    /** Pulls and answers the registered VM. */
    public Pulled pull(Pull request) throws Exception {
        return (Pulled)
                jobs.runNow("catalog", "pull", PULL_STEPS, work(request)).result();
    }

    /** Starts the pull as a job. */
    public JobView pullAsync(Pull request) {
        return jobs.start("catalog", "pull", PULL_STEPS, work(request));
    }

    /** Checks the request now, with the caller's credentials, so the job runs with a plan that can succeed. */
    private Jobs.Work work(Pull request) {
        PullPlan plan = plan(request, null, null);
        CatalogServer.Session session = catalog.session();
        return progress -> run(plan, session, progress);
    }

    /**
     * Checks a pull before any job starts: names, the host's architecture, a free VM name, a folder it may use.
     *
     * @param cpus CPUs to give the VM, or null to keep the image's
     * @param memoryMb memory to give the VM, or null to keep the image's
     */
    PullPlan plan(Pull request, @Nullable Integer cpus, @Nullable Integer memoryMb) {
        String id = CatalogNames.requireName("catalog_id", request.catalogId());
        String version = request.version();
        String architecture = request.architecture();
        String machineName = request.machineName();
        String path = request.path();
        String versionOrTag =
                version == null || version.isBlank() ? "latest" : CatalogNames.requireName("version", version);
        String arch = architecture == null || architecture.isBlank()
                ? creation.architecture()
                : CatalogNames.architecture(architecture);
        if (!arch.equals(creation.architecture())) {
            throw ProblemException.badRequest(
                    "wrong-architecture",
                    "This host is " + creation.architecture() + "; it cannot run a " + arch + " image.");
        }
        String name = machineName == null || machineName.isBlank() ? id + "-" + versionOrTag : machineName;
        if (!VM_NAME.matcher(name).matches()) {
            throw ProblemException.badRequest(
                    "invalid-machine-name",
                    "machine_name '" + name + "' must be 1-128 letters, digits, space and . _ ( ) + @ -.");
        }
        if (inventory.find(name).isPresent()) {
            throw ProblemException.conflict("name-taken", "A VM named '" + name + "' already exists on this host.");
        }
        Path folder =
                path == null || path.isBlank() ? machines.defaultVmFolder() : machines.insideVmFolders(path, "path");
        return new PullPlan(
                id, versionOrTag, arch, name, request.owner(), folder, request.startAfterPull(), cpus, memoryMb);
    }

    /** Runs a checked pull as the steps of {@link #PULL_STEPS}; answers {@link Pulled}. */
    Jobs.Outcome run(PullPlan plan, CatalogServer.Session session, Progress progress) throws IOException {
        progress.start("resolve", "Looking up " + plan.catalogId() + "/" + plan.versionOrTag());
        JsonNode descriptor = session.download(plan.catalogId(), plan.versionOrTag(), plan.architecture());
        PackIndex index = packOf(descriptor);
        String type = descriptor.path("type").asString("");
        if (!type.equals("macvm") && !type.equals("pvm")) {
            throw badCatalogAnswer("the manifest's type '" + type + "' is neither macvm nor pvm");
        }
        String version = descriptor.path("version").asString(plan.versionOrTag());
        Path bundle = plan.folder().resolve(plan.machineName() + "." + type);
        if (Files.exists(bundle)) {
            throw ProblemException.conflict(
                    "bundle-exists", bundle + " already exists; choose another machine_name or remove it.");
        }
        progress.complete("resolve");
        try (PackCache.Lease inUse = cache.use(plan.catalogId(), version, plan.architecture())) {
            long dataBytes = index.chunks().stream()
                    .filter(chunk -> !chunk.isZero())
                    .mapToLong(PackIndex.Chunk::size)
                    .sum();
            cache.makeRoom(dataBytes + descriptor.path("pack_size").asLong(0));
            progress.start("download", "Fetching " + plan.catalogId() + "/" + version);
            CachedChunkSource source = cache.through(session.chunks());
            try {
                new Unpacker(parallelism)
                        .unpack(
                                index,
                                source,
                                bundle,
                                (done, total) -> progress.advance("download", done, total, "bytes"));
            } catch (InvalidPackException e) {
                throw stopped(
                        plan,
                        version,
                        e,
                        "pack-corrupted",
                        "Pack corrupted",
                        "Pull again; if it persists, the catalog's copy is damaged.");
            } catch (IOException e) {
                throw stopped(
                        plan,
                        version,
                        e,
                        "pull-failed",
                        "Pull failed",
                        "Pull again: chunks already fetched are kept in the pack cache.");
            }
            cache.remember(plan.catalogId(), version, plan.architecture(), type, index);
            progress.complete("download");
            progress.start("register", "Registering " + plan.machineName());
            Vm vm = register(plan, bundle);
            progress.complete("register");
            if (plan.start()) {
                progress.start("start", null);
                try {
                    parallels.power(vm, PowerOperation.START, StopMode.GRACEFUL);
                } catch (RuntimeException e) {
                    remove(vm, bundle);
                    throw e;
                }
                progress.complete("start");
            }
            Vm current = inventory.refresh(vm.id()).orElse(vm);
            Pulled pulled = new Pulled(
                    current.id(),
                    bundle.toString(),
                    current.id(),
                    current.name(),
                    descriptorWithoutPack(descriptor),
                    source.fetchedBytes(),
                    source.cachedBytes());
            log.info(
                    "Pulled {}/{} as {}: {} bytes fetched, {} from the pack cache",
                    plan.catalogId(),
                    version,
                    current.name(),
                    source.fetchedBytes(),
                    source.cachedBytes());
            return new Jobs.Outcome(pulled, current.id(), current.name(), "VirtualMachine");
        }
    }

    /** Registers the bundle under the requested name and applies CPU and memory; the bundle goes if any step fails. */
    private Vm register(PullPlan plan, Path bundle) {
        Vm vm;
        try {
            vm = machines.register(
                    new Register(bundle.toString(), plan.owner(), null, plan.machineName(), true, false, false));
        } catch (RuntimeException e) {
            deleteTree(bundle);
            throw e;
        }
        List<String> settings = new ArrayList<>();
        if (plan.cpus() != null) {
            settings.addAll(List.of("--cpus", String.valueOf(plan.cpus())));
        }
        if (plan.memoryMb() != null) {
            settings.addAll(List.of("--memsize", String.valueOf(plan.memoryMb())));
        }
        if (!settings.isEmpty()) {
            try {
                parallels.set(vm, settings);
            } catch (RuntimeException e) {
                remove(vm, bundle);
                throw e;
            }
        }
        return vm;
    }

    private void remove(Vm vm, Path bundle) {
        try {
            inventory
                    .find(vm.id())
                    .filter(Vm::usesCapacity)
                    .ifPresent(running -> parallels.power(running, PowerOperation.STOP, StopMode.KILL));
            parallels.unregister(vm, false);
        } catch (RuntimeException cleanup) {
            log.error("Could not unregister {} after a failed pull: {}", vm.name(), cleanup.toString());
        }
        inventory.forget(vm.id());
        deleteTree(bundle);
    }

    private PackIndex packOf(JsonNode descriptor) {
        try {
            return PackIndexRules.validate(json.treeToValue(descriptor.path("pack"), PackIndex.class));
        } catch (InvalidPackException | JacksonException | NullPointerException e) {
            throw badCatalogAnswer("its pack index is not usable: " + e.getMessage());
        }
    }

    private static JsonNode descriptorWithoutPack(JsonNode descriptor) {
        JsonNode copy = descriptor.deepCopy();
        if (copy instanceof ObjectNode object) {
            object.remove("pack");
        }
        return copy;
    }

    /** A pull that stopped while fetching: nothing is registered, and pulling again is the way on. */
    private static ProblemException stopped(
            PullPlan plan, String version, Exception e, String type, String title, String advice) {
        return new ProblemException(
                HttpStatus.BAD_GATEWAY,
                type,
                title,
                "The pull of " + plan.catalogId() + "/" + version + " stopped and nothing was registered: "
                        + e.getMessage() + ". " + advice,
                e);
    }

    private static ProblemException badCatalogAnswer(String what) {
        return new ProblemException(
                HttpStatus.BAD_GATEWAY,
                "catalog-answer-invalid",
                "Catalog answer invalid",
                "The catalog's answer: " + what);
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort; logged below if the folder remains
                }
            });
        } catch (IOException e) {
            log.error("Could not remove {} after a failed pull: {}", folder, e.toString());
        }
    }
}
