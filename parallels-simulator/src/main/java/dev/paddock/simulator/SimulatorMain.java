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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code bin/prlctl}, {@code bin/prlsrvctl} and the host tools ({@code bin/sysctl}, {@code bin/uname},
 * {@code bin/chown}, {@code bin/prlcopy}): {@code SimulatorMain <tool> args...}.
 * Prints like the real tool, exits with its codes, never with a stack trace.
 */
public final class SimulatorMain {

    private SimulatorMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new PrintStream(System.out, true, StandardCharsets.UTF_8)));
    }

    public static int run(String[] args, Map<String, String> environment, PrintStream out) {
        if (args.length == 0) {
            System.err.println("usage: SimulatorMain <prlctl|prlsrvctl|sysctl|uname|chown|prlcopy> args...");
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            SimulatorHome home = SimulatorHome.fromEnvironment(environment);
            Registry registry = new Registry(home, new Ownership(home, environment));
            HostProfile host = HostProfile.load(home, environment);
            return switch (args[0]) {
                case "prlctl" -> new PrlctlTool(registry, host, environment, out).run(rest);
                case "prlsrvctl" -> new PrlsrvctlTool(registry, host, environment, out).run(rest);
                case "sysctl" -> new HostTools(registry, host, out).sysctl(rest);
                case "uname" -> new HostTools(registry, host, out).uname(rest);
                case "chown" -> new HostTools(registry, host, out).chown(rest);
                case "prlcopy" -> new HostTools(registry, host, out).prlcopy(rest);
                default -> {
                    System.err.println("unknown tool " + args[0]);
                    yield 2;
                }
            };
        } catch (SimulatorFailure failure) {
            System.err.println(failure.getMessage());
            return failure.exitCode();
        } catch (RuntimeException unexpected) {
            System.err.println("Failed: " + unexpected.getMessage());
            return 1;
        } finally {
            out.flush();
        }
    }
}
