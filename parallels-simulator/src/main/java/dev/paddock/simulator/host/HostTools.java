package dev.paddock.simulator.host;

import dev.paddock.simulator.Invocation;
import dev.paddock.simulator.SimulatorFailure;
import dev.paddock.simulator.state.HostProfile;
import dev.paddock.simulator.state.Registry;
import dev.paddock.simulator.state.VmRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host tools of the simulated Mac, run by {@code bin/sysctl}, {@code bin/uname}, {@code bin/chown} and
 * {@code bin/prlcopy}. {@code sysctl -n} answers the names REF reads (hw.memsize in bytes, hw.logicalcpu,
 * hw.physicalcpu, hw.ncpu, machdep.cpu.brand_string) from the host profile; {@code uname -m} the architecture;
 * {@code chown [-R] USER[:GROUP] PATH...} records the owner in {@code owners.properties} without touching real
 * ownership; {@code prlcopy --vm <id> <local> [<remote>]} copies a file into the running VM's folder
 * {@code guests/<uuid>/fs/}.
 */
public final class HostTools {

    private final Registry registry;
    private final HostProfile host;
    private final PrintStream out;
    private final Invocation invocation;

    public HostTools(Registry registry, HostProfile host, Invocation invocation) {
        this.registry = registry;
        this.host = host;
        this.out = invocation.out();
        this.invocation = invocation;
    }

    public int sysctl(List<String> args) {
        boolean valuesOnly = false;
        List<String> names = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("-n")) {
                valuesOnly = true;
            } else if (arg.startsWith("-")) {
                throw SimulatorFailure.usage("usage: sysctl [-n] name ...");
            } else {
                names.add(arg);
            }
        }
        if (names.isEmpty()) {
            throw SimulatorFailure.usage("usage: sysctl [-n] name ...");
        }
        int status = 0;
        for (String name : names) {
            Optional<String> value = host.hardwareReadable() ? value(name) : Optional.empty();
            if (value.isPresent()) {
                out.println(valuesOnly ? value.get() : name + ": " + value.get());
            } else {
                // BSD sysctl's wording; macOS's exact text and status were not found (corpus: silent).
                invocation.err().println("sysctl: unknown oid '" + name + "'");
                status = 1;
            }
        }
        return status;
    }

    private Optional<String> value(String name) {
        return Optional.ofNullable(
                switch (name) {
                    case "hw.memsize" -> String.valueOf(host.memoryMb() * 1024 * 1024);
                    case "hw.logicalcpu", "hw.ncpu", "hw.logicalcpu_max" -> String.valueOf(host.cpus());
                    case "hw.physicalcpu", "hw.physicalcpu_max" -> String.valueOf(host.physicalCpus());
                    case "machdep.cpu.brand_string" -> host.cpuModel();
                    default -> null;
                });
    }

    public int uname(List<String> args) {
        if (!args.equals(List.of("-m"))) {
            throw SimulatorFailure.usage("the simulated uname answers only -m; bin/uname passes the rest to uname");
        }
        out.println(host.architecture());
        return 0;
    }

    public int chown(List<String> args) {
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                rest.add(arg);
            }
        }
        if (rest.size() < 2) {
            throw SimulatorFailure.usage("usage: chown [-R] owner[:group] file ...");
        }
        String owner = rest.getFirst().contains(":")
                ? rest.getFirst().substring(0, rest.getFirst().indexOf(':'))
                : rest.getFirst();
        int status = 0;
        for (String path : rest.subList(1, rest.size())) {
            Path file = invocation.path(path);
            if (!Files.exists(file)) {
                invocation.err().println("chown: " + path + ": No such file or directory");
                status = 1;
            } else {
                registry.ownership().record(file, owner);
            }
        }
        return status;
    }

    public int prlcopy(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        int vmOption = rest.indexOf("--vm");
        if (vmOption < 0 || vmOption + 1 >= rest.size()) {
            throw SimulatorFailure.usage("usage: prlcopy --vm <id> <local> [<remote>]");
        }
        String id = rest.get(vmOption + 1);
        rest.remove(vmOption + 1);
        rest.remove(vmOption);
        if (rest.isEmpty() || rest.size() > 2) {
            throw SimulatorFailure.usage("usage: prlcopy --vm <id> <local> [<remote>]");
        }
        Path local = invocation.path(rest.getFirst());
        if (!Files.exists(local)) {
            throw new SimulatorFailure(1, "Failed to copy: " + local + ": No such file or directory");
        }
        VmRecord vm = registry.locked(false, r -> r.find(id).orElseThrow(SimulatorFailure::notFound));
        if (!vm.isRunning()) {
            // The simulator's own wording: prlcopy's refusals are not evidenced.
            throw new SimulatorFailure(1, "Failed to copy: The virtual machine is not running.");
        }
        String remote = rest.size() == 2 ? rest.get(1) : local.getFileName().toString();
        Path fs = registry.home().guestLogs().resolve(vm.uuid).resolve("fs");
        Path target = fs.resolve(remote.replaceFirst("^/+", "")).normalize();
        if (!target.startsWith(fs)) {
            throw new SimulatorFailure(1, "Failed to copy: " + remote + ": invalid guest path");
        }
        try {
            copy(local, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            try (Stream<Path> paths = Files.walk(from)) {
                for (Path path : paths.toList()) {
                    Path destination = to.resolve(from.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(destination);
                    } else {
                        Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return;
        }
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
