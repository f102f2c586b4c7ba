package dev.paddock.agent.catalog;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.catalog.CatalogRequests.Push;
import dev.paddock.agent.inventory.VmInventory;
import dev.paddock.agent.jobs.Job.StepSpec;
import dev.paddock.agent.jobs.Jobs;
import dev.paddock.agent.jobs.Progress;
import dev.paddock.agent.machines.MachineCreation;
import dev.paddock.agent.machines.Machines;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.contracts.catalog.ManifestCommit;
import dev.paddock.contracts.catalog.PackIndex;
import dev.paddock.contracts.job.JobView;
import dev.paddock.pack.InvalidPackException;
import dev.paddock.pack.Packer;
import dev.paddock.pack.push.ImagePush;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Pushes a VM bundle on this host to the catalog (ADR 0200), as a job. The push itself (send only the chunks the
 * catalog lacks, commit the manifest last, send again once if chunks were collected meanwhile) is image-pack's
 * {@link ImagePush}, shared with the CLI; this class checks the request against the host (the bundle is inside the VM
 * folders and its VM is stopped, so the image is consistent) and reports the job's steps.
 */
@Service
public class CatalogPush {

    private static final Logger log = LoggerFactory.getLogger(CatalogPush.class);

    static final List<StepSpec> PUSH_STEPS = List.of(
            new StepSpec("pack", "Sending the chunks the catalog lacks", 90),
            new StepSpec("commit", "Committing the manifest", 10));

    private final CatalogServer catalog;
    private final Machines machines;
    private final MachineCreation creation;
    private final VmInventory inventory;
    private final Jobs jobs;
    private final int parallelism;

    CatalogPush(
            CatalogServer catalog,
            Machines machines,
            MachineCreation creation,
            VmInventory inventory,
            Jobs jobs,
            AgentProperties properties) {
        this.catalog = catalog;
        this.machines = machines;
        this.creation = creation;
        this.inventory = inventory;
        this.jobs = jobs;
        this.parallelism = properties.catalog().parallelism();
    }

    private record PushPlan(
            Push request, String catalogId, String version, String architecture, Path bundle, String type) {}

    /** Pushes and answers the committed manifest. */
    public JsonNode push(Push request) throws Exception {
        return (JsonNode)
                jobs.runNow("catalog", "push", PUSH_STEPS, work(request)).result();
    }

    /** Starts the push as a job. */
    public JobView pushAsync(Push request) {
        return jobs.start("catalog", "push", PUSH_STEPS, work(request));
    }

    /** Checks the request now, with the caller's credentials, so the job runs with a plan that can succeed. */
    private Jobs.Work work(Push request) {
        PushPlan plan = plan(request);
        CatalogServer.Session session = catalog.session();
        return progress -> push(plan, session, progress);
    }

    private PushPlan plan(Push request) {
        String catalogId = CatalogNames.requireName("catalog_id", request.catalogId());
        String version = CatalogNames.requireName("version", request.version());
        String architecture = request.architecture() == null
                ? creation.architecture()
                : CatalogNames.architecture(request.architecture());
        if (request.localPath() == null || request.localPath().isBlank()) {
            throw ProblemException.badRequest("invalid-local-path", "local_path must name the VM bundle to push.");
        }
        Path bundle = machines.insideVmFolders(request.localPath(), "local_path");
        String type = ImagePush.typeOf(bundle)
                .orElseThrow(() -> ProblemException.badRequest(
                        "invalid-local-path", "local_path must name a .pvm or .macvm bundle, got " + bundle + "."));
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
        ImagePush push =
                new ImagePush(new Packer(PackIndex.DEFAULT_CHUNK_SIZE, parallelism, parallelism), session.chunks());
        ImagePush.Pushed<JsonNode> pushed;
        try {
            pushed = push.push(plan.bundle(), metadata(plan), commits(plan, session), steps(plan, progress));
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
        progress.complete("commit");
        Packer.Result packed = pushed.packed();
        log.info(
                "Pushed {} as {}/{}/{}: {} of {} chunks sent ({} bytes)",
                plan.bundle(),
                plan.catalogId(),
                plan.version(),
                plan.architecture(),
                packed.chunksSent(),
                packed.index().chunks().size(),
                packed.bytesSent());
        JsonNode manifest = pushed.manifest();
        return new Jobs.Outcome(
                manifest,
                manifest.path("id").asString(null),
                manifest.path("name").asString(null),
                "CatalogManifest");
    }

    private static ManifestCommit metadata(PushPlan plan) {
        Push request = plan.request();
        return new ManifestCommit(
                null,
                null,
                null,
                plan.type(),
                request.description(),
                request.tags(),
                request.requiredRoles(),
                request.requiredClaims(),
                request.minimumRequirements(),
                null);
    }

    /** Commits with the caller's credentials; the catalog's 409 {@code chunks-missing} passes through as a problem. */
    private static ImagePush.Catalog<JsonNode> commits(PushPlan plan, CatalogServer.Session session) {
        return new ImagePush.Catalog<>() {
            @Override
            public JsonNode commit(ManifestCommit commit) {
                return session.commit(plan.catalogId(), plan.version(), plan.architecture(), commit);
            }

            @Override
            public boolean chunksMissing(RuntimeException refusal) {
                return refusal instanceof ProblemException problem
                        && String.valueOf(problem.toProblemDetail().getType()).endsWith("/chunks-missing");
            }
        };
    }

    /** The job's steps: each pack is the {@code pack} step, the commit the {@code commit} step. */
    private static ImagePush.Steps steps(PushPlan plan, Progress progress) {
        return new ImagePush.Steps() {
            @Override
            public void update(long done, long total) {
                progress.advance("pack", done, total, "bytes");
            }

            @Override
            public void packStarted() {
                progress.start("pack", "Packing " + plan.bundle().getFileName());
            }

            @Override
            public void packFinished(Packer.Result packed) {
                progress.complete("pack");
            }

            @Override
            public void committing() {
                progress.start("commit", null);
            }

            @Override
            public void resending() {
                // A push slower than the catalog's grace period: its first chunks were collected before the commit.
                log.info("Commit of {}/{} found chunks missing; sending them again", plan.catalogId(), plan.version());
            }
        };
    }
}
