package dev.paddock.simulator.prlctl;

import dev.paddock.simulator.Invocation;
import dev.paddock.simulator.SimulatorFailure;
import dev.paddock.simulator.guest.GuestCommands;
import dev.paddock.simulator.state.Registry;
import dev.paddock.simulator.state.VmRecord;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code prlctl exec <vm> [--without-shell] [--current-user] [--user U [--password P]] <command...>}. As OVZ's man
 * page says, the command runs through the guest's shell ({@code bash -c} on Linux, {@code cmd /c} on Windows — both
 * played by the mini shell of {@link GuestCommands}): the arguments are joined with single spaces into one shell line,
 * so REF's single quoted argument works as a shell line. With {@code --without-shell} the arguments are an argv. The
 * guest command's exit status is prlctl's. Options come after the VM and before the command.
 */
final class ExecCommand {

    private final Registry registry;
    private final PrintStream out;
    private final PrintStream err;

    ExecCommand(Registry registry, Invocation invocation) {
        this.registry = registry;
        this.out = invocation.out();
        this.err = invocation.err();
    }

    int run(List<String> args) {
        if (args.isEmpty()) {
            throw usage();
        }
        String id = args.getFirst();
        boolean withoutShell = false;
        String user = null;
        int i = 1;
        while (i < args.size() && args.get(i).startsWith("--")) {
            String option = args.get(i++);
            switch (option) {
                case "--without-shell" -> withoutShell = true;
                case "--current-user" -> user = registry.ownership().actingUser();
                case "--user", "--password" -> {
                    if (i >= args.size()) {
                        throw SimulatorFailure.usage("Option " + option + " needs a value.");
                    }
                    String value = args.get(i++);
                    if (option.equals("--user")) {
                        user = value;
                    }
                }
                default -> throw SimulatorFailure.usage("Unrecognized exec option: " + option);
            }
        }
        List<String> command = new ArrayList<>(args.subList(i, args.size()));
        if (command.isEmpty()) {
            throw usage();
        }
        VmRecord vm = registry.locked(false, r -> r.find(id).orElseThrow(SimulatorFailure::notFound));
        if (!vm.isRunning()) {
            throw new SimulatorFailure(1, "Failed to execute the command: The virtual machine is not running.");
        }
        String as = user == null ? "root" : user;
        Map<String, String> environment = Map.of("HOME", home(vm, as), "USER", as);
        GuestCommands guest = new GuestCommands(vm.name, vm.ip, vm.isMac());
        // Each command's output is passed on when it is done, as a real guest's arrives while the line still runs.
        Consumer<GuestCommands.Result> progress = done -> {
            out.print(done.stdout());
            out.flush();
            if (!done.stderr().isEmpty()) {
                err.print(done.stderr());
                err.flush();
            }
        };
        GuestCommands.Result result = withoutShell
                ? guest.run(command, as, environment, progress)
                : guest.shell(String.join(" ", command), as, environment, progress);
        return result.exitCode();
    }

    private static String home(VmRecord vm, String user) {
        if (user.equals("root")) {
            return vm.isMac() ? "/var/root" : "/root";
        }
        return (vm.isMac() ? "/Users/" : "/home/") + user;
    }

    private static SimulatorFailure usage() {
        return SimulatorFailure.usage(
                "Usage: prlctl exec <ID | NAME> [--without-shell] [--current-user] [--user <name> [--password <pw>]]"
                        + " <command> [arg ...]");
    }
}
