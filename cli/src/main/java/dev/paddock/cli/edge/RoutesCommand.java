package dev.paddock.cli.edge;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.api.Paths;
import dev.paddock.cli.output.Printer;
import dev.paddock.cli.output.Printer.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(
        name = "routes",
        description = "Reverse-proxy routes on the edge: a hostname or a port that reaches a VM.",
        subcommands = {
            RoutesCommand.ListRoutes.class,
            RoutesCommand.Get.class,
            RoutesCommand.Http.class,
            RoutesCommand.Tcp.class,
            RoutesCommand.Delete.class
        })
public final class RoutesCommand {

    static final List<Column> COLUMNS = List.of(
            Column.field("NAME", "name"),
            new Column(
                    "LISTEN",
                    host -> host.path("port").asInt() == 0
                            ? host.path("host").asString()
                            : ":" + host.path("port").asInt()),
            new Column("TARGET", RoutesCommand::target),
            new Column(
                    "ACCESS",
                    host -> host.path("access").path("mode").asString()
                            + (host.path("access").path("required_claims").isEmpty()
                                    ? ""
                                    : " (" + Printer.text(host.path("access").path("required_claims")) + ")")),
            Column.field("ID", "id"));

    private static final String HOSTS = "/api/v1/reverse-proxy/hosts";

    private static String target(JsonNode host) {
        List<String> targets = new ArrayList<>();
        JsonNode tcp = host.path("tcp_route");
        if (!tcp.isMissingNode() && !tcp.isNull()) {
            targets.add("tcp → " + endpoint(tcp));
        }
        host.path("http_routes")
                .forEach(route -> targets.add(
                        route.path("path").asString(route.path("pattern").asString("/")) + " → " + endpoint(route)));
        return String.join("; ", targets);
    }

    private static String endpoint(JsonNode route) {
        String where = route.hasNonNull("target_vm_id")
                ? "vm " + route.path("target_vm_id").asString()
                : route.path("target_host").asString();
        return where + ":" + route.path("target_port").asInt();
    }

    @Command(name = "list", aliases = "ls", description = "List routes.")
    static final class ListRoutes extends BaseCommand {
        ListRoutes(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            printer().print(api().get(HOSTS), COLUMNS);
        }
    }

    @Command(name = "get", description = "Show one route.")
    static final class Get extends BaseCommand {
        @Parameters(index = "0", description = "Route id or name.")
        String name = "";

        Get(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            printer().print(api().get(HOSTS + "/" + Paths.segment(name)), COLUMNS);
        }
    }

    @Command(name = "http", description = "Serve a hostname (on the edge's port) from a VM's web port.")
    static final class Http extends BaseCommand {
        @Parameters(index = "0", description = "Hostname clients use, e.g. shop.vm.example.com.")
        String hostname = "";

        @Option(names = "--vm", required = true, description = "Target VM (id or name).")
        String vm = "";

        @Option(names = "--port", description = "Guest port (default 80).", defaultValue = "80")
        int port = 80;

        @Option(names = "--name", description = "Route name (default: the hostname).")
        @Nullable String name;

        @Option(
                names = "--claim",
                description = "Only callers with a Paddock token holding this claim (repeatable); default public.")
        List<String> claims = new ArrayList<>();

        Http(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (name != null) {
                body.put("name", name);
            }
            body.put("host", hostname);
            body.put("http_routes", List.of(Map.of("target_vm_id", vm, "target_port", port)));
            if (!claims.isEmpty()) {
                body.put("access", Map.of("mode", "authenticated", "required_claims", claims));
            }
            printer().message("Created route " + hostname + " → " + vm + ":" + port + ".", api().post(HOSTS, body));
        }
    }

    @Command(
            name = "tcp",
            description = "Listen on a port of the edge and pipe connections to a VM's port (SSH, VNC…).")
    static final class Tcp extends BaseCommand {
        @Parameters(index = "0", description = "Route name.")
        String name = "";

        @Option(names = "--listen", required = true, description = "Port the edge listens on.")
        int listen;

        @Option(names = "--vm", required = true, description = "Target VM (id or name).")
        String vm = "";

        @Option(names = "--port", required = true, description = "Guest port, e.g. 22.")
        int port;

        Tcp(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            Map<String, Object> body =
                    Map.of("name", name, "port", listen, "tcp_route", Map.of("target_vm_id", vm, "target_port", port));
            printer()
                    .message(
                            "Created route " + name + ": port " + listen + " → " + vm + ":" + port + ".",
                            api().post(HOSTS, body));
        }
    }

    @Command(name = "delete", aliases = "rm", description = "Delete a route (its port closes at once).")
    static final class Delete extends BaseCommand {
        @Parameters(index = "0", description = "Route id or name.")
        String name = "";

        Delete(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            api().delete(HOSTS + "/" + Paths.segment(name));
            env.out().println("Deleted route " + name + ".");
        }
    }
}
