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
                && ProcessHandle.of(vm.guestPid).map(ProcessHandle::isAlive).orElse(false);
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
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
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
                try {
                    process.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception notYet) {
                    process.destroyForcibly();
                    // A stopped VM answers nothing any more when prlctl returns, as with Parallels.
                    try {
                        process.onExit().get(5, TimeUnit.SECONDS);
                    } catch (Exception stillThere) {
                        // nothing more can be done; the registry says stopped
                    }
                }
            });
        }
        vm.guestPid = 0;
    }
}
