package dev.paddock.cli.identity;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.api.Paths;
import dev.paddock.cli.output.Printer.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "roles",
        description = "Manage roles (bundles of claims).",
        subcommands = {RolesCommand.ListRoles.class, RolesCommand.Create.class, RolesCommand.Delete.class})
public final class RolesCommand {

    static final List<Column> COLUMNS = List.of(
            Column.field("NAME", "name"),
            new Column("CLAIMS", role -> String.valueOf(role.path("claims").size())),
            Column.field("DESCRIPTION", "description"),
            Column.field("ID", "id"));

    @Command(name = "list", aliases = "ls", description = "List roles.")
    static final class ListRoles extends BaseCommand {
        ListRoles(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            printer().print(api().get("/api/v1/auth/roles"), COLUMNS);
        }
    }

    @Command(name = "create", description = "Create a role.")
    static final class Create extends BaseCommand {
        @Parameters(index = "0", description = "Role name.")
        String name = "";

        @Option(names = "--claim", description = "Claim the role grants (repeatable).")
        List<String> claims = new ArrayList<>();

        Create(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            printer().print(api().post("/api/v1/auth/roles", Map.of("name", name, "claims", claims)), COLUMNS);
        }
    }

    @Command(name = "delete", aliases = "rm", description = "Delete a role.")
    static final class Delete extends BaseCommand {
        @Parameters(index = "0", description = "Id or name.")
        String role = "";

        Delete(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            api().delete("/api/v1/auth/roles/" + Paths.segment(role));
            env.out().println("Deleted role " + role + ".");
        }
    }
}
