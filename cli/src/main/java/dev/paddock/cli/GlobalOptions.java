package dev.paddock.cli;

import dev.paddock.cli.output.OutputFormat;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Options every command takes. */
public final class GlobalOptions {

    @Option(names = "--context", description = "Context to use instead of the current one (also PADDOCK_CONTEXT).")
    @Nullable String context;

    @Option(
            names = {"-o", "--output"},
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            defaultValue = "table")
    OutputFormat output = OutputFormat.TABLE;

    public @Nullable String context() {
        return context;
    }

    public OutputFormat output() {
        return output;
    }
}
