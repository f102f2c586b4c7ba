package dev.paddock.cli.fleet;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.CliException;
import dev.paddock.cli.ExitCode;
import dev.paddock.cli.api.PaddockApi;
import dev.paddock.cli.api.Paths;
import dev.paddock.cli.jobs.JobFollower;
import dev.paddock.cli.output.Printer;
import dev.paddock.cli.output.Printer.Column;
import dev.paddock.cli.output.ProgressReport;
import dev.paddock.contracts.fleet.FleetApi;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(
        name = "vm",
        description = "Virtual machines anywhere in the fleet.",
        subcommands = {
            VmsCommand.ListVms.class,
            VmsCommand.Get.class,
            VmsCommand.Create.class,
            VmsCommand.Start.class,
            VmsCommand.Stop.class,
            VmsCommand.Restart.class,
            VmsCommand.Suspend.class,
            VmsCommand.Resume.class,
            VmsCommand.Delete.class,
            VmsCommand.Exec.class,
            VmsCommand.Url.class,
            VmAccess.Tunnel.class,
            VmAccess.Forward.class,
            VmAccess.Open.class,
            VmAccess.Ssh.class,
            SnapshotsCommand.class
        })
public final class VmsCommand {

    static final List<Column> COLUMNS = List.of(
            Column.field("NAME", "Name"),
            Column.field("STATE", "State"),
            Column.field("HOST", "host_name"),
            Column.field("OS", "OS"),
            Column.field("ID", "ID"));

    private static final String MACHINES = FleetApi.MACHINES;

    @Command(name = "list", aliases = "ls", description = "List VMs.")
    static final class ListVms extends BaseCommand {
        @Option(names = "--host", description = "Only the VMs of this host (id or name).")
        @Nullable String host;

        @Option(names = "--state", description = "Only VMs in this state (running, stopped, suspended…).")
        @Nullable String state;

        ListVms(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            String path = host == null ? MACHINES : FleetApi.HOSTS + "/" + Paths.segment(host) + "/machines";
            JsonNode vms = api().get(path);
            if (state != null) {
                vms = Printer.rowsWhere(vms, "State", state);
            }
            printer().print(vms, COLUMNS);
        }
    }

    @Command(name = "get", description = "Show one VM.")
    static final class Get extends BaseCommand {
        @Parameters(index = "0", description = "VM id or name.")
        String vm = "";

        Get(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            printer().print(api().get(MACHINES + "/" + Paths.segment(vm)), COLUMNS);
        }
    }

    @Command(
            name = "create",
            description = "Create a VM on a host the scheduler picks: a copy of a VM, or from a golden image.")
    static final class Create extends BaseCommand {
        @Parameters(index = "0", description = "Name of the new VM.")
        String name = "";

        @Option(names = "--from", description = "Copy this VM (id or name).")
        @Nullable String source;

        @Option(names = "--image", description = "Golden image: catalog id, optionally :version (default latest).")
        @Nullable String image;

        @Option(names = "--arch", description = "arm64 or x86_64.")
        @Nullable String architecture;

        @Option(names = "--cpu", description = "CPUs.")
        @Nullable Integer cpu;

        @Option(names = "--memory", description = "Memory in MB.")
        @Nullable Integer memory;

        @Option(names = "--start", description = "Start the VM once created.")
        boolean start;

        @Option(
                names = "--host-tag",
                split = ",",
                description = "Only hosts with at least one of these tags may take the VM (e.g. xcode16,m2).")
        List<String> hostTags = new ArrayList<>();

        @Option(names = "--timeout", description = "Give up waiting after this many seconds (default 1800).")
        long timeoutSeconds = 1800;

        Create(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            Paths.exactlyOne(source, image, "--from", "--image");
            Map<String, Object> specs = new LinkedHashMap<>();
            if (cpu != null) {
                specs.put("cpu", cpu);
            }
            if (memory != null) {
                specs.put("memory", memory);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            if (architecture != null) {
                body.put("architecture", architecture);
            }
            body.put("start_on_create", start);
            if (!hostTags.isEmpty()) {
                body.put("selection_tags", hostTags);
            }
            if (source != null) {
                Map<String, Object> cloneOf = new LinkedHashMap<>(specs);
                cloneOf.put("vm", source);
                body.put("clone_of", cloneOf);
            } else {
                int colon = image.indexOf(':');
                Map<String, Object> manifest = new LinkedHashMap<>();
                manifest.put("catalog_id", colon < 0 ? image : image.substring(0, colon));
                manifest.put("version", colon < 0 ? "latest" : image.substring(colon + 1));
                if (!specs.isEmpty()) {
                    Map<String, Object> asText = new LinkedHashMap<>();
                    specs.forEach((key, value) -> asText.put(key, String.valueOf(value)));
                    manifest.put("specs", asText);
                }
                body.put("catalog_manifest", manifest);
            }
            // Created as a job so a long pull from the catalog shows its progress instead of a silent wait.
            PaddockApi api = api();
            JsonNode job = api.post(MACHINES + "/async", body);
            JsonNode done = new JobFollower(api, env.clock())
                    .follow(
                            job.path("id").asString(),
                            progress("create " + name, ProgressReport.Unit.PERCENT),
                            Duration.ofSeconds(timeoutSeconds));
            printer().message("Created VM " + name + " on " + hostOf(done) + ".", done);
        }

        /** The job's result is the orchestrator's {@code Created}: the VM and the host it went to. */
        private static String hostOf(JsonNode job) {
            return job.path("result").path("host").asString("its host");
        }
    }

    @Command(name = "start", description = "Start a VM.")
    static final class Start extends PutOperation {
        Start(CliEnvironment env) {
            super(env, "VM", MACHINES, "start");
        }
    }

    @Command(name = "stop", description = "Stop a VM.")
    static final class Stop extends PutOperation {
        Stop(CliEnvironment env) {
            super(env, "VM", MACHINES, "stop");
        }
    }

    @Command(name = "restart", description = "Restart a VM.")
    static final class Restart extends PutOperation {
        Restart(CliEnvironment env) {
            super(env, "VM", MACHINES, "restart");
        }
    }

    @Command(name = "suspend", description = "Suspend a VM.")
    static final class Suspend extends PutOperation {
        Suspend(CliEnvironment env) {
            super(env, "VM", MACHINES, "suspend");
        }
    }

    @Command(name = "resume", description = "Resume a suspended VM.")
    static final class Resume extends PutOperation {
        Resume(CliEnvironment env) {
            super(env, "VM", MACHINES, "resume");
        }
    }

    @Command(name = "delete", aliases = "rm", description = "Delete a VM and its files.")
    static final class Delete extends BaseCommand {
        @Parameters(index = "0", description = "VM id or name.")
        String vm = "";

        Delete(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            api().delete(MACHINES + "/" + Paths.segment(vm));
            env.out().println("Deleted VM " + vm + ".");
        }
    }

    @Command(
            name = "exec",
            description = "Run a command in a VM; prints its output as it comes and exits with its exit code.",
            usageHelpAutoWidth = true)
    static final class Exec extends BaseCommand {
        @Parameters(index = "0", description = "VM id or name.")
        String vm = "";

        @Parameters(index = "1..*", arity = "1..*", description = "The command and its arguments (after --).")
        List<String> command = new ArrayList<>();

        private int guestExitCode;

        Exec(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            // Streamed: a build's log appears while it runs, each line as the guest writes it.
            guestExitCode = GuestExec.run(api(), vm, String.join(" ", command), env.out(), env.err());
        }

        @Override
        protected int exitCode() {
            return guestExitCode;
        }
    }

    @Command(name = "url", description = "The address of a VM's web port through the edge.")
    static final class Url extends BaseCommand {
        @Parameters(index = "0", description = "VM name or id.")
        String vm = "";

        @Option(names = "--port", description = "Guest port (default 80).", defaultValue = "80")
        int port = 80;

        Url(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            String domain = api().get("/api/v1/reverse-proxy").path("vm_domain").asString("");
            if (domain.isEmpty()) {
                throw new CliException(ExitCode.FAILURE, "The edge did not say which domain VMs are named under.");
            }
            URI base = URI.create(api().baseUrl());
            String label = vm.toLowerCase(Locale.ROOT) + (port == 80 ? "" : "--" + port);
            String authority = label + "." + domain + (base.getPort() < 0 ? "" : ":" + base.getPort());
            env.out().println(base.getScheme() + "://" + authority + "/");
        }
    }
}
