package dev.paddock.cli.auth;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.api.Session;
import dev.paddock.cli.config.CliContext;
import picocli.CommandLine.Command;

@Command(name = "logout", description = "Forget the current context's token and API key.")
public final class LogoutCommand extends BaseCommand {

    LogoutCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run() {
        Session session = session();
        CliContext context = session.context();
        session.remember(context.loggedOut());
        env.out().println("Logged out of '" + context.name() + "'.");
    }
}
