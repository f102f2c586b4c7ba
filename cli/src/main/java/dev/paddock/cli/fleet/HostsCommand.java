package dev.paddock.cli.fleet;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.api.Paths;
import dev.paddock.cli.output.Printer;
import dev.paddock.cli.output.Printer.Column;
import dev.paddock.contracts.fleet.FleetApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "hosts",
        description = "The Macs of the fleet.",
        subcommands = {
            HostsCommand.ListHosts.class,
            HostsCommand.Get.class,
            HostsCommand.Enable.class,
            HostsCommand.Disable.class,
            HostsCommand.Drain.class,
            HostsCommand.Undrain.class,
            HostsCommand.Resources.class,
            HostsCommand.Remove.class,
            HostsCommand.EnrollmentToken.class
        })
public final class HostsCommand {

    static final List<Column> COLUMNS = List.of(
            Column.field("NAME", "name"),
            Column.field("STATE", "state"),
            Column.field("ARCH", "architecture"),
            new Column("ENABLED", host -> Printer.text(host.path("enabled"))),
            new Column("DRAINING", host -> Printer.text(host.path("draining"))),
            new Column(
                    "FREE CPU",
                    host -> Printer.text(host.path("detailed_resources")
                            .path("total_available")
                            .path("logical_cpu_count"))),
            new Column(
                    "FREE MB",
                    host -> Printer.text(host.path("detailed_resources")
                            .path("total_available")
                            .path("memory_size"))),
            Column.field("ID", "id"));

    private static final String HOSTS = FleetApi.HOSTS;

    @Command(name = "list", aliases = "ls", description = "List the hosts.")
    static final class ListHosts extends BaseCommand {
        ListHosts(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            printer().print(api().get(HOSTS), COLUMNS);
        }
    }

    @Command(name = "get", description = "Show one host.")
    static final class Get extends BaseCommand {
        @Parameters(index = "0", description = "Host id or name.")
        String host = "";

        Get(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            printer().print(api().get(HOSTS + "/" + Paths.segment(host)), COLUMNS);
        }
    }

    @Command(name = "enable", description = "Let the scheduler place VMs on a host again.")
    static final class Enable extends PutOperation {
        Enable(CliEnvironment env) {
            super(env, "Host", HOSTS, "enable");
        }
    }

    @Command(name = "disable", description = "Keep the scheduler away from a host.")
    static final class Disable extends PutOperation {
        Disable(CliEnvironment env) {
            super(env, "Host", HOSTS, "disable");
        }
    }

    @Command(name = "drain", description = "Place no new VMs on a host; its running VMs stay.")
    static final class Drain extends PutOperation {
        Drain(CliEnvironment env) {
            super(env, "Host", HOSTS, "drain");
        }
    }

    @Command(name = "undrain", description = "End a drain.")
    static final class Undrain extends PutOperation {
        Undrain(CliEnvironment env) {
            super(env, "Host", HOSTS, "undrain");
        }
    }

    @Command(
            name = "resources",
            description = "Capacity per CPU architecture (total, free, in use, reserved), or of one host.")
    static final class Resources extends BaseCommand {
        @Parameters(index = "0", arity = "0..1", description = "Host id or name (default: the whole fleet).")
        @Nullable String host;

        Resources(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            String path = host == null
                    ? "/api/v1/orchestrator/overview/resources"
                    : "/api/v1/orchestrator/overview/" + Paths.segment(host) + "/resources";
            printer()
                    .print(
                            api().get(path),
                            List.of(
                                    Column.field("ARCH", "cpu_type"),
                                    resource("CPU", "logical_cpu_count"),
                                    resource("MEMORY MB", "memory_size"),
                                    resource("DISK MB", "disk_size")));
        }

        /** "free/total" of one resource, e.g. "6/10". */
        private static Column resource(String header, String field) {
            return new Column(
                    header + " FREE/TOTAL",
                    overview -> Printer.text(overview.path("total_available").path(field)) + "/"
                            + Printer.text(overview.path("total").path(field)));
        }
    }

    @Command(name = "remove", aliases = "rm", description = "Remove a host from the fleet.")
    static final class Remove extends BaseCommand {
        @Parameters(index = "0", description = "Host id or name.")
        String host = "";

        Remove(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            api().delete(HOSTS + "/" + Paths.segment(host));
            env.out().println("Removed host " + host + ".");
        }
    }

    @Command(name = "enrollment-token", description = "A single-use token a new Mac's agent enrolls with.")
    static final class EnrollmentToken extends BaseCommand {
        @Parameters(index = "0", description = "The name the new host will have.")
        String host = "";

        @Option(names = "--ttl-minutes", description = "How long the token stays valid (default 15).")
        @Nullable Integer ttlMinutes;

        EnrollmentToken(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("host_name", host);
            if (ttlMinutes != null) {
                body.put("ttl_minutes", ttlMinutes);
            }
            printer()
                    .print(
                            api().post("/api/v1/orchestrator/enrollment-token", body),
                            List.of(
                                    Column.field("TOKEN", "token"),
                                    Column.field("HOST", "host_name"),
                                    Column.field("EXPIRES", "expires_at")));
        }
    }
}
