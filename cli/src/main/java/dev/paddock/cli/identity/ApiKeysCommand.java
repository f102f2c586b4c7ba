package dev.paddock.cli.identity;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.CliException;
import dev.paddock.cli.api.Paths;
import dev.paddock.cli.output.OutputFormat;
import dev.paddock.cli.output.Printer.Column;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(
        name = "api-keys",
        description = "Manage API keys (they act with their owner's claims).",
        subcommands = {
            ApiKeysCommand.ListKeys.class,
            ApiKeysCommand.Create.class,
            ApiKeysCommand.Revoke.class,
            ApiKeysCommand.Delete.class
        })
public final class ApiKeysCommand {

    static final List<Column> COLUMNS = List.of(
            Column.field("NAME", "name"),
            Column.field("KEY", "key"),
            Column.field("OWNER", "user_username"),
            Column.field("REVOKED", "revoked"),
            Column.field("EXPIRES", "expires_at"),
            Column.field("LAST USED", "last_used_at"),
            Column.field("ID", "id"));

    @Command(name = "list", aliases = "ls", description = "List the API keys you can see.")
    static final class ListKeys extends BaseCommand {
        ListKeys(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            printer().print(api().get("/api/v1/auth/api_keys"), COLUMNS);
        }
    }

    @Command(name = "create", description = "Create an API key and print it once (it cannot be shown again).")
    static final class Create extends BaseCommand {
        @Parameters(index = "0", description = "A name for the key, e.g. ci-pipeline.")
        String name = "";

        @Option(names = "--user", description = "Owner's user id (default: you).")
        @Nullable String user;

        @Option(names = "--expires-in", description = "Lifetime as an ISO-8601 duration, e.g. P30D or PT12H.")
        @Nullable String expiresIn;

        Create(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            if (user != null) {
                body.put("user_id", user);
            }
            if (expiresIn != null) {
                try {
                    body.put(
                            "expires_at",
                            env.clock()
                                    .instant()
                                    .plus(Duration.parse(expiresIn))
                                    .toString());
                } catch (DateTimeParseException e) {
                    throw CliException.usage(
                            "--expires-in must be an ISO-8601 duration such as P30D, got: " + expiresIn);
                }
            }
            JsonNode created = api().post("/api/v1/auth/api_keys", body);
            if (global.output() == OutputFormat.TABLE) {
                env.out()
                        .println("Created API key " + created.path("name").asString() + " ("
                                + created.path("key").asString() + ").");
                env.out()
                        .println(
                                "Use it as the X-Api-Key header or with 'paddock login --api-key-stdin'; it is shown only now:");
                env.out().println(created.path("encoded").asString());
            } else {
                printer().print(created, COLUMNS);
            }
        }
    }

    @Command(name = "revoke", description = "Revoke an API key (it stops working at once).")
    static final class Revoke extends BaseCommand {
        @Parameters(index = "0", description = "Id, key or name.")
        String key = "";

        Revoke(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            api().put("/api/v1/auth/api_keys/" + Paths.segment(key) + "/revoke", null);
            env.out().println("Revoked API key " + key + ".");
        }
    }

    @Command(name = "delete", aliases = "rm", description = "Delete an API key.")
    static final class Delete extends BaseCommand {
        @Parameters(index = "0", description = "Id, key or name.")
        String key = "";

        Delete(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            api().delete("/api/v1/auth/api_keys/" + Paths.segment(key));
            env.out().println("Deleted API key " + key + ".");
        }
    }
}
