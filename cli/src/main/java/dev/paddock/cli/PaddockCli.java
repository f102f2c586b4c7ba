package dev.paddock.cli;

import dev.paddock.cli.auth.LoginCommand;
import dev.paddock.cli.auth.LogoutCommand;
import dev.paddock.cli.auth.WhoamiCommand;
import dev.paddock.cli.context.ContextCommand;
import dev.paddock.cli.edge.RoutesCommand;
import dev.paddock.cli.events.EventsCommand;
import dev.paddock.cli.fleet.HostsCommand;
import dev.paddock.cli.fleet.VmsCommand;
import dev.paddock.cli.identity.ApiKeysCommand;
import dev.paddock.cli.identity.ClaimsCommand;
import dev.paddock.cli.identity.RolesCommand;
import dev.paddock.cli.identity.UsersCommand;
import dev.paddock.cli.images.ImagesCommand;
import dev.paddock.cli.jobs.JobsCommand;
import dev.paddock.cli.pdfile.PdfileCommand;
import java.lang.reflect.Constructor;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code paddock}: the root command. */
@Command(
        name = "paddock",
        mixinStandardHelpOptions = true,
        version = "paddock 0.1.0",
        description = "Runs a fleet of Macs with Parallels Desktop as one pool of CI virtual machines.",
        subcommands = {
            ContextCommand.class,
            LoginCommand.class,
            LogoutCommand.class,
            WhoamiCommand.class,
            UsersCommand.class,
            RolesCommand.class,
            ClaimsCommand.class,
            ApiKeysCommand.class,
            HostsCommand.class,
            VmsCommand.class,
            RoutesCommand.class,
            ImagesCommand.class,
            PdfileCommand.class,
            JobsCommand.class,
            EventsCommand.class,
            GenerateCompletion.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 success, 1 server refused or failed, 2 bad usage or input, 3 not logged in,",
            "  4 forbidden, 5 not found, 6 conflict with current state, 7 server unreachable.",
            "Environment: PADDOCK_URL, PADDOCK_TOKEN, PADDOCK_API_KEY, PADDOCK_CONTEXT, PADDOCK_CONFIG."
        })
public final class PaddockCli {

    public static void main(String[] args) {
        System.exit(run(CliEnvironment.system(), args));
    }

    /** Runs one command line; what tests call. */
    public static int run(CliEnvironment env, String... args) {
        CommandLine commandLine = new CommandLine(new PaddockCli(), new Factory(env))
                .setOut(env.out())
                .setErr(env.err())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((exception, cmd, parsed) -> {
                    if (exception instanceof CliException failure) {
                        env.err().println("paddock: " + failure.getMessage());
                        env.err().flush();
                        return failure.exitCode().code();
                    }
                    env.err().println("paddock: unexpected error: " + exception);
                    env.err().flush();
                    return ExitCode.FAILURE.code();
                });
        commandLine
                .getSubcommands()
                .get("generate-completion")
                .getCommandSpec()
                .usageMessage()
                .hidden(true);
        return commandLine.execute(args);
    }

    /** Builds commands, handing the environment to those whose constructor takes it. */
    private record Factory(CliEnvironment env) implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> withEnvironment = type.getDeclaredConstructor(CliEnvironment.class);
                withEnvironment.setAccessible(true);
                return withEnvironment.newInstance(env);
            } catch (NoSuchMethodException plain) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
