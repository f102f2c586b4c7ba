package dev.paddock.cli;

import dev.paddock.cli.api.PaddockApi;
import dev.paddock.cli.api.Session;
import dev.paddock.cli.output.Printer;
import dev.paddock.cli.output.ProgressReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** Base of commands that talk to a server: the global options, the session, the printer. */
public abstract class BaseCommand implements Callable<Integer> {

    protected final CliEnvironment env;

    @Mixin
    protected GlobalOptions global = new GlobalOptions();

    protected BaseCommand(CliEnvironment env) {
        this.env = env;
    }

    protected Session session() {
        return new Session(env.store(), env.variables(), env.clock(), global.context());
    }

    protected PaddockApi api() {
        return session().api();
    }

    /** Progress of a long operation on standard error: a bar on a terminal, plain lines in a log. */
    protected ProgressReport progress(String label, ProgressReport.Unit unit) {
        return new ProgressReport(env.err(), env.interactive(), env.clock(), label, unit);
    }

    protected Printer printer() {
        return new Printer(env.out(), global.output());
    }

    @Override
    public final Integer call() {
        run();
        return exitCode();
    }

    protected abstract void run();

    /** The process exit code after {@link #run} succeeded; commands that relay another's (a guest's) override it. */
    protected int exitCode() {
        return ExitCode.OK.code();
    }
}
