package dev.paddock.cli.fleet;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.api.Paths;
import picocli.CommandLine.Parameters;

/** An operation that is a PUT on one named resource: a host's enable, drain…, a VM's start, stop… */
abstract class PutOperation extends BaseCommand {

    @Parameters(index = "0", description = "Id or name.")
    String target = "";

    private final String kind;
    private final String collection;
    private final String operation;

    PutOperation(CliEnvironment env, String kind, String collection, String operation) {
        super(env);
        this.kind = kind;
        this.collection = collection;
        this.operation = operation;
    }

    @Override
    protected void run() {
        api().put(collection + "/" + Paths.segment(target) + "/" + operation, null);
        env.out().println(kind + " " + target + ": " + operation + " done.");
    }
}
