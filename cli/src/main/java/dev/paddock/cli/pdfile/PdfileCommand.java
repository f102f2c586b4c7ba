package dev.paddock.cli.pdfile;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.CliException;
import dev.paddock.cli.api.PaddockApi;
import dev.paddock.cli.api.Paths;
import dev.paddock.cli.fleet.GuestExec;
import dev.paddock.cli.images.ImageTransfer;
import dev.paddock.cli.images.ImagesCommand;
import dev.paddock.cli.jobs.JobFollower;
import dev.paddock.cli.output.ProgressReport;
import dev.paddock.contracts.auth.AuthApi;
import dev.paddock.contracts.catalog.CatalogApi;
import dev.paddock.contracts.fleet.FleetApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code paddock pdfile run|push|pull|list|import FILE}: the reference's Pdfile operations. Flags override what the
 * file says. Without FROM/TO the current context's server and login are used; with them, the file's AUTHENTICATE lines
 * (or else the context's login) authenticate.
 */
@Command(
        name = "pdfile",
        description = "Run a Pdfile: push, pull, list or import images as the file describes.",
        subcommands = {
            PdfileCommand.Run.class,
            PdfileCommand.Push.class,
            PdfileCommand.Pull.class,
            PdfileCommand.ListImages.class,
            PdfileCommand.Import.class
        })
public final class PdfileCommand {

    private static final String MACHINES = FleetApi.MACHINES;

    private PdfileCommand() {}

    /** The file, the flags that override it, and the operations themselves. */
    abstract static class Operation extends BaseCommand {
        @Parameters(index = "0", description = "The Pdfile.")
        Path file = Path.of("");

        @Option(names = "--from", description = "Catalog URL to read from (FROM).")
        @Nullable String from;

        @Option(names = "--to", description = "Catalog URL to push or import to (TO).")
        @Nullable String to;

        @Option(names = "--catalog-id", description = "CATALOG_ID.")
        @Nullable String catalogId;

        @Option(names = "--version", description = "VERSION.")
        @Nullable String version;

        @Option(names = "--architecture", description = "ARCHITECTURE.")
        @Nullable String architecture;

        @Option(names = "--local-path", description = "LOCAL_PATH: the bundle to push.")
        @Nullable String localPath;

        @Option(names = "--destination", description = "DESTINATION: a folder here to pull into.")
        @Nullable String destination;

        @Option(names = "--machine-name", description = "MACHINE_NAME.")
        @Nullable String machineName;

        @Option(names = "--owner", description = "OWNER.")
        @Nullable String owner;

        @Option(names = "--description", description = "DESCRIPTION.")
        @Nullable String description;

        @Option(names = "--tag", split = ",", description = "TAG (adds to the file's).")
        List<String> tags = new ArrayList<>();

        @Option(names = "--role", split = ",", description = "ROLE (adds to the file's).")
        List<String> roles = new ArrayList<>();

        @Option(names = "--claim", split = ",", description = "CLAIM (adds to the file's).")
        List<String> claims = new ArrayList<>();

        @Option(names = "--username", description = "AUTHENTICATE USERNAME.")
        @Nullable String username;

        @Option(names = "--password", description = "AUTHENTICATE PASSWORD.")
        @Nullable String password;

        @Option(names = "--api-key", description = "AUTHENTICATE API_KEY.")
        @Nullable String apiKey;

        @Option(names = "--insecure", description = "INSECURE: skip TLS verification.")
        boolean insecure;

        @Option(names = "--start-after-pull", description = "START_AFTER_PULL.")
        boolean startAfterPull;

        @Option(names = "--timeout", description = "Give up waiting for a VM after this many seconds (default 1800).")
        long timeoutSeconds = 1800;

        private int guestExitCode;
        private final String operation;

        /** @param operation what the subcommand does; {@code run} decides from the file instead */
        Operation(CliEnvironment env, String operation) {
            super(env);
            this.operation = operation;
        }

        @Override
        protected void run() {
            perform(operation);
        }

        @Override
        protected int exitCode() {
            return guestExitCode;
        }

        Pdfile load() {
            String text;
            try {
                text = Files.readString(file);
            } catch (NoSuchFileException e) {
                throw CliException.usage("There is no Pdfile at " + file + ".");
            } catch (IOException e) {
                throw CliException.usage("Cannot read " + file + ": " + e.getMessage());
            }
            Pdfile pdfile = Pdfile.parse(text, env.variables(), file.toString());
            pdfile.from = override(from, pdfile.from);
            pdfile.to = override(to, pdfile.to);
            pdfile.catalogId = override(catalogId, pdfile.catalogId);
            pdfile.version = override(version, pdfile.version);
            pdfile.architecture = override(architecture, pdfile.architecture);
            pdfile.localPath = override(localPath, pdfile.localPath);
            pdfile.destination = override(destination, pdfile.destination);
            pdfile.machineName = override(machineName, pdfile.machineName);
            pdfile.owner = override(owner, pdfile.owner);
            pdfile.description = override(description, pdfile.description);
            pdfile.username = override(username, pdfile.username);
            pdfile.password = override(password, pdfile.password);
            pdfile.apiKey = override(apiKey, pdfile.apiKey);
            pdfile.insecure |= insecure;
            pdfile.startAfterPull |= startAfterPull;
            pdfile.tags.addAll(tags);
            pdfile.roles.addAll(roles);
            pdfile.claims.addAll(claims);
            if (!pdfile.provider.isEmpty() || pdfile.compressPackLevel != null) {
                env.err()
                        .println("paddock: note: PROVIDER and COMPRESS_PACK_LEVEL are not used: the catalog keeps "
                                + "chunks in its own storage, and packs are always zstd-compressed.");
            }
            return pdfile;
        }

        private static @Nullable String override(@Nullable String flag, @Nullable String file) {
            return flag != null ? flag : file;
        }

        /** The server the operation talks to: the file's FROM or TO, else the current context. */
        PaddockApi server(Pdfile pdfile, boolean pushing) {
            String url = pushing ? first(pdfile.to, pdfile.from) : first(pdfile.from, pdfile.to);
            if (url == null) {
                if (pdfile.apiKey != null || pdfile.username != null) {
                    throw CliException.usage(
                            file + " has AUTHENTICATE lines but no FROM or TO: say which server they are for.");
                }
                return api();
            }
            String base = url + apiRoot(pdfile.prefix);
            if (pdfile.apiKey == null && pdfile.username == null) {
                // The context's login goes only to the context's own server, never to one a file names.
                PaddockApi context = api();
                if (!trimmed(context.baseUrl()).equals(trimmed(base))) {
                    throw CliException.usage(file + " names " + url + ", not the server of your context ("
                            + context.baseUrl() + "); add AUTHENTICATE lines (or --username/--api-key) for it, so "
                            + "your login is not sent to another server.");
                }
                return context;
            }
            Map<String, Object> credentials = pdfile.apiKey != null
                    ? Map.of("api_key", pdfile.apiKey)
                    : Map.of(
                            "username", pdfile.username, "password", require(pdfile.password, "AUTHENTICATE PASSWORD"));
            String token = new PaddockApi(base, pdfile.insecure, () -> null)
                    .postAnonymous(AuthApi.TOKEN, credentials)
                    .path("token")
                    .asString();
            return new PaddockApi(base, pdfile.insecure, () -> "Bearer " + token);
        }

        private static String trimmed(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }

        /** PREFIX names where the reference's API lives ({@code /api}); anything before that is part of the URL. */
        private static String apiRoot(@Nullable String prefix) {
            if (prefix == null) {
                return "";
            }
            String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
            return trimmed.endsWith("/api") ? trimmed.substring(0, trimmed.length() - 4) : trimmed;
        }

        private static @Nullable String first(@Nullable String a, @Nullable String b) {
            return a != null ? a : b;
        }

        String require(@Nullable String value, String directive) {
            if (value == null || value.isBlank()) {
                throw CliException.usage(file + " needs " + directive + " (or its flag) for this operation.");
            }
            return value;
        }

        void perform(String operation) {
            Pdfile pdfile = load();
            switch (operation) {
                case "push" -> push(pdfile);
                case "pull" -> pull(pdfile);
                case "list" -> list(pdfile);
                case "import" -> importManifest(pdfile);
                case "import-vm" ->
                    throw CliException.usage("import-vm is not supported: Paddock keeps images as verified packs. "
                            + "Register the VM on a host and push it ('paddock pdfile push' with LOCAL_PATH).");
                default -> throw CliException.usage("Unknown Pdfile operation '" + operation + "'.");
            }
        }

        private void push(Pdfile pdfile) {
            String id = require(pdfile.catalogId, "CATALOG_ID");
            String ver = require(pdfile.version, "VERSION");
            JsonNode manifest = ImageTransfer.push(
                    server(pdfile, true),
                    new ImageTransfer.PushRequest(
                            id,
                            ver,
                            require(pdfile.architecture, "ARCHITECTURE"),
                            Path.of(require(pdfile.localPath, "LOCAL_PATH")),
                            pdfile.description,
                            pdfile.tags,
                            pdfile.roles,
                            pdfile.claims,
                            pdfile.minimumRequirements),
                    progress("push " + id + ":" + ver, ProgressReport.Unit.BYTES));
            printer()
                    .message(
                            "Pushed " + id + ":" + ver + " ("
                                    + manifest.path("architecture").asString() + ").",
                            manifest);
        }

        private void pull(Pdfile pdfile) {
            String id = require(pdfile.catalogId, "CATALOG_ID");
            String ver = pdfile.version == null ? "latest" : pdfile.version;
            String arch = require(pdfile.architecture, "ARCHITECTURE");
            boolean needsFleet = pdfile.startAfterPull || !pdfile.execute.isEmpty() || pdfile.clone != null;
            if (pdfile.destination != null) {
                if (needsFleet) {
                    throw CliException.usage("START_AFTER_PULL, EXECUTE and CLONE need the VM in the fleet: remove "
                            + "DESTINATION to create the VM on a host instead of pulling into a folder here.");
                }
                Path bundle = ImageTransfer.pull(
                        server(pdfile, false),
                        id,
                        ver,
                        arch,
                        Path.of(pdfile.destination),
                        pdfile.machineName,
                        progress("pull " + id + ":" + ver, ProgressReport.Unit.BYTES));
                env.out().println("Pulled " + id + ":" + ver + " into " + bundle);
                return;
            }
            if (pdfile.cloneDestination != null) {
                throw CliException.usage("CLONE_DESTINATION is not supported: the scheduler places clones in the "
                        + "fleet. Remove the line.");
            }
            String name = require(pdfile.machineName, "MACHINE_NAME (or DESTINATION to pull into a folder)");
            PaddockApi api = server(pdfile, false);
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("catalog_id", id);
            manifest.put("version", ver);
            manifest.put("architecture", arch);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("architecture", arch);
            body.put("owner", pdfile.owner);
            body.put("start_on_create", pdfile.startAfterPull || !pdfile.execute.isEmpty());
            body.put("catalog_manifest", manifest);
            createAndWait(api, body, "pull " + id + ":" + ver + " as " + name);
            env.out().println("Created VM " + name + " from " + id + ":" + ver + ".");
            for (String command : pdfile.execute) {
                int code = GuestExec.run(api, name, command, env.out(), env.err());
                if (code != 0) {
                    env.err().println("paddock: EXECUTE " + command + " exited with " + code + ".");
                    guestExitCode = code;
                    return;
                }
            }
            if (pdfile.clone != null) {
                String cloneName = pdfile.clone.isBlank() ? name + "-clone" : pdfile.clone;
                Map<String, Object> clone = new LinkedHashMap<>();
                clone.put("name", cloneName);
                clone.put("clone_of", Map.of("vm", name));
                createAndWait(api, clone, "clone " + name + " as " + cloneName);
                env.out().println("Cloned " + name + " as " + cloneName + ".");
            }
        }

        private void createAndWait(PaddockApi api, Map<String, Object> body, String label) {
            JsonNode job = api.post(MACHINES + "/async", body);
            new JobFollower(api, env.clock())
                    .follow(
                            job.path("id").asString(),
                            progress(label, ProgressReport.Unit.PERCENT),
                            Duration.ofSeconds(timeoutSeconds));
        }

        private void list(Pdfile pdfile) {
            PaddockApi api = server(pdfile, false);
            JsonNode images = pdfile.catalogId == null
                    ? ImagesCommand.flatten(api.get(CatalogApi.CATALOG))
                    : api.get(CatalogApi.catalog(Paths.required(pdfile.catalogId)));
            printer().print(images, ImagesCommand.COLUMNS);
        }

        private void importManifest(Pdfile pdfile) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("catalog_id", require(pdfile.catalogId, "CATALOG_ID"));
            body.put("version", require(pdfile.version, "VERSION"));
            body.put("architecture", require(pdfile.architecture, "ARCHITECTURE"));
            JsonNode imported = server(pdfile, true).put(CatalogApi.IMPORT, body);
            printer()
                    .message(
                            "Imported " + pdfile.catalogId + ":" + pdfile.version + " ("
                                    + imported.path("id").asString() + ").",
                            imported);
        }
    }

    @Command(name = "run", description = "Run the operation the file's RUN (or DO, COMMAND) line names.")
    static final class Run extends Operation {
        @Option(
                names = {"--do", "--run"},
                description = "The operation, overriding RUN.")
        @Nullable String chosenOperation;

        Run(CliEnvironment env) {
            super(env, "run");
        }

        @Override
        protected void run() {
            String chosen = chosenOperation;
            if (chosen == null) {
                chosen = load().operation;
            }
            if (chosen == null) {
                throw CliException.usage(file + " has no RUN line; add 'RUN push' (pull, list, import) or pass --do.");
            }
            perform(chosen);
        }
    }

    @Command(name = "push", description = "Push LOCAL_PATH as CATALOG_ID:VERSION for ARCHITECTURE.")
    static final class Push extends Operation {
        Push(CliEnvironment env) {
            super(env, "push");
        }
    }

    @Command(
            name = "pull",
            description = "Pull into DESTINATION here, or create MACHINE_NAME in the fleet (then START_AFTER_PULL, "
                    + "EXECUTE, CLONE).")
    static final class Pull extends Operation {
        Pull(CliEnvironment env) {
            super(env, "pull");
        }
    }

    @Command(name = "list", description = "List the images of FROM (or of CATALOG_ID only).")
    static final class ListImages extends Operation {
        ListImages(CliEnvironment env) {
            super(env, "list");
        }
    }

    @Command(name = "import", description = "Re-create a manifest from the descriptor its push left in storage.")
    static final class Import extends Operation {
        Import(CliEnvironment env) {
            super(env, "import");
        }
    }
}
