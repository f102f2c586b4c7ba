package dev.paddock.devsuite;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;

/**
 * The fleet with real agents on the simulator, every service its own process, every call through the edge: two
 * simulated Macs (arm64, x86_64) enroll, heartbeat, disappear when their agent is killed and come back when it
 * restarts; VMs are placed by architecture, copied from a VM only where it exists, limited to two running macOS VMs per
 * host, and moved to the next host when creation fails on the first.
 */
@ResourceLock(SharedSuite.LOCK)
class FleetIntegrationTests {

    static final int ARM = 0;
    static final int X86 = 1;

    LocalSuite suite;
    ApiClient edge;
    Map<String, String> root;

    @BeforeEach
    void setUp() {
        suite = SharedSuite.get();
        edge = new ApiClient(suite.edgeUrl());
        root = bearer(edge.login("root", suite.rootPassword()));
    }

    @Test
    void bothSimulatedMacsEnrolledAndTheirVmsFormOneFleet() throws Exception {
        await(
                () -> hostState("mac-arm64-1").equals("healthy")
                        && hostState("mac-x86-1").equals("healthy"),
                "both hosts healthy");
        Map<String, String> architectures = new java.util.HashMap<>();
        edge.get("/api/v1/orchestrator/hosts", root)
                .body()
                .forEach(h -> architectures.put(
                        h.path("name").asString(), h.path("architecture").asString()));
        assertThat(architectures).containsEntry("mac-arm64-1", "arm64").containsEntry("mac-x86-1", "x86_64");

        await(
                () -> fleetVmNames().containsAll(List.of("macos-ci-arm", "ubuntu-arm", "macos-ci-x86", "ubuntu-x86")),
                "the seeded VMs of both hosts");
        JsonNode vm = fleetVm("ubuntu-x86");
        assertThat(vm.path("host_name").asString()).isEqualTo("mac-x86-1");
        assertThat(vm.path("host_state").asString()).isEqualTo("healthy");

        Response resources = edge.get("/api/v1/orchestrator/overview/resources", root);
        assertThat(resources.status()).isEqualTo(200);
        assertThat(resources.body().toString()).contains("arm64").contains("x86_64");
    }

    @Test
    void aVmMadeBehindTheFleetsBackShowsUpThroughHeartbeats() throws Exception {
        simulator(X86, "create", "made-on-the-host", "--ostype", "ubuntu", "--disk-size", "512");

        await(() -> fleetVmNames().contains("made-on-the-host"), "the new VM in the fleet view");
        assertThat(fleetVm("made-on-the-host").path("host_name").asString()).isEqualTo("mac-x86-1");
        simulator(X86, "delete", "made-on-the-host");
        await(() -> !fleetVmNames().contains("made-on-the-host"), "the deleted VM to leave the fleet view");
    }

    @Test
    void aKilledAgentMakesItsHostUnhealthyAndARestartedOneRejoins() throws Exception {
        await(() -> hostState("mac-x86-1").equals("healthy"), "the host healthy");
        suite.killAgent(X86);
        try {
            await(() -> hostState("mac-x86-1").equals("unhealthy"), "the silent host marked unhealthy");
            JsonNode host = host("mac-x86-1");
            assertThat(host.path("state_reason").asString()).startsWith("no heartbeat since");

            Response start = edge.put("/api/v1/orchestrator/machines/ubuntu-x86/start", null, root);
            assertThat(start.status()).isEqualTo(503);
            assertThat(start.text("detail")).contains("mac-x86-1");
            Response create = edge.post(
                    "/api/v1/orchestrator/machines",
                    Map.of("name", "nowhere", "architecture", "x86_64", "clone_of", Map.of("vm", "ubuntu-x86")),
                    root);
            assertThat(create.status()).isEqualTo(503);
            assertThat(create.text("detail")).contains("mac-x86-1 (unhealthy)");
        } finally {
            suite.restartAgent(X86);
        }
        await(() -> hostState("mac-x86-1").equals("healthy"), "the restarted agent to rejoin");
        assertThat(edge.get("/api/v1/orchestrator/hosts", root).body().size())
                .as("a restart rejoins; it does not enroll the host again")
                .isEqualTo(3);
    }

    @Test
    void aCopyGoesToTheHostThatHasTheSourceAndAHostRunsAtMostTwoMacOsVms() throws Exception {
        List<String> created = new ArrayList<>();
        try {
            for (String name : List.of("mac-copy-1", "mac-copy-2")) {
                Response response = edge.post(
                        "/api/v1/orchestrator/machines",
                        Map.of(
                                "name",
                                name,
                                "start_on_create",
                                true,
                                "clone_of",
                                Map.of("vm", "macos-ci-arm", "cpu", 1, "memory", 2048)),
                        root);
                assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
                assertThat(response.text("host")).isEqualTo("mac-arm64-1");
                created.add(name);
            }
            await(() -> fleetVm("mac-copy-2").path("State").asString().equals("running"), "the copies running");

            Response third = edge.post(
                    "/api/v1/orchestrator/machines",
                    Map.of(
                            "name",
                            "mac-copy-3",
                            "start_on_create",
                            true,
                            "clone_of",
                            Map.of("vm", "macos-ci-arm", "cpu", 1, "memory", 2048)),
                    root);
            assertThat(third.status()).isEqualTo(503);
            assertThat(third.text("detail"))
                    .contains("mac-arm64-1 (already runs 2 macOS VMs")
                    .contains("mac-x86-1 (does not have the VM macos-ci-arm to copy)");
        } finally {
            created.forEach(this::deleteVm);
        }
    }

    @Test
    void whenCreationFailsOnTheChosenHostTheNextOneTakesTheVm() throws Exception {
        // A VM of the same name on both hosts, so both can make the copy.
        simulator(ARM, "create", "twin-base", "--ostype", "ubuntu", "--disk-size", "512");
        simulator(X86, "create", "twin-base", "--ostype", "ubuntu", "--disk-size", "512");
        await(
                () -> fleetVms().stream()
                                .filter(vm -> vm.path("Name").asString().equals("twin-base"))
                                .count()
                        == 2,
                "both twins in the fleet view");
        List<String> created = new ArrayList<>();
        Path faults = suite.simulatorHome(ARM).resolve("faults.properties");
        try {
            Response control = createCopyOfTwin("twin-control");
            created.add("twin-control");
            String preferred = control.text("host");
            int preferredIndex = preferred.equals("mac-arm64-1") ? ARM : X86;
            String other = preferredIndex == ARM ? "mac-x86-1" : "mac-arm64-1";
            deleteVm("twin-control");
            created.remove("twin-control");
            faults = suite.simulatorHome(preferredIndex).resolve("faults.properties");
            Files.writeString(faults, "clone.fail=Not enough disk space to clone the virtual machine\n");

            Response moved = createCopyOfTwin("twin-moved");
            created.add("twin-moved");

            assertThat(moved.status()).as(moved.body().toString()).isEqualTo(200);
            assertThat(moved.text("host")).as("the host after " + preferred).isEqualTo(other);
            assertThat(edge.get("/api/v1/orchestrator/overview/resources", root)
                            .body()
                            .toString())
                    .doesNotContain("\"total_reserved\":{\"physical_cpu_count\":1");
        } finally {
            Files.deleteIfExists(faults);
            created.forEach(this::deleteVm);
            for (int host : List.of(ARM, X86)) {
                simulator(host, "delete", "twin-base");
            }
        }
    }

    @Test
    void anAsyncCreationIsAJobWithProgressThatEndsWithTheNewVm() throws Exception {
        await(() -> fleetVmNames().contains("ubuntu-x86"), "the source VM in the fleet view");
        Response accepted = edge.post(
                "/api/v1/orchestrator/machines/async",
                Map.of("name", "async-copy", "architecture", "x86_64", "clone_of", Map.of("vm", "ubuntu-x86")),
                root);
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        String job = accepted.text("id");
        try {
            await(
                    () -> List.of("completed", "failed")
                            .contains(edge.get("/api/v1/jobs/" + job, root).text("state")),
                    "the job to finish");
            Response finished = edge.get("/api/v1/jobs/" + job, root);
            assertThat(finished.text("state")).as(finished.body().toString()).isEqualTo("completed");
            assertThat(finished.body().path("progress").asInt()).isEqualTo(100);
            assertThat(finished.text("result_record_name")).isEqualTo("async-copy");
            assertThat(fleetVm("async-copy").path("host_name").asString()).isEqualTo("mac-x86-1");
        } finally {
            deleteVm("async-copy");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private Response createCopyOfTwin(String name) {
        return edge.post(
                "/api/v1/orchestrator/machines", Map.of("name", name, "clone_of", Map.of("vm", "twin-base")), root);
    }

    private void deleteVm(String name) {
        edge.put("/api/v1/orchestrator/machines/" + name + "/stop", null, root);
        edge.delete("/api/v1/orchestrator/machines/" + name, root);
    }

    private JsonNode host(String name) {
        for (JsonNode host : edge.get("/api/v1/orchestrator/hosts", root).body()) {
            if (host.path("name").asString().equals(name)) {
                return host;
            }
        }
        throw new AssertionError("no host " + name);
    }

    private String hostState(String name) {
        return host(name).path("state").asString();
    }

    private List<JsonNode> fleetVms() {
        List<JsonNode> vms = new ArrayList<>();
        edge.get("/api/v1/orchestrator/machines", root).body().forEach(vms::add);
        return vms;
    }

    private List<String> fleetVmNames() {
        return fleetVms().stream().map(vm -> vm.path("Name").asString()).toList();
    }

    private JsonNode fleetVm(String name) {
        return fleetVms().stream()
                .filter(vm -> vm.path("Name").asString().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no VM " + name + " in the fleet"));
    }

    private void simulator(int host, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(suite.simulatorPrlctl().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PADDOCK_SIM_HOME", suite.simulatorHome(host).toString());
        builder.environment().put("PADDOCK_SIM_ARCH", host == ARM ? "arm64" : "x86_64");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
    }

    /** Waits for the fleet to settle; a lookup that fails (the VM or host is not there yet) counts as not yet. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        AssertionError last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (AssertionError notYet) {
                last = notYet;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Timed out waiting for " + what, last);
    }
}
