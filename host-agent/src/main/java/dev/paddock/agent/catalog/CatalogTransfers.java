package dev.paddock.agent.catalog;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.catalog.CatalogRequests.Pull;
import dev.paddock.agent.catalog.CatalogRequests.Pulled;
import dev.paddock.agent.catalog.CatalogRequests.Push;
import dev.paddock.agent.inventory.VmInventory;
import dev.paddock.agent.jobs.Job.StepSpec;
import dev.paddock.agent.jobs.Jobs;
import dev.paddock.agent.jobs.Progress;
import dev.paddock.agent.machines.CatalogImages;
import dev.paddock.agent.machines.MachineCreation;
import dev.paddock.agent.machines.MachineRequests.Register;
import dev.paddock.agent.machines.Machines;
import dev.paddock.agent.parallels.ParallelsDesktop;
import dev.paddock.agent.parallels.PowerOperation;
import dev.paddock.agent.parallels.Prlctl.StopMode;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.contracts.architecture.Architectures;
import dev.paddock.contracts.catalog.PackIndex;
import dev.paddock.contracts.job.JobView;
import dev.paddock.contracts.machine.CatalogManifest;
import dev.paddock.contracts.machine.CreateMachine;
import dev.paddock.contracts.machine.MachineCreated;
import dev.paddock.pack.CachedChunkSource;
import dev.paddock.pack.InvalidPackException;
import dev.paddock.pack.PackIndexRules;
import dev.paddock.pack.Packer;
import dev.paddock.pack.Unpacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pushes a bundle on this host to the catalog and pulls images from it (ADR 0200). A push sends only the chunks the
 * catalog lacks and commits the manifest last, so an interrupted push resumes by running it again. A pull fetches only
 * the chunks missing from the pack cache, verifies each, writes the bundle while downloading, and registers it with
 * Parallels only when the whole pack checked out; on any failure nothing is left registered or on disk.
 */
@Service
public class CatalogTransfers implements CatalogImages {

    private static final Logger log = LoggerFactory.getLogger(CatalogTransfers.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern VM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._()+@-]{0,127}");

    static final List<StepSpec> PUSH_STEPS = List.of(
            new StepSpec("pack", "Sending the chunks the catalog lacks", 90),
            new StepSpec("commit", "Committing the manifest", 10));
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

    CatalogTransfers(
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

    // ---- push
    // -----------------------------------------------------------------------------------------------------

    private record PushPlan(
            Push request, String catalogId, String version, String architecture, Path bundle, String type) {}

    public JsonNode push(Push request) throws Exception {
        PushPlan plan = plan(request);
        CatalogServer.Session session = catalog.session();
        return (JsonNode) jobs.runNow("catalog", "push", PUSH_STEPS, progress -> push(plan, session, progress))
                .result();
    }

    public JobView pushAsync(Push request) {
        PushPlan plan = plan(request);
        CatalogServer.Session session = catalog.session();
        return jobs.start("catalog", "push", PUSH_STEPS, progress -> push(plan, session, progress));
    }

    private PushPlan plan(Push request) {
        String catalogId = requireName("catalog_id", request.catalogId());
        String version = requireName("version", request.version());
        String architecture =
                request.architecture() == null ? creation.architecture() : architecture(request.architecture());
        if (request.localPath() == null || request.localPath().isBlank()) {
            throw ProblemException.badRequest("invalid-local-path", "local_path must name the VM bundle to push.");
        }
        Path bundle = machines.insideVmFolders(request.localPath(), "local_path");
        String type = bundleType(bundle);
        if (!Files.isDirectory(bundle)) {
            throw ProblemException.badRequest("invalid-local-path", "There is no VM bundle at " + bundle + ".");
        }
        inventory.list().stream()
                .filter(vm -> Path.of(vm.home()).toAbsolutePath().normalize().equals(bundle))
                .filter(Vm::usesCapacity)
                .findFirst()
                .ifPresent(vm -> {
                    throw ProblemException.conflict(
                            "vm-running",
                            "VM '" + vm.name() + "' is " + vm.state()
                                    + "; stop it before pushing so the image is consistent.");
                });
        return new PushPlan(request, catalogId, version, architecture, bundle, type);
    }

    private Jobs.Outcome push(PushPlan plan, CatalogServer.Session session, Progress progress) {
        // The packer holds about three windows of 4 MiB chunk buffers plus a compression buffer per thread: the window
        // follows the parallelism so the agent's heap bounds a push (about 70 MiB at 4), whatever the image's size.
        Packer packer = new Packer(PackIndex.DEFAULT_CHUNK_SIZE, parallelism, parallelism);
        Packer.Result packed = pack(packer, plan, session, progress);
        progress.start("commit", null);
        JsonNode manifest;
        try {
            manifest = commit(plan, session, packed.index());
        } catch (ProblemException e) {
            if (!String.valueOf(e.toProblemDetail().getType()).endsWith("/chunks-missing")) {
                throw e;
            }
            // Chunks were collected between our question and the commit (a push slower than the catalog's grace
            // period): send them again and commit once more.
            log.info("Commit of {}/{} found chunks missing; sending them again", plan.catalogId(), plan.version());
            manifest =
                    commit(plan, session, pack(packer, plan, session, progress).index());
        }
        progress.complete("commit");
        log.info(
                "Pushed {} as {}/{}/{}: {} of {} chunks sent ({} bytes)",
                plan.bundle(),
                plan.catalogId(),
                plan.version(),
                plan.architecture(),
                packed.chunksSent(),
                packed.index().chunks().size(),
                packed.bytesSent());
        return new Jobs.Outcome(
                manifest,
                manifest.path("id").asString(null),
                manifest.path("name").asString(null),
                "CatalogManifest");
    }

    private static Packer.Result pack(Packer packer, PushPlan plan, CatalogServer.Session session, Progress progress) {
        progress.start("pack", "Packing " + plan.bundle().getFileName());
        Packer.Result result;
        try {
            result = packer.pack(
                    plan.bundle(), session.chunks(), (done, total) -> progress.advance("pack", done, total, "bytes"));
        } catch (InvalidPackException e) {
            throw ProblemException.badRequest("invalid-bundle", "The bundle cannot be pushed: " + e.getMessage() + ".");
        } catch (IOException e) {
            throw new ProblemException(
                    HttpStatus.BAD_GATEWAY,
                    "push-failed",
                    "Push failed",
                    "The push of " + plan.bundle() + " stopped: " + e.getMessage()
                            + ". Run it again: chunks the catalog already has are not sent again.",
                    e);
        }
        progress.complete("pack");
        return result;
    }

    private JsonNode commit(PushPlan plan, CatalogServer.Session session, PackIndex index) {
        Push request = plan.request();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", plan.type());
        body.put("description", request.description());
        body.put("tags", request.tags());
        body.put("required_roles", request.requiredRoles());
        body.put("required_claims", request.requiredClaims());
        body.put("minimum_requirements", request.minimumRequirements());
        body.put("pack", index);
        return session.commit(plan.catalogId(), plan.version(), plan.architecture(), body);
    }

    // ---- pull
    // -----------------------------------------------------------------------------------------------------

    private record PullPlan(
            String catalogId,
            String versionOrTag,
            String architecture,
            String machineName,
            @Nullable String owner,
            Path folder,
            boolean start,
            @Nullable Integer cpus,
            @Nullable Integer memoryMb) {}

    public Pulled pull(Pull request) throws Exception {
        PullPlan plan = plan(request);
        CatalogServer.Session session = catalog.session();
        return (Pulled) jobs.runNow("catalog", "pull", PULL_STEPS, progress -> pull(plan, session, progress))
                .result();
    }

    public JobView pullAsync(Pull request) {
        PullPlan plan = plan(request);
        CatalogServer.Session session = catalog.session();
        return jobs.start("catalog", "pull", PULL_STEPS, progress -> pull(plan, session, progress));
    }

    private PullPlan plan(Pull request) {
        return plan(
                request.catalogId(),
                request.version(),
                request.architecture(),
                request.machineName(),
                request.owner(),
                request.path(),
                request.startAfterPull(),
                null,
                null);
    }

    private PullPlan plan(
            @Nullable String catalogId,
            @Nullable String version,
            @Nullable String architecture,
            @Nullable String machineName,
            @Nullable String owner,
            @Nullable String path,
            boolean start,
            @Nullable Integer cpus,
            @Nullable Integer memoryMb) {
        String id = requireName("catalog_id", catalogId);
        String versionOrTag = version == null || version.isBlank() ? "latest" : requireName("version", version);
        String arch =
                architecture == null || architecture.isBlank() ? creation.architecture() : architecture(architecture);
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
        return new PullPlan(id, versionOrTag, arch, name, owner, folder, start, cpus, memoryMb);
    }

    private Jobs.Outcome pull(PullPlan plan, CatalogServer.Session session, Progress progress) throws IOException {
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
                throw new ProblemException(
                        HttpStatus.BAD_GATEWAY,
                        "pack-corrupted",
                        "Pack corrupted",
                        "The pull of " + plan.catalogId() + "/" + version + " stopped and nothing was registered: "
                                + e.getMessage() + ". Pull again; if it persists, the catalog's copy is damaged.");
            } catch (IOException e) {
                throw new ProblemException(
                        HttpStatus.BAD_GATEWAY,
                        "pull-failed",
                        "Pull failed",
                        "The pull of " + plan.catalogId() + "/" + version + " stopped and nothing was registered: "
                                + e.getMessage() + ". Pull again: chunks already fetched are kept in the pack cache.",
                        e);
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

    // ---- VM creation from a catalog manifest
    // ---------------------------------------------------------------------------------------

    @Override
    public List<StepSpec> steps() {
        return PULL_STEPS;
    }

    @Override
    public void validate(CreateMachine request) {
        planOf(request);
    }

    @Override
    public Jobs.Outcome create(CreateMachine request, Progress progress) throws Exception {
        PullPlan plan = planOf(request);
        Jobs.Outcome pulled = pull(plan, catalog.session(), progress);
        Pulled result = (Pulled) pulled.result();
        Vm vm = inventory.find(result.machineId()).orElseThrow();
        MachineCreated created = new MachineCreated(vm.id(), machines.hostname(), vm.name(), vm.owner(), vm.state());
        return new Jobs.Outcome(created, vm.id(), vm.name(), "VirtualMachine");
    }

    private PullPlan planOf(CreateMachine request) {
        CatalogManifest manifest = request.catalogManifest();
        CatalogManifest.Specs specs = manifest.specs();
        return plan(
                manifest.catalogId(),
                manifest.version(),
                manifest.architecture() != null ? manifest.architecture() : request.architecture(),
                request.name(),
                request.owner() != null ? request.owner() : manifest.owner(),
                manifest.path(),
                request.startOnCreate() || Boolean.TRUE.equals(manifest.startAfterPull()),
                number("specs.cpu", specs == null ? null : specs.cpu(), 1, 128),
                number("specs.memory", specs == null ? null : specs.memory(), 512, 1_048_576));
    }

    // ---- helpers
    // -----------------------------------------------------------------------------------------------------

    private PackIndex packOf(JsonNode descriptor) {
        try {
            return PackIndexRules.validate(json.treeToValue(descriptor.path("pack"), PackIndex.class));
        } catch (InvalidPackException | tools.jackson.core.JacksonException | NullPointerException e) {
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

    private static ProblemException badCatalogAnswer(String what) {
        return new ProblemException(
                HttpStatus.BAD_GATEWAY,
                "catalog-answer-invalid",
                "Catalog answer invalid",
                "The catalog's answer: " + what);
    }

    private static String requireName(String field, @Nullable String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw ProblemException.badRequest(
                    "invalid-" + field.replace('_', '-'),
                    field + " '" + value
                            + "' is not valid: use 1-128 letters, digits, '.', '_' or '-', starting with a "
                            + "letter or digit.");
        }
        return value;
    }

    private static String architecture(String raw) {
        return Architectures.canonical(raw)
                .orElseThrow(() -> ProblemException.badRequest(
                        "invalid-architecture", "Architecture '" + raw + "' is not supported; use x86_64 or arm64."));
    }

    private static String bundleType(Path bundle) {
        String name = bundle.getFileName() == null ? "" : bundle.getFileName().toString();
        if (name.endsWith(".macvm")) {
            return "macvm";
        }
        if (name.endsWith(".pvm")) {
            return "pvm";
        }
        throw ProblemException.badRequest(
                "invalid-local-path", "local_path must name a .pvm or .macvm bundle, got " + bundle + ".");
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
