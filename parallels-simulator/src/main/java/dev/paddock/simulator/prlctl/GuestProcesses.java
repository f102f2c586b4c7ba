package dev.paddock.simulator.prlctl;

import dev.paddock.simulator.guest.GuestMain;
import dev.paddock.simulator.state.SimulatorHome;
import dev.paddock.simulator.state.VmRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the process that plays a running VM's guest. It is detached ({@code setsid}) so it outlives the
 * prlctl invocation, as a real VM outlives the command that started it.
 */
final class GuestProcesses {

    private final SimulatorHome home;
    private final Map<String, String> environment;

    GuestProcesses(SimulatorHome home, Map<String, String> environment) {
        this.home = home;
        this.environment = environment;
    }

    boolean isAlive(VmRecord vm) {
        return vm.guestPid > 0
                && ProcessHandle.of(vm.guestPid).map(GuestProcesses::running).orElse(false);
    }

    void start(VmRecord vm) {
        if (isAlive(vm)) {
            return;
        }
        try {
            Path stateDir = Files.createDirectories(home.guestLogs().resolve(vm.uuid));
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                command.add("/usr/bin/setsid");
            }
            command.add(ProcessHandle.current().info().command().orElse("java"));
            // A class data sharing archive of the guest's own (bin/simulator names it): a guest starts an SSH server,
            // and a VM start pays for it.
            String archive = System.getProperty("paddock.sim.guest.archive", "");
            if (!archive.isBlank()) {
                command.add("-XX:+AutoCreateSharedArchive");
                command.add("-XX:SharedArchiveFile=" + archive);
                command.add("-Xlog:cds=off");
                command.add("-Xlog:cds+dynamic=off");
            }
            command.add("-Xmx64m");
            command.add("-XX:+UseSerialGC");
            command.add("-XX:TieredStopAtLevel=1");
            command.add("-Xss256k");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(GuestMain.class.getName());
            command.add(vm.name);
            command.add(vm.ip);
            command.add(environment.getOrDefault("PADDOCK_SIM_GUEST_SSH_PORT", "22"));
            command.add(environment.getOrDefault("PADDOCK_SIM_GUEST_HTTP_PORT", "80"));
            command.add(vm.isMac() ? "macos" : "linux");
            command.add(stateDir.toString());
            ProcessBuilder guest = new ProcessBuilder(command);
            // The guest sees its starter's environment (a resident simulator has its own).
            guest.environment().clear();
            guest.environment().putAll(environment);
            Process process = guest.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            stateDir.resolve("guest.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            vm.guestPid = process.pid();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the guest of " + vm.name, e);
        }
    }

    void stop(VmRecord vm) {
        if (vm.guestPid > 0) {
            ProcessHandle.of(vm.guestPid).ifPresent(process -> {
                process.destroy();
                if (!awaitExit(process, 5_000)) {
                    process.destroyForcibly();
                    // A stopped VM answers nothing any more when prlctl returns, as with Parallels.
                    awaitExit(process, 5_000);
                    // if it is still there, nothing more can be done; the registry says stopped
                }
            });
        }
        vm.guestPid = 0;
    }

    /**
     * Waits until the guest has exited. The guest is not this process's child (setsid, and its starter has exited),
     * so {@link ProcessHandle#onExit()} polls every 300 ms and more, and counts an exited guest as alive until whoever
     * adopted it reaps it (which some init processes do only now and then): polled here every 20 ms, and an exited
     * process (a zombie: no code runs, every socket closed) counts as gone.
     */
    private static boolean awaitExit(ProcessHandle process, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (running(process)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !running(process);
            }
        }
        return true;
    }

    /** Alive and not merely waiting to be reaped (on Linux, state Z or X in /proc/PID/stat). */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String line = new String(Files.readAllBytes(stat), java.nio.charset.StandardCharsets.ISO_8859_1);
            int end = line.lastIndexOf(')');
            if (end < 0 || end + 2 >= line.length()) {
                return true;
            }
            char state = line.charAt(end + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | UncheckedIOException noProc) {
            // No /proc (macOS) or the process is gone between the two looks: trust isAlive.
            return process.isAlive();
        }
    }
}
