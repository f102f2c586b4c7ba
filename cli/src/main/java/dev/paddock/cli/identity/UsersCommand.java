package dev.paddock.cli.identity;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.api.Paths;
import dev.paddock.cli.output.Printer.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "users",
        description = "Manage users.",
        subcommands = {
            UsersCommand.ListUsers.class,
            UsersCommand.Get.class,
            UsersCommand.Create.class,
            UsersCommand.Delete.class,
            UsersCommand.Grant.class,
            UsersCommand.Revoke.class
        })
public final class UsersCommand {

    static final List<Column> COLUMNS = List.of(
            Column.field("USERNAME", "username"),
            Column.field("EMAIL", "email"),
            Column.field("ROLES", "roles"),
            Column.field("CLAIMS", "claims"),
            Column.field("ID", "id"));

    @Command(name = "list", aliases = "ls", description = "List users.")
    static final class ListUsers extends BaseCommand {
        ListUsers(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            printer().print(api().get("/api/v1/auth/users"), COLUMNS);
        }
    }

    @Command(name = "get", description = "Show one user (by id or username).")
    static final class Get extends BaseCommand {
        @Parameters(index = "0", description = "Id or username.")
        String user = "";

        Get(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            printer().print(api().get("/api/v1/auth/users/" + Paths.segment(user)), COLUMNS);
        }
    }

    @Command(name = "create", description = "Create a user; the password is read from standard input or prompted.")
    static final class Create extends BaseCommand {
        @Parameters(index = "0", description = "Username.")
        String username = "";

        @Option(names = "--email", required = true, description = "Email address.")
        String email = "";

        @Option(names = "--name", description = "Display name.")
        @Nullable String name;

        @Option(names = "--password-stdin", description = "Read the password from standard input.")
        boolean passwordStdin;

        @Option(names = "--role", description = "Role to grant (repeatable; default USER).")
        List<String> roles = new ArrayList<>();

        @Option(names = "--claim", description = "Claim to grant directly (repeatable).")
        List<String> claims = new ArrayList<>();

        Create(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            String password = passwordStdin ? env.readLine() : env.promptSecret("Password", "--password-stdin");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("username", username);
            body.put("email", email);
            if (name != null) {
                body.put("name", name);
            }
            body.put("password", password);
            body.put("roles", roles);
            body.put("claims", claims);
            printer().print(api().post("/api/v1/auth/users", body), COLUMNS);
        }
    }

    @Command(name = "delete", aliases = "rm", description = "Delete a user and their API keys.")
    static final class Delete extends BaseCommand {
        @Parameters(index = "0", description = "Id or username.")
        String user = "";

        Delete(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            api().delete("/api/v1/auth/users/" + Paths.segment(user));
            env.out().println("Deleted user " + user + ".");
        }
    }

    @Command(name = "grant", description = "Grant a role or a claim to a user.")
    static final class Grant extends BaseCommand {
        @Parameters(index = "0", description = "Id or username.")
        String user = "";

        @Option(names = "--role", description = "Role to grant.")
        @Nullable String role;

        @Option(names = "--claim", description = "Claim to grant.")
        @Nullable String claim;

        Grant(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            Paths.exactlyOne(role, claim, "--role", "--claim");
            String kind = role != null ? "roles" : "claims";
            api().post(
                            "/api/v1/auth/users/" + Paths.segment(user) + "/" + kind,
                            Map.of("name", role != null ? role : claim));
            env.out().println("Granted " + (role != null ? "role " + role : "claim " + claim) + " to " + user + ".");
        }
    }

    @Command(name = "revoke", description = "Take a role or a claim away from a user.")
    static final class Revoke extends BaseCommand {
        @Parameters(index = "0", description = "Id or username.")
        String user = "";

        @Option(names = "--role", description = "Role to take away.")
        @Nullable String role;

        @Option(names = "--claim", description = "Claim to take away.")
        @Nullable String claim;

        Revoke(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            Paths.exactlyOne(role, claim, "--role", "--claim");
            String path = role != null ? "/roles/" + Paths.segment(role) : "/claims/" + Paths.segment(claim);
            api().delete("/api/v1/auth/users/" + Paths.segment(user) + path);
            env.out().println("Revoked " + (role != null ? "role " + role : "claim " + claim) + " from " + user + ".");
        }
    }
}
