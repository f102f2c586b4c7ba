package dev.paddock.cli.images;

import dev.paddock.cli.CliException;
import dev.paddock.cli.ExitCode;
import dev.paddock.cli.api.ApiException;
import dev.paddock.cli.api.PaddockApi;
import dev.paddock.cli.api.Paths;
import dev.paddock.cli.output.ProgressReport;
import dev.paddock.contracts.architecture.Architectures;
import dev.paddock.contracts.catalog.CatalogApi;
import dev.paddock.contracts.catalog.ManifestCommit;
import dev.paddock.contracts.catalog.MinimumRequirements;
import dev.paddock.contracts.catalog.PackIndex;
import dev.paddock.pack.HttpChunkClient;
import dev.paddock.pack.InvalidPackException;
import dev.paddock.pack.PackIndexRules;
import dev.paddock.pack.Packer;
import dev.paddock.pack.Unpacker;
import dev.paddock.pack.push.ImagePush;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes a VM bundle on this machine to the catalog and pulls an image into a folder here, with the same pack format
 * and chunk API the host agents use (ADR 0200): a push sends only the chunks the catalog lacks and commits the manifest
 * last, so running an interrupted push again resumes it; a pull verifies every chunk and leaves nothing behind when it
 * fails.
 */
public final class ImageTransfer {

    /** The catalog's JSON is snake_case; the pack index travels inside it. */
    private static final JsonMapper SNAKE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final int PARALLELISM = 4;

    private ImageTransfer() {}

    /** What to push and the manifest's metadata. */
    public record PushRequest(
            String catalogId,
            String version,
            String architecture,
            Path bundle,
            @Nullable String description,
            List<String> tags,
            List<String> requiredRoles,
            List<String> requiredClaims,
            Map<String, Integer> minimumRequirements) {}

    /** Packs and sends the bundle, then commits its manifest; answers the committed manifest. */
    public static JsonNode push(PaddockApi api, PushRequest request, ProgressReport progress) {
        Path bundle = request.bundle().toAbsolutePath().normalize();
        String type = ImagePush.typeOf(bundle)
                .orElseThrow(() ->
                        CliException.usage("A VM bundle's folder ends in .pvm or .macvm; " + bundle + " does not."));
        if (!Files.isDirectory(bundle)) {
            throw CliException.usage("There is no VM bundle at " + bundle + ".");
        }
        String path = manifestPath(request.catalogId(), request.version(), architecture(request.architecture()));
        ManifestCommit metadata = new ManifestCommit(
                null,
                null,
                null,
                type,
                request.description(),
                request.tags(),
                request.requiredRoles(),
                request.requiredClaims(),
                minimumRequirements(request.minimumRequirements()),
                null);
        ImagePush push = new ImagePush(new Packer(PackIndex.DEFAULT_CHUNK_SIZE, PARALLELISM, PARALLELISM), chunks(api));
        try {
            return push.push(bundle, metadata, commits(api, path), steps(progress))
                    .manifest();
        } catch (InvalidPackException e) {
            throw CliException.usage("The bundle cannot be pushed: " + e.getMessage() + ".");
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.FAILURE,
                    "The push of " + bundle + " stopped: " + e.getMessage()
                            + ". Run it again: chunks the catalog already has are not sent again.");
        }
    }

    /** Commits at {@code path}; the catalog answers 409 when chunks were collected since the pack asked for them. */
    private static ImagePush.Catalog<JsonNode> commits(PaddockApi api, String path) {
        return new ImagePush.Catalog<>() {
            @Override
            public JsonNode commit(ManifestCommit commit) {
                return api.put(path, SNAKE.valueToTree(commit));
            }

            @Override
            public boolean chunksMissing(RuntimeException refusal) {
                return refusal instanceof ApiException e && e.status() == 409;
            }
        };
    }

    /** The bytes packed on the terminal; each pack's bar ends full. */
    private static ImagePush.Steps steps(ProgressReport progress) {
        return new ImagePush.Steps() {
            @Override
            public void update(long done, long total) {
                progress.update(done, total);
            }

            @Override
            public void packFinished(Packer.Result packed) {
                progress.update(packed.index().size(), packed.index().size());
                progress.finish();
            }
        };
    }

    /** A Pdfile's {@code MINIMUM_REQUIREMENT} lines (cpu, memory and disk), or none. */
    private static @Nullable MinimumRequirements minimumRequirements(Map<String, Integer> given) {
        if (given.isEmpty()) {
            return null;
        }
        Integer memory = given.get("memory");
        Integer disk = given.get("disk");
        return new MinimumRequirements(
                given.get("cpu"), memory == null ? null : memory.longValue(), disk == null ? null : disk.longValue());
    }

    /**
     * Fetches an image (a version or a tag) into {@code destination}/{@code name}.{type}; answers the bundle's path.
     * The unpacker writes into a hidden folder renamed when complete, so a failed pull leaves nothing behind.
     */
    public static Path pull(
            PaddockApi api,
            String catalogId,
            String versionOrTag,
            String architecture,
            Path destination,
            @Nullable String name,
            ProgressReport progress) {
        JsonNode descriptor = api.get(CatalogApi.download(
                Paths.required(catalogId), Paths.required(versionOrTag), architecture(architecture)));
        PackIndex index;
        try {
            index = PackIndexRules.validate(SNAKE.treeToValue(descriptor.path("pack"), PackIndex.class));
        } catch (InvalidPackException | JacksonException e) {
            throw new CliException(ExitCode.FAILURE, "The catalog's pack index is not usable: " + e.getMessage());
        }
        String type = descriptor.path("type").asString("pvm");
        String bundleName = (name == null || name.isBlank()
                        ? catalogId + "-" + descriptor.path("version").asString(versionOrTag)
                        : name)
                + "." + type;
        Path target = destination.toAbsolutePath().normalize().resolve(bundleName);
        if (Files.exists(target)) {
            throw new CliException(ExitCode.CONFLICT, target + " already exists; choose another name or remove it.");
        }
        try {
            new Unpacker(PARALLELISM).unpack(index, chunks(api), target, progress::update);
            progress.update(index.size(), index.size());
            progress.finish();
            return target;
        } catch (InvalidPackException e) {
            throw new CliException(
                    ExitCode.FAILURE,
                    "The pull stopped and nothing was kept: " + e.getMessage()
                            + ". Pull again; if it persists, the catalog's copy is damaged.");
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.FAILURE, "The pull stopped and nothing was kept: " + e.getMessage() + ". Pull again.");
        }
    }

    static String manifestPath(String catalogId, String version, String architecture) {
        return CatalogApi.manifest(Paths.required(catalogId), Paths.required(version), architecture);
    }

    /** The architecture as the catalog names it; the usual aliases are accepted. */
    static String architecture(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            throw CliException.usage("Name the image's architecture: --arch arm64 or --arch x86_64.");
        }
        return Architectures.canonical(raw)
                .orElseThrow(
                        () -> CliException.usage("Architecture '" + raw + "' is not supported; use arm64 or x86_64."));
    }

    private static HttpChunkClient chunks(PaddockApi api) {
        return new HttpChunkClient(URI.create(api.baseUrl()), api::authorizationHeader, api.insecureTls());
    }
}
