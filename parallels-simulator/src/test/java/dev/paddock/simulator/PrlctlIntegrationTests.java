package dev.paddock.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulator as separate processes, as the agent runs it: state on disk, locking, bundles, snapshots. */
class PrlctlIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path home;

    record Result(int exitCode, String stdout, String stderr) {}

    private Result prlctl(String... args) throws IOException, InterruptedException {
        return prlctl(Map.of(), args);
    }

    private Result prlctl(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                SimulatorMain.class.getName(),
                "prlctl"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PADDOCK_SIM_HOME", home.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
    }

    private JsonNode listInfo() throws Exception {
        return JSON.readTree(prlctl("list", "-a", "-i", "--json").stdout());
    }

    @Test
    void aVmKeepsTheMacAddressItWasGiven() throws Exception {
        prlctl("create", "mac-vm", "--ostype", "ubuntu", "--disk-size", "64");
        assertThat(prlctl("set", "mac-vm", "--device-set", "net0", "--mac", "00:1C:42:12:34:56")
                        .exitCode())
                .isZero();

        assertThat(listInfo().get(0).path("Hardware").path("net0").path("mac").asString())
                .isEqualTo("001C42123456");
    }

    @Test
    void concurrentInvocationsNeverLoseOrCorruptState() throws Exception {
        List<Future<Result>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 6; i++) {
                int index = i;
                results.add(
                        pool.submit(() -> prlctl("create", "vm-" + index, "--ostype", "ubuntu", "--disk-size", "64")));
            }
            for (Future<Result> result : results) {
                assertThat(result.get().exitCode()).isZero();
            }
        }

        JsonNode vms = listInfo();
        assertThat(vms.findValuesAsString("Name"))
                .containsExactlyInAnyOrder("vm-0", "vm-1", "vm-2", "vm-3", "vm-4", "vm-5");
        assertThat(vms.findValuesAsString("ID")).doesNotHaveDuplicates();
    }

    @Test
    void writesRealBundlesWithSparseDisks() throws Exception {
        prlctl("create", "mac", "--ostype", "macos", "--disk-size", "2048");
        Path bundle = home.resolve("Parallels").resolve("mac.macvm");

        assertThat(bundle.resolve("config.pvs")).exists();
        assertThat(bundle.resolve("aux.bin")).exists();
        assertThat(bundle.resolve("macid.bin")).exists();
        assertThat(bundle.resolve("machw.bin")).exists();
        assertThat(Files.size(bundle.resolve("disk0.img"))).isEqualTo(2048L * 1024 * 1024);
        assertThat(allocatedKilobytes(bundle)).isLessThan(16 * 1024);
    }

    @Test
    void answersLikePdForAnUnknownVmAndAnImpossibleTransition() throws Exception {
        prlctl("create", "linux", "--ostype", "ubuntu", "--disk-size", "64");

        Result missing = prlctl("start", "nope");
        Result notRunning = prlctl("stop", "linux");

        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("The virtual machine could not be found.");
        assertThat(notRunning.exitCode()).isNotZero();
        assertThat(notRunning.stderr()).contains("The virtual machine is not running.");
    }

    @Test
    void refusesToRegisterAFolderThatIsNotABundle() throws Exception {
        Path fake = Files.createDirectories(home.resolve("fake.pvm"));

        Result result = prlctl("register", fake.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("not a valid virtual machine bundle");
    }

    @Test
    void clonesIntoAnIndependentSparseBundle() throws Exception {
        prlctl("create", "source", "--ostype", "macos", "--disk-size", "1024");

        assertThat(prlctl("clone", "source", "--name", "copy").exitCode()).isZero();

        Path copy = home.resolve("Parallels").resolve("copy.macvm");
        assertThat(Files.size(copy.resolve("disk0.img"))).isEqualTo(1024L * 1024 * 1024);
        assertThat(Files.mismatch(copy.resolve("aux.bin"), home.resolve("Parallels/source.macvm/aux.bin")))
                .isEqualTo(-1);
        assertThat(allocatedKilobytes(copy)).isLessThan(16 * 1024);
        assertThat(listInfo().findValuesAsString("Name")).contains("source", "copy");
    }

    @Test
    void reattachesChildrenWhenASnapshotIsDeletedAlone() throws Exception {
        prlctl("create", "snap", "--ostype", "ubuntu", "--disk-size", "64");
        String first = snapshotId(prlctl("snapshot", "snap", "-n", "first").stdout());
        String second = snapshotId(prlctl("snapshot", "snap", "-n", "second").stdout());

        assertThat(prlctl("snapshot-delete", "snap", "--id", first).exitCode()).isZero();

        JsonNode snapshots =
                JSON.readTree(prlctl("snapshot-list", "snap", "--json").stdout());
        assertThat(snapshots.has(first)).isFalse();
        assertThat(snapshots.path(second).path("parent").asString()).isEmpty();
        assertThat(snapshots.path(second).path("current").asBoolean()).isTrue();
    }

    /**
     * A port the guest wants may already be held on every address of the machine (the local suite's edge once held
     * 0.0.0.0:8080, and the guest died before starting SSH): the guest must still serve SSH and HTTP.
     */
    @Test
    void aGuestServesSshAndHttpEvenWhenItsWebSocketPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            prlctl("create", "busy", "--ostype", "ubuntu", "--disk-size", "64");
            Map<String, String> environment = Map.of("PADDOCK_SIM_GUEST_WS_PORT", String.valueOf(taken.getLocalPort()));
            assertThat(prlctl(environment, "start", "busy").exitCode()).isZero();
            try {
                String ip = listInfo()
                        .get(0)
                        .path("Network")
                        .path("ipAddresses")
                        .get(0)
                        .path("ip")
                        .asString();
                HttpResponse<String> page = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://" + ip + "/"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(page.body()).startsWith("Hello from busy");
                try (Socket ssh = new Socket(ip, 22)) {
                    String banner = new BufferedReader(
                                    new InputStreamReader(ssh.getInputStream(), StandardCharsets.UTF_8))
                            .readLine();
                    assertThat(banner).startsWith("SSH-2.0-");
                }
            } finally {
                prlctl("stop", "busy", "--kill");
            }
        }
    }

    @Test
    void appliesInjectedFaults() throws Exception {
        prlctl("create", "faulty", "--ostype", "ubuntu", "--disk-size", "64");
        Files.writeString(home.resolve("faults.properties"), "start.fail=Failed to start the VM: Injected.\n");

        Result result = prlctl("start", "faulty");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("Injected.");
    }

    private static String snapshotId(String output) {
        int open = output.indexOf('{');
        return output.substring(open, output.indexOf('}', open) + 1);
    }

    private static long allocatedKilobytes(Path folder) throws IOException, InterruptedException {
        Process du = new ProcessBuilder("du", "-sk", folder.toString()).start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        du.waitFor();
        return Long.parseLong(out.split("\\s+")[0]);
    }
}
