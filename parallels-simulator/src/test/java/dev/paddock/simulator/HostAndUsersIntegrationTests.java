package dev.paddock.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the corpus cannot show: users and sudo, bundle owners, UUIDs on register, event buffering, host tools. */
class HostAndUsersIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path home;

    private SimulatorProcess sim;

    @BeforeEach
    void setUp() {
        sim = new SimulatorProcess(home);
    }

    @AfterEach
    void stopGuests() throws IOException {
        sim.stopGuests();
    }

    @Test
    void registerGivesANewUuidUnlessToldAndNamesTheVmFromConfig() throws Exception {
        sim.ok("prlctl", "create", "original", "-o", "ubuntu");
        String uuid = single("original").path("ID").asString();
        sim.ok("prlctl", "set", "original", "--name", "renamed");
        sim.ok("prlctl", "unregister", "renamed");
        Path bundle = home.resolve("Parallels/original.pvm");

        SimulatorProcess.Result registered = sim.ok("prlctl", "register", bundle.toString());

        assertThat(registered.stdout()).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}");
        JsonNode vm = single("renamed");
        assertThat(vm.path("ID").asString()).isNotEqualTo(uuid);
        sim.ok("prlctl", "unregister", "renamed");
        sim.ok("prlctl", "register", bundle.toString(), "--uuid", "{" + uuid + "}");
        assertThat(single("renamed").path("ID").asString()).isEqualTo(uuid);
        sim.ok("prlctl", "unregister", "renamed");
        sim.ok("prlctl", "register", bundle.toString(), "--preserve-uuid");
        assertThat(single("renamed").path("ID").asString()).isEqualTo(uuid);
    }

    @Test
    void sudoActsAsTheUserAndEachUserSeesOnlyTheirOwnVms() throws Exception {
        Files.writeString(home.resolve("host.properties"), "users=builder,qa\n");
        sim.ok("prlctl", "create", "mine", "-o", "ubuntu");
        sim.ok("sudo", "-n", "-u", "qa", "prlctl", "create", "theirs", "-o", "ubuntu");

        assertThat(names(sim.ok("prlctl", "list", "-a", "-i", "--json").stdout()))
                .containsExactly("mine");
        assertThat(names(sim.ok("sudo", "-n", "-u", "qa", "prlctl", "list", "-a", "-i", "--json")
                        .stdout()))
                .containsExactly("theirs");
        assertThat(names(sim.ok("sudo", "-n", "-u", "root", "prlctl", "list", "-a", "-i", "--json")
                        .stdout()))
                .isEmpty();
        assertThat(sim.run("prlctl", "start", "theirs").exitCode()).isNotZero();
        assertThat(home.resolve("Users/qa/Parallels/theirs.pvm")).isDirectory();
        assertThat(Files.readAllLines(home.resolve("sudo.log")))
                .containsExactly(
                        "qa prlctl create theirs -o ubuntu",
                        "qa prlctl list -a -i --json",
                        "root prlctl list -a -i --json");
    }

    @Test
    void registerAsAnotherUserNeedsTheBundleHandedOverWithChown() throws Exception {
        sim.ok("prlctl", "create", "pulled", "-o", "ubuntu");
        sim.ok("prlctl", "unregister", "pulled");
        Path bundle = home.resolve("Parallels/pulled.pvm");

        SimulatorProcess.Result refused = sim.run("sudo", "-n", "-u", "qa", "prlctl", "register", bundle.toString());
        sim.ok("chown", "-R", "qa", bundle.toString());
        SimulatorProcess.Result accepted = sim.run("sudo", "-n", "-u", "qa", "prlctl", "register", bundle.toString());

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("Failed to register the VM: Permission denied");
        assertThat(accepted.exitCode()).as(accepted.stderr()).isZero();
        assertThat(Files.readString(home.resolve("owners.properties"))).contains("pulled.pvm=qa");
    }

    @Test
    void eachUsersEventStreamShowsOnlyTheirVms() throws Exception {
        Files.writeString(home.resolve("faults.properties"), "monitor-events.exit-after-ms=6000\n");
        Process builders = sim.builder(List.of(SimulatorProcess.BIN + "/prlctl", "monitor-events", "--json"))
                .start();
        Process qas = sim.builder(List.of(
                        SimulatorProcess.BIN + "/sudo", "-u", "qa", SimulatorProcess.BIN + "/prlctl", "monitor-events"))
                .start();
        CompletableFuture<String> builderLines = read(builders);
        CompletableFuture<String> qaLines = read(qas);
        Thread.sleep(2000);

        sim.ok("prlctl", "create", "mine", "-o", "ubuntu");
        sim.ok("sudo", "-u", "qa", "prlctl", "create", "theirs", "-o", "ubuntu");

        assertThat(builderLines.get(30, TimeUnit.SECONDS)).contains("vm_added").hasLineCount(1);
        assertThat(qaLines.get(30, TimeUnit.SECONDS)).contains("vm_added").hasLineCount(1);
        String mine = single("mine").path("ID").asString();
        assertThat(builderLines.get()).contains(mine);
        assertThat(qaLines.get()).doesNotContain(mine);
    }

    /**
     * Through a pipe, events come in 4096-byte blocks (as C stdio writes), so a line waits; under a pseudo-terminal
     * ({@code script}, as REF uses a PTY) each line arrives at once.
     */
    @Test
    void eventsWaitInABufferThroughAPipeButNotUnderAPseudoTerminal() throws Exception {
        Process piped = sim.builder(List.of(SimulatorProcess.BIN + "/prlctl", "monitor-events", "--json"))
                .start();
        Process pty = sim.builder(List.of(
                        "script",
                        "-q",
                        "-e",
                        "-c",
                        SimulatorProcess.BIN + "/prlctl monitor-events --json",
                        "/dev/null"))
                .start();
        try {
            BufferedReader ptyLines =
                    new BufferedReader(new InputStreamReader(pty.getInputStream(), StandardCharsets.UTF_8));
            Thread.sleep(2500);
            sim.ok("prlctl", "create", "watched", "-o", "ubuntu");

            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return ptyLines.readLine();
                } catch (IOException e) {
                    return "";
                }
            });
            assertThat(first.get(20, TimeUnit.SECONDS)).contains("vm_added");
            Thread.sleep(1000);
            assertThat(piped.getInputStream().available()).isZero();
        } finally {
            piped.destroy();
            pty.destroy();
            pty.descendants().forEach(ProcessHandle::destroy);
        }
    }

    @Test
    void hostToolsAnswerFromTheProfileAndFailWhenHardwareIsUnreadable() throws Exception {
        Files.writeString(home.resolve("host.properties"), "memory-mb=16384\ncpus=8\nphysical-cpus=6\n");

        assertThat(sim.ok("sysctl", "-n", "hw.memsize", "hw.logicalcpu", "hw.physicalcpu")
                        .stdout())
                .isEqualTo("17179869184\n8\n6\n");
        assertThat(sim.ok("uname", "-m").stdout()).isEqualTo("arm64\n");

        Files.writeString(home.resolve("host.properties"), "hardware=unreadable\n");
        SimulatorProcess.Result unreadable = sim.run("sysctl", "-n", "hw.memsize");
        assertThat(unreadable.exitCode()).isNotZero();
        assertThat(unreadable.stderr()).contains("unknown oid 'hw.memsize'");
    }

    @Test
    void prlcopyUploadsIntoARunningGuestOnly() throws Exception {
        sim.ok("prlctl", "create", "target", "-o", "ubuntu");
        Path file = Files.writeString(home.resolve("report.txt"), "hello guest\n");
        String uuid = single("target").path("ID").asString();

        assertThat(sim.run("prlcopy", "--vm", uuid, file.toString()).exitCode()).isNotZero();
        sim.ok("prlctl", "start", "target");
        sim.ok("prlcopy", "--vm", uuid, file.toString(), "/tmp/report.txt");

        assertThat(home.resolve("guests/" + uuid + "/fs/tmp/report.txt")).hasContent("hello guest");
    }

    @Test
    void setRecordsTheReferencesConfigureOptions() throws Exception {
        sim.ok("prlctl", "create", "tuned", "-o", "ubuntu");

        sim.ok(
                "prlctl",
                "set",
                "tuned",
                "--cpus",
                "auto",
                "--memsize",
                "2048",
                "--cpu-type",
                "arm",
                "--device-bootorder",
                "net0 hdd0",
                "--efi-secure-boot",
                "on",
                "--time-sync",
                "off",
                "--time-sync-interval",
                "30",
                "--rosetta-linux",
                "on",
                "--shf-host-add",
                "src",
                "--path",
                "/tmp");
        sim.ok("prlctl", "set", "tuned", "--device-add", "cdrom", "--image", "/tmp/x.iso");
        sim.ok("prlctl", "set", "tuned", "--device-set", "net0", "--mac", "auto");

        JsonNode vm = single("tuned");
        assertThat(vm.path("Hardware").path("cpu").path("auto").asString()).isEqualTo("on");
        assertThat(vm.path("Hardware").path("memory").path("size").asString()).isEqualTo("2048Mb");
        assertThat(vm.path("Hardware").path("cdrom0").path("image").asString()).isEqualTo("/tmp/x.iso");
        assertThat(vm.path("Boot order").asString()).isEqualTo("net0 hdd0");
        assertThat(vm.path("EFI Secure boot").asString()).isEqualTo("on");
        assertThat(vm.path("Advanced").path("Rosetta Linux").asString()).isEqualTo("on");
        assertThat(vm.path("Host Shared Folders").path("src").path("path").asString())
                .isEqualTo("/tmp");
        assertThat(sim.run("prlctl", "set", "tuned", "--no-such-flag", "x").exitCode())
                .isEqualTo(22);
    }

    private JsonNode single(String name) throws Exception {
        return JSON.readTree(
                        sim.ok("prlctl", "list", name, "-a", "-i", "--json").stdout())
                .get(0);
    }

    private static List<String> names(String json) {
        return JSON.readTree(json).findValuesAsString("Name");
    }

    private static CompletableFuture<String> read(Process process) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
