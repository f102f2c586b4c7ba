package dev.paddock.cli.auth;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.output.Printer.Column;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "whoami", description = "Show who the current session is, with roles and effective claims.")
public final class WhoamiCommand extends BaseCommand {

    WhoamiCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run() {
        printer()
                .print(
                        api().get("/api/v1/auth/me"),
                        List.of(
                                Column.field("USERNAME", "username"),
                                Column.field("EMAIL", "email"),
                                Column.field("ROLES", "roles"),
                                new Column(
                                        "CLAIMS",
                                        user -> String.valueOf(
                                                user.path("effective_claims").size()))));
    }
}
