package dev.paddock.cli.identity;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.output.Printer.Column;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
        name = "claims",
        description = "List claims (permissions).",
        subcommands = {ClaimsCommand.ListClaims.class})
public final class ClaimsCommand {

    @Command(name = "list", aliases = "ls", description = "List every claim with its group and resource.")
    static final class ListClaims extends BaseCommand {
        ListClaims(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            printer()
                    .print(
                            api().get("/api/v1/auth/claims"),
                            List.of(
                                    Column.field("NAME", "name"),
                                    Column.field("GROUP", "group"),
                                    Column.field("RESOURCE", "resource"),
                                    Column.field("ACTION", "action")));
        }
    }
}
