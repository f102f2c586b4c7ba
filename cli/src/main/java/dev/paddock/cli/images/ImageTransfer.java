package dev.paddock.cli.images;

import dev.paddock.cli.CliException;
import dev.paddock.cli.ExitCode;
import dev.paddock.cli.api.ApiException;
import dev.paddock.cli.api.PaddockApi;
import dev.paddock.cli.api.Paths;
import dev.paddock.cli.output.ProgressReport;
import dev.paddock.contracts.catalog.PackIndex;
import dev.paddock.pack.HttpChunkClient;
import dev.paddock.pack.InvalidPackException;
import dev.paddock.pack.PackIndexRules;
import dev.paddock.pack.Packer;
import dev.paddock.pack.Unpacker;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        String type = bundleType(bundle);
        if (!Files.isDirectory(bundle)) {
            throw CliException.usage("There is no VM bundle at " + bundle + ".");
        }
        String path = manifestPath(request.catalogId(), request.version(), architecture(request.architecture()));
        Packer packer = new Packer(PackIndex.DEFAULT_CHUNK_SIZE, PARALLELISM, PARALLELISM);
        Packer.Result packed = pack(api, packer, bundle, progress);
        try {
            return api.put(path, commitBody(request, type, packed.index()));
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            // Chunks were collected between our question and the commit (a slow push): send them again, once.
            return api.put(
                    path,
                    commitBody(
                            request, type, pack(api, packer, bundle, progress).index()));
        }
    }

    private static Packer.Result pack(PaddockApi api, Packer packer, Path bundle, ProgressReport progress) {
        try {
            Packer.Result result = packer.pack(bundle, chunks(api), progress::update);
            progress.update(result.index().size(), result.index().size());
            progress.finish();
            return result;
        } catch (InvalidPackException e) {
            throw CliException.usage("The bundle cannot be pushed: " + e.getMessage() + ".");
        } catch (IOException e) {
            throw new CliException(
                    ExitCode.FAILURE,
                    "The push of " + bundle + " stopped: " + e.getMessage()
                            + ". Run it again: chunks the catalog already has are not sent again.");
        }
    }

    private static Map<String, Object> commitBody(PushRequest request, String type, PackIndex index) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("description", request.description());
        body.put("tags", request.tags());
        body.put("required_roles", request.requiredRoles());
        body.put("required_claims", request.requiredClaims());
        body.put(
                "minimum_requirements", request.minimumRequirements().isEmpty() ? null : request.minimumRequirements());
        body.put("pack", SNAKE.valueToTree(index));
        return body;
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
        JsonNode descriptor = api.get(manifestPath(catalogId, versionOrTag, architecture(architecture)) + "/download");
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
        return "/api/v1/catalog/" + Paths.segment(catalogId) + "/" + Paths.segment(version) + "/"
                + Paths.segment(architecture);
    }

    /** The architecture as the catalog names it; the usual aliases are accepted. */
    static String architecture(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            throw CliException.usage("Name the image's architecture: --arch arm64 or --arch x86_64.");
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64", "x64" -> "x86_64";
            case "arm64", "aarch64" -> "arm64";
            default -> throw CliException.usage("Architecture '" + raw + "' is not supported; use arm64 or x86_64.");
        };
    }

    private static HttpChunkClient chunks(PaddockApi api) {
        return new HttpChunkClient(URI.create(api.baseUrl()), api::authorizationHeader, api.insecureTls());
    }

    private static String bundleType(Path bundle) {
        String name = bundle.getFileName() == null ? "" : bundle.getFileName().toString();
        if (name.endsWith(".macvm")) {
            return "macvm";
        }
        if (name.endsWith(".pvm")) {
            return "pvm";
        }
        throw CliException.usage("A VM bundle's folder ends in .pvm or .macvm; " + bundle + " does not.");
    }
}
