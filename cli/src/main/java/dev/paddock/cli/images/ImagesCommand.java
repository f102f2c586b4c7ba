package dev.paddock.cli.images;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.CliException;
import dev.paddock.cli.api.PaddockApi;
import dev.paddock.cli.api.Paths;
import dev.paddock.cli.output.Printer;
import dev.paddock.cli.output.Printer.Column;
import dev.paddock.cli.output.ProgressReport;
import dev.paddock.contracts.catalog.CatalogApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

@Command(
        name = "images",
        aliases = "image",
        description = "Golden images in the catalog: list, push a bundle, pull, tag, taint, revoke, delete.",
        subcommands = {
            ImagesCommand.ListImages.class,
            ImagesCommand.Get.class,
            ImagesCommand.Push.class,
            ImagesCommand.Pull.class,
            ImagesCommand.Tag.class,
            ImagesCommand.Untag.class,
            ImagesCommand.Taint.class,
            ImagesCommand.Untaint.class,
            ImagesCommand.Revoke.class,
            ImagesCommand.Delete.class
        })
public final class ImagesCommand {

    public static final List<Column> COLUMNS = List.of(
            Column.field("IMAGE", "catalog_id"),
            Column.field("VERSION", "version"),
            Column.field("ARCH", "architecture"),
            Column.field("TAGS", "tags"),
            new Column("SIZE", image -> ProgressReport.size(image.path("size").asLong())),
            new Column("STATE", ImagesCommand::state),
            Column.field("PULLS", "download_count"));

    private ImagesCommand() {}

    static String state(JsonNode image) {
        if (image.path("revoked").asBoolean()) {
            return "revoked";
        }
        return image.path("tainted").asBoolean() ? "tainted" : "ok";
    }

    /** The reference answers {@code [{"<catalog id>": [manifest...]}, ...]}: one row a manifest is easier to read. */
    public static JsonNode flatten(JsonNode grouped) {
        ArrayNode rows = PaddockApi.JSON.createArrayNode();
        grouped.forEach(
                group -> group.properties().forEach(entry -> entry.getValue().forEach(rows::add)));
        return rows;
    }

    @Command(name = "list", aliases = "ls", description = "List the images you may see.")
    static final class ListImages extends BaseCommand {
        ListImages(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            printer().print(flatten(api().get(CatalogApi.CATALOG)), COLUMNS);
        }
    }

    @Command(name = "get", description = "Show every version and architecture of one image.")
    static final class Get extends BaseCommand {
        @Parameters(index = "0", description = "Catalog id.")
        String image = "";

        Get(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            printer().print(api().get(CatalogApi.catalog(Paths.required(image))), COLUMNS);
        }
    }

    @Command(
            name = "push",
            description = "Push a VM bundle (.pvm or .macvm folder) on this machine as ID:VERSION. Only chunks the "
                    + "catalog lacks are sent; run an interrupted push again to resume it.")
    static final class Push extends BaseCommand {
        @Parameters(index = "0", description = "The bundle folder.")
        Path bundle = Path.of(".");

        @Parameters(index = "1", description = "ID:VERSION, e.g. macos:15.1.")
        String image = "";

        @Option(names = "--arch", required = true, description = "arm64 or x86_64.")
        String architecture = "";

        @Option(names = "--description", description = "What the image is for.")
        @Nullable String description;

        @Option(names = "--tag", split = ",", description = "Tags besides 'latest' (repeatable or comma-separated).")
        List<String> tags = new ArrayList<>();

        @Option(names = "--role", split = ",", description = "Roles a caller needs to see the image.")
        List<String> roles = new ArrayList<>();

        @Option(names = "--claim", split = ",", description = "Claims a caller needs to see the image.")
        List<String> claims = new ArrayList<>();

        Push(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            Reference reference = Reference.parse(image, true);
            JsonNode manifest = ImageTransfer.push(
                    api(),
                    new ImageTransfer.PushRequest(
                            reference.id(),
                            reference.version(),
                            architecture,
                            bundle,
                            description,
                            tags,
                            roles,
                            claims,
                            Map.of()),
                    progress("push " + reference, ProgressReport.Unit.BYTES));
            printer()
                    .message(
                            "Pushed " + reference + " ("
                                    + manifest.path("architecture").asString() + ", "
                                    + manifest.path("chunk_count").asInt() + " chunks).",
                            manifest);
        }
    }

    @Command(name = "pull", description = "Pull an image into a folder on this machine; every chunk is verified.")
    static final class Pull extends BaseCommand {
        @Parameters(index = "0", description = "ID[:VERSION or tag], default tag latest.")
        String image = "";

        @Option(names = "--arch", required = true, description = "arm64 or x86_64.")
        String architecture = "";

        @Option(names = "--to", description = "Folder to write the bundle into (default: the current folder).")
        Path destination = Path.of(".");

        @Option(names = "--name", description = "The bundle's name (default ID-VERSION).")
        @Nullable String name;

        Pull(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            Reference reference = Reference.parse(image, false);
            Path bundle = ImageTransfer.pull(
                    api(),
                    reference.id(),
                    reference.version(),
                    architecture,
                    destination,
                    name,
                    progress("pull " + reference, ProgressReport.Unit.BYTES));
            env.out().println("Pulled " + reference + " into " + bundle);
        }
    }

    /** An image named on the command line plus its architecture: tag, untag, taint, untaint, revoke. */
    abstract static class OnVersion extends BaseCommand {
        @Parameters(index = "0", description = "ID:VERSION (or ID:tag).")
        String image = "";

        @Option(names = "--arch", required = true, description = "arm64 or x86_64.")
        String architecture = "";

        OnVersion(CliEnvironment env) {
            super(env);
        }

        String path() {
            Reference reference = Reference.parse(image, true);
            return ImageTransfer.manifestPath(
                    reference.id(), reference.version(), ImageTransfer.architecture(architecture));
        }

        void show(String message, JsonNode manifest) {
            printer()
                    .message(
                            message + " " + Printer.text(manifest.path("catalog_id")) + ":"
                                    + Printer.text(manifest.path("version")) + " (tags: "
                                    + Printer.text(manifest.path("tags"))
                                    + "; " + state(manifest) + ").",
                            manifest);
        }
    }

    @Command(name = "tag", description = "Add tags to a version; a tag moves from the version that had it.")
    static final class Tag extends OnVersion {
        @Parameters(index = "1..*", arity = "1..*", description = "Tags.")
        List<String> tags = new ArrayList<>();

        Tag(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            show("Tagged", api().patch(path() + "/tags", Map.of("tags", tags)));
        }
    }

    @Command(name = "untag", description = "Remove tags from a version.")
    static final class Untag extends OnVersion {
        @Parameters(index = "1..*", arity = "1..*", description = "Tags.")
        List<String> tags = new ArrayList<>();

        Untag(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            show("Untagged", api().send("DELETE", path() + "/tags", Map.of("tags", tags)));
        }
    }

    @Command(name = "taint", description = "Mark a version do-not-use: pulls are refused until untainted.")
    static final class Taint extends OnVersion {
        Taint(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            show("Tainted", api().patch(path() + "/taint", null));
        }
    }

    @Command(name = "untaint", description = "Lift a taint.")
    static final class Untaint extends OnVersion {
        Untaint(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            show("Untainted", api().patch(path() + "/untaint", null));
        }
    }

    @Command(name = "revoke", description = "Revoke a version for good: pulls are refused.")
    static final class Revoke extends OnVersion {
        Revoke(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            show("Revoked", api().patch(path() + "/revoke", null));
        }
    }

    @Command(name = "delete", description = "Delete an image: every version, one version, or one architecture.")
    static final class Delete extends BaseCommand {
        @Parameters(index = "0", description = "ID, ID:VERSION.")
        String image = "";

        @Option(names = "--arch", description = "Only this architecture of the version.")
        @Nullable String architecture;

        Delete(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            Reference reference = Reference.parse(image, false);
            String path = CatalogApi.catalog(reference.id());
            if (image.contains(":")) {
                path = architecture == null
                        ? CatalogApi.version(reference.id(), reference.version())
                        : ImageTransfer.manifestPath(
                                reference.id(), reference.version(), ImageTransfer.architecture(architecture));
            }
            api().delete(path);
            env.out().println("Deleted " + image + (architecture == null ? "" : " (" + architecture + ")") + ".");
        }
    }

    /** {@code ID[:VERSION]} as typed. */
    record Reference(String id, String version) {

        static Reference parse(String typed, boolean versionRequired) {
            int colon = typed.indexOf(':');
            if (colon < 0 && versionRequired) {
                throw CliException.usage("Name the version as ID:VERSION, e.g. macos:15.1; got '" + typed + "'.");
            }
            String id = colon < 0 ? typed : typed.substring(0, colon);
            String version = colon < 0 ? "latest" : typed.substring(colon + 1);
            if (id.isBlank() || version.isBlank()) {
                throw CliException.usage("'" + typed + "' is not ID:VERSION.");
            }
            return new Reference(id, version);
        }

        @Override
        public String toString() {
            return id + ":" + version;
        }
    }
}
