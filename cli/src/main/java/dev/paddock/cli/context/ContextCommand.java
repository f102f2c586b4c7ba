package dev.paddock.cli.context;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.CliException;
import dev.paddock.cli.api.PaddockApi;
import dev.paddock.cli.config.CliConfig;
import dev.paddock.cli.config.CliContext;
import dev.paddock.cli.config.ConfigStore;
import dev.paddock.cli.output.Printer.Column;
import java.net.URI;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;

@Command(
        name = "context",
        description = "Manage the servers paddock talks to (kept in ~/.paddock/config).",
        subcommands = {
            ContextCommand.Add.class,
            ContextCommand.Use.class,
            ContextCommand.ListContexts.class,
            ContextCommand.Remove.class
        })
public final class ContextCommand {

    @Command(name = "add", description = "Add (or update) a context and make it current if it is the first.")
    static final class Add extends BaseCommand {

        @Parameters(index = "0", description = "Name of the context, e.g. local or prod.")
        String name = "";

        @Option(
                names = "--url",
                required = true,
                description = "Base URL of the Paddock edge, e.g. http://localhost:8080.")
        String url = "";

        @Option(names = "--insecure", description = "Accept any TLS certificate (test servers only).")
        boolean insecure;

        @Option(names = "--use", description = "Also make it the current context.")
        boolean use;

        Add(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            URI parsed;
            try {
                parsed = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--url is not a URL: " + url);
            }
            if (parsed.getScheme() == null
                    || !List.of("http", "https").contains(parsed.getScheme())
                    || parsed.getHost() == null) {
                throw CliException.usage("--url must be an http(s) URL such as http://localhost:8080, got: " + url);
            }
            ConfigStore store = env.store();
            CliConfig config = store.load();
            CliContext context = config.find(name)
                    .map(existing -> existing.withUrl(url, insecure))
                    .orElse(new CliContext(name, url, null, null, null, null, insecure));
            config = config.with(context);
            if (use) {
                config = config.using(name);
            }
            store.save(config);
            env.out()
                    .println("Context '" + name + "' → " + url
                            + (name.equals(config.currentContext()) ? " (current)" : ""));
        }
    }

    @Command(name = "use", description = "Make a context the current one.")
    static final class Use extends BaseCommand {

        @Parameters(index = "0", description = "Name of the context.")
        String name = "";

        Use(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            CliConfig config = env.store().load();
            if (config.find(name).isEmpty()) {
                throw CliException.usage(
                        "No context named '" + name + "'; 'paddock context list' shows the known ones.");
            }
            env.store().save(config.using(name));
            env.out().println("Now using context '" + name + "'.");
        }
    }

    @Command(name = "list", aliases = "ls", description = "List contexts; * marks the current one.")
    static final class ListContexts extends BaseCommand {

        ListContexts(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            CliConfig config = env.store().load();
            ArrayNode rows = PaddockApi.JSON.createArrayNode();
            for (CliContext context : config.contexts()) {
                rows.addObject()
                        .put("current", context.name().equals(config.currentContext()) ? "*" : "")
                        .put("name", context.name())
                        .put("url", context.url())
                        .put("user", context.username() == null ? "" : context.username())
                        .put("logged_in", context.token() != null || context.apiKey() != null);
            }
            printer()
                    .print(
                            rows,
                            List.of(
                                    Column.field("", "current"),
                                    Column.field("NAME", "name"),
                                    Column.field("URL", "url"),
                                    Column.field("USER", "user"),
                                    Column.field("LOGGED IN", "logged_in")));
        }
    }

    @Command(name = "remove", aliases = "rm", description = "Forget a context and its credentials.")
    static final class Remove extends BaseCommand {

        @Parameters(index = "0", description = "Name of the context.")
        String name = "";

        Remove(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            CliConfig config = env.store().load();
            if (config.find(name).isEmpty()) {
                throw CliException.usage("No context named '" + name + "'.");
            }
            env.store().save(config.without(name));
            env.out().println("Removed context '" + name + "'.");
        }
    }
}
