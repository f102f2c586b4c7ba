package dev.paddock.simulator;

import dev.paddock.simulator.host.HostTools;
import dev.paddock.simulator.prlctl.PrlctlTool;
import dev.paddock.simulator.prlsrvctl.PrlsrvctlTool;
import dev.paddock.simulator.state.HostProfile;
import dev.paddock.simulator.state.Ownership;
import dev.paddock.simulator.state.Registry;
import dev.paddock.simulator.state.SimulatorHome;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code bin/prlctl}, {@code bin/prlsrvctl} and the host tools ({@code bin/sysctl}, {@code bin/uname},
 * {@code bin/chown}, {@code bin/prlcopy}): {@code SimulatorMain <tool> args...}.
 * Prints like the real tool, exits with its codes, never with a stack trace.
 */
public final class SimulatorMain {

    private SimulatorMain() {}

    public static void main(String[] args) {
        // bin/simulator tells whether stdout is a terminal: Java cannot, and monitor-events flushes per line only then.
        Invocation invocation = new Invocation(
                System.getenv(),
                Path.of("").toAbsolutePath(),
                new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8),
                Boolean.getBoolean("paddock.sim.stdout.tty"));
        System.exit(run(Arrays.asList(args), invocation));
    }

    /** Runs {@code <tool> args...} for {@code invocation}; returns the exit code. */
    public static int run(List<String> args, Invocation invocation) {
        PrintStream err = invocation.err();
        if (args.isEmpty()) {
            err.println("usage: SimulatorMain <prlctl|prlsrvctl|sysctl|uname|chown|prlcopy> args...");
            return 2;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            SimulatorHome home = SimulatorHome.fromEnvironment(invocation.environment());
            Registry registry = new Registry(home, new Ownership(home, invocation.environment()));
            HostProfile host = HostProfile.load(home, invocation.environment());
            return switch (args.getFirst()) {
                case "prlctl" -> new PrlctlTool(registry, host, invocation).run(rest);
                case "prlsrvctl" -> new PrlsrvctlTool(registry, host, invocation).run(rest);
                case "sysctl" -> new HostTools(registry, host, invocation).sysctl(rest);
                case "uname" -> new HostTools(registry, host, invocation).uname(rest);
                case "chown" -> new HostTools(registry, host, invocation).chown(rest);
                case "prlcopy" -> new HostTools(registry, host, invocation).prlcopy(rest);
                default -> {
                    err.println("unknown tool " + args.getFirst());
                    yield 2;
                }
            };
        } catch (SimulatorFailure failure) {
            err.println(failure.getMessage());
            return failure.exitCode();
        } catch (RuntimeException unexpected) {
            err.println("Failed: " + unexpected.getMessage());
            return 1;
        } finally {
            invocation.out().flush();
            err.flush();
        }
    }
}
