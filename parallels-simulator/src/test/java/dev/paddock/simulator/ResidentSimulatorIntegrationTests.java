package dev.paddock.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident simulator ({@code bin/simulator} handing calls to one long-lived JVM) changes how a call runs, never
 * what it answers: each call is compared with the same call in a JVM of its own ({@code PADDOCK_SIM_RESIDENT=off}).
 */
class ResidentSimulatorIntegrationTests {

    @TempDir
    Path resident;

    @TempDir
    Path oneOff;

    private final List<SimulatorProcess> simulators = new ArrayList<>();

    @AfterEach
    void stopGuests() throws IOException {
        for (SimulatorProcess sim : simulators) {
            sim.stopGuests();
        }
    }

    private SimulatorProcess simulator(Path home, boolean residentCalls) {
        SimulatorProcess sim = new SimulatorProcess(home).with("PADDOCK_SIM_RESIDENT", residentCalls ? "on" : "off");
        simulators.add(sim);
        return sim;
    }

    @Test
    void aResidentCallAnswersAsAOneOffJvmDoes() throws Exception {
        SimulatorProcess fast = simulator(resident, true);
        SimulatorProcess slow = simulator(oneOff, false);
        List<List<String>> calls = List.of(
                List.of("prlctl", "--version"),
                List.of("prlctl", "create", "vm1", "-o", "ubuntu"),
                List.of("prlctl", "create", "vm1", "-o", "ubuntu"),
                List.of("prlctl", "list", "-a"),
                List.of("prlctl", "start", "no-such-vm"),
                List.of("prlctl", "frobnicate"),
                List.of("prlctl", "set", "vm1", "--cpus", "3"),
                List.of("prlsrvctl", "user", "list", "--json"),
                List.of("sysctl", "-n", "hw.memsize", "no.such.oid"),
                List.of("sudo", "-u", "qa", "prlctl", "list", "-a"),
                List.of("uname", "-m"));

        for (List<String> call : calls) {
            SimulatorProcess.Result expected = slow.run(call);
            SimulatorProcess.Result actual = fast.run(call);

            assertThat(actual.exitCode()).as("exit code of %s", call).isEqualTo(expected.exitCode());
            assertThat(actual.stderr()).as("stderr of %s", call).isEqualTo(expected.stderr());
            assertThat(comparable(actual.stdout(), resident))
                    .as("stdout of %s", call)
                    .isEqualTo(comparable(expected.stdout(), oneOff));
        }
    }

    @Test
    void aRelativePathIsResolvedInTheCallersWorkingDirectory() throws Exception {
        SimulatorProcess sim = simulator(resident, true);
        Path elsewhere = Files.createDirectories(resident.resolve("elsewhere"));
        Process create = sim.builder(
                        List.of(SimulatorProcess.BIN + "/prlctl", "create", "here", "-o", "ubuntu", "--dst", "bundles"))
                .directory(elsewhere.toFile())
                .start();

        assertThat(create.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(create.exitValue()).isZero();
        assertThat(elsewhere.resolve("bundles/here.pvm")).isDirectory();
    }

    @Test
    void aCallWhoseCallerIsKilledDoesNotGoOnToRunItsCommand() throws Exception {
        SimulatorProcess sim = simulator(resident, true);
        sim.ok("prlctl", "create", "slow", "-o", "ubuntu");
        Files.writeString(resident.resolve("faults.properties"), "start.delay-ms=3000\n");
        Process start = sim.builder(List.of(SimulatorProcess.BIN + "/prlctl", "start", "slow"))
                .start();
        Thread.sleep(1_000);

        start.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Thread.sleep(3_000);

        Files.delete(resident.resolve("faults.properties"));
        assertThat(sim.ok("prlctl", "list", "-a").stdout()).containsPattern("stopped +- +slow");
    }

    @Test
    void concurrentCallsAreServedByOneResidentProcess() throws Exception {
        SimulatorProcess sim = simulator(resident, true);
        List<Future<SimulatorProcess.Result>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 12; i++) {
                String name = "vm" + i;
                calls.add(pool.submit(() -> sim.run("prlctl", "create", name, "-o", "ubuntu")));
            }
        }
        for (Future<SimulatorProcess.Result> call : calls) {
            assertThat(call.get().exitCode()).as(call.get().stderr()).isZero();
        }

        assertThat(sim.ok("prlctl", "list", "-a").stdout().lines()).hasSize(13);
        // The resident JVM of this jar: bin/simulator names its address file by the jar's modification time and size.
        Path jar;
        try (var files = Files.list(SimulatorProcess.BIN.resolveSibling("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("parallels-simulator-.*[0-9T]\\.jar"))
                    .findFirst()
                    .orElseThrow();
        }
        String suffix = "-" + Files.getLastModifiedTime(jar).to(java.util.concurrent.TimeUnit.SECONDS) + "-"
                + Files.size(jar) + ".address";
        assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.info()
                                .arguments()
                                .map(a -> List.of(a).stream().anyMatch(arg -> arg.endsWith(suffix)))
                                .orElse(false)))
                .as("resident simulators of %s", jar.getFileName())
                .hasSize(1);
    }

    /** UUIDs and addresses are random in both runs, and each has a home of its own. */
    private static String comparable(String output, Path home) {
        return output.replace(home.toString(), "<home>")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>")
                .replaceAll("10\\.\\d+\\.\\d+\\.\\d+", "<ip>");
    }
}
