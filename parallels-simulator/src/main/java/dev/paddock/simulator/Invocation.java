package dev.paddock.simulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * One call of a simulated tool as its caller made it: the caller's environment and working directory, where its
 * stdout and stderr go, and whether stdout is a terminal. A call is either its own JVM ({@link SimulatorMain#main}) or
 * a request to the resident simulator ({@code server}); the tools read the caller only from here, so both behave
 * alike.
 */
public record Invocation(
        Map<String, String> environment, Path workingDirectory, PrintStream out, PrintStream err, boolean terminal) {

    /** A path the caller named, as the caller's shell would resolve it. */
    public Path path(String given) {
        return workingDirectory.resolve(given).toAbsolutePath().normalize();
    }
}
