package dev.paddock.agent.machines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.agent.AgentIntegrationTest;
import dev.paddock.testsupport.ApiClient.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every VM operation of the host API against the simulator, including what bad input gets. */
class MachineOperationsIntegrationTests extends AgentIntegrationTest {

    @Test
    void renamesAVmAndChangesItsDescription() {
        String name = createVm("rename", "ubuntu");
        String renamed = name + "-new";

        Response response = api.put(
                "/api/v1/machines/" + name + "/rename",
                Map.of("new_name", renamed, "description", "CI runner"),
                operator);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("Name")).isEqualTo(renamed);
        assertThat(response.text("Description")).isEqualTo("CI runner");
        assertThat(api.get("/api/v1/machines/" + name, operator).status()).isEqualTo(404);
    }

    @Test
    void refusesANameThatCouldBeReadAsAFlag() {
        String name = createVm("flag", "ubuntu");

        Response response = api.put("/api/v1/machines/" + name + "/rename", Map.of("new_name", "--kill"), operator);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").findValuesAsString("field")).contains("new_name");
    }

    @Test
    void clonesAVmIntoANewOne() {
        String source = createVm("clone-src", "ubuntu");
        String copy = source + "-copy";

        Response response = api.put("/api/v1/machines/" + source + "/clone", Map.of("clone_name", copy), operator);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.text("status")).isEqualTo("Success");
        Response cloned = api.get("/api/v1/machines/" + response.text("id"), operator);
        assertThat(cloned.text("Name")).isEqualTo(copy);
        assertThat(Path.of(cloned.text("Home"))).isDirectory();
    }

    @Test
    void refusesToCloneOutsideTheVmFolders() {
        String source = createVm("clone-out", "ubuntu");

        Response response = api.put(
                "/api/v1/machines/" + source + "/clone",
                Map.of("clone_name", source + "-x", "destination_path", "/etc"),
                operator);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("type")).endsWith("/path-outside-vm-folders");
    }

    @Test
    void unregistersAndRegistersABundleAgain() {
        String name = createVm("register", "macos");
        String home = api.get("/api/v1/machines/" + name, operator).text("Home");

        assertThat(api.post("/api/v1/machines/" + name + "/unregister", Map.of(), operator)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/machines/" + name, operator).status()).isEqualTo(404);
        assertThat(Path.of(home)).isDirectory();

        Response registered =
                api.post("/api/v1/machines/register", Map.of("path", home, "machine_name", name + "-back"), operator);

        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(200);
        assertThat(registered.text("Name")).isEqualTo(name + "-back");
    }

    @Test
    void refusesToRegisterFromOutsideTheVmFoldersOrByTraversal() {
        Response outside = api.post("/api/v1/machines/register", Map.of("path", "/tmp/evil.pvm"), operator);
        Response traversal = api.post(
                "/api/v1/machines/register", Map.of("path", host.home() + "/Parallels/../../evil.pvm"), operator);
        Response relative = api.post("/api/v1/machines/register", Map.of("path", "Parallels/x.pvm"), operator);

        assertThat(outside.status()).isEqualTo(400);
        assertThat(traversal.status()).isEqualTo(400);
        assertThat(traversal.text("detail")).contains("outside the VM folders");
        assertThat(relative.status()).isEqualTo(400);
    }

    @Test
    void deletesAStoppedVmWithItsFilesButNotARunningOne() {
        String name = createVm("delete", "ubuntu");
        String home = api.get("/api/v1/machines/" + name, operator).text("Home");
        api.put("/api/v1/machines/" + name + "/start", null, operator);

        Response refused = api.delete("/api/v1/machines/" + name, operator);
        assertThat(refused.status()).isEqualTo(409);

        // GET works as PUT does: the reference's Postman collection and web UI change power states with GET.
        assertThat(api.get("/api/v1/machines/" + name + "/stop", operator).status())
                .isEqualTo(200);
        assertThat(api.delete("/api/v1/machines/" + name, operator).status()).isEqualTo(202);
        assertThat(Files.exists(Path.of(home))).isFalse();
        assertThat(api.get("/api/v1/machines/" + name, operator).status()).isEqualTo(404);
    }

    @Test
    void deletesARunningVmWhenForced() {
        String name = createVm("delete-forced", "ubuntu");
        api.put("/api/v1/machines/" + name + "/start", null, operator);

        assertThat(api.delete("/api/v1/machines/" + name + "?force=true", operator)
                        .status())
                .isEqualTo(202);
        assertThat(api.get("/api/v1/machines/" + name, operator).status()).isEqualTo(404);
    }

    @Test
    void appliesABatchOfSettingsAndReportsEachOutcome() {
        String name = createVm("set", "ubuntu");

        Response response = api.put(
                "/api/v1/machines/" + name + "/set",
                Map.of(
                        "operations",
                        List.of(
                                Map.of("group", "cpu", "operation", "set", "value", "3"),
                                Map.of("group", "memory", "operation", "set", "value", "6144"),
                                Map.of("group", "usb", "operation", "connect", "value", "1"),
                                Map.of(
                                        "group",
                                        "network",
                                        "operation",
                                        "set",
                                        "value",
                                        "net0",
                                        "options",
                                        List.of(Map.of("flag", "mac", "value", "auto"))))),
                operator);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("operations").findValuesAsString("status"))
                .containsExactly("success", "success", "error", "success");
        JsonNode vm = api.get("/api/v1/machines/" + name, operator).body();
        assertThat(vm.path("Hardware").path("cpu").path("cpus").asInt()).isEqualTo(3);
        assertThat(vm.path("Hardware").path("memory").path("size").asString()).isEqualTo("6144Mb");
    }

    @Test
    void runsCommandsInTheGuestWithEnvironmentAndExitCode() {
        String name = createVm("exec", "macos");
        api.put("/api/v1/machines/" + name + "/start", null, operator);

        Response hello = api.put(
                "/api/v1/machines/" + name + "/execute",
                Map.of(
                        "command",
                        "echo $GREETING from $(ignored) && hostname",
                        "environment_variables",
                        Map.of("GREETING", "hello")),
                operator);
        Response failing = api.put("/api/v1/machines/" + name + "/execute", Map.of("command", "exit 7"), operator);

        assertThat(hello.status()).isEqualTo(200);
        assertThat(hello.text("stdout")).startsWith("hello from").contains(name);
        assertThat(hello.body().path("exit_code").asInt()).isZero();
        assertThat(failing.body().path("exit_code").asInt()).isEqualTo(7);
        api.put("/api/v1/machines/" + name + "/stop", null, operator);
    }

    @Test
    void streamsACommandsOutputWhileItRuns() throws Exception {
        String name = createVm("exec-stream", "ubuntu");
        api.put("/api/v1/machines/" + name + "/start", null, operator);
        HttpRequest request = streamedExec(name, "echo first; sleep 2; hostname; cat /no/such/file");

        List<String> lines = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        long started = System.nanoTime();
        HttpResponse<java.util.stream.Stream<String>> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
        response.body().forEach(line -> {
            lines.add(line);
            arrivals.add((System.nanoTime() - started) / 1_000_000);
        });

        assertThat(lines).hasSize(4);
        assertThat(lines.getFirst()).isEqualTo("{\"stream\":\"stdout\",\"data\":\"first\\n\"}");
        // stdout and stderr are separate pipes: what the last two commands wrote may arrive in either order.
        assertThat(lines.subList(1, 3))
                .containsExactlyInAnyOrder(
                        "{\"stream\":\"stdout\",\"data\":\"" + name + "\\n\"}",
                        "{\"stream\":\"stderr\",\"data\":\"cat: /no/such/file: No such file or directory\\n\"}");
        assertThat(lines.getLast()).isEqualTo("{\"exit_code\":1}");
        assertThat(arrivals.get(1) - arrivals.get(0))
                .as("the first line arrived while the command was still sleeping")
                .isGreaterThanOrEqualTo(1500);
        api.put("/api/v1/machines/" + name + "/stop", null, operator);
    }

    /**
     * A caller that leaves a streamed command: the agent stops the command's {@code prlctl exec} when a line of output
     * or a keep-alive (every 5 s of silence) finds nobody, instead of letting it run its 30 s with nobody to read it.
     * The simulated guest's command ends with it; whether a real guest's does when prlctl exec is killed is not
     * evidenced.
     */
    @Test
    void aStreamedCommandWhoseCallerLeavesIsStopped() throws Exception {
        String name = createVm("exec-left", "ubuntu");
        api.put("/api/v1/machines/" + name + "/start", null, operator);
        HttpRequest request = streamedExec(name, "echo first; sleep 1; echo second; sleep 30; echo never");
        HttpResponse<java.io.InputStream> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        java.io.InputStream body = response.body();
        assertThat(new java.io.BufferedReader(
                                new java.io.InputStreamReader(body, java.nio.charset.StandardCharsets.UTF_8))
                        .readLine())
                .contains("first");
        String id = api.get("/api/v1/machines/" + name, operator).text("ID");
        assertThat(execsOf(id)).as("the command runs while its caller reads").isNotEmpty();

        body.close();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(execsOf(id))
                        .as("prlctl exec processes left for " + name)
                        .isEmpty());
        api.put("/api/v1/machines/" + name + "/stop", null, operator);
    }

    private HttpRequest streamedExec(String vm, String command) {
        return HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/machines/" + vm + "/execute/stream"))
                .header("Content-Type", "application/json")
                .header("Authorization", operator.get("Authorization"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"command\": \"" + command + "\"}"))
                .build();
    }

    /** The {@code prlctl exec} processes running for a VM (by its id, as the agent names it). */
    private static List<ProcessHandle> execsOf(String vm) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info()
                        .arguments()
                        .map(List::of)
                        .map(arguments -> arguments.contains("exec") && arguments.contains(vm))
                        .orElse(false))
                .toList();
    }

    @Test
    void refusesToStreamACommandInAStoppedVmWithAProblem() {
        String name = createVm("exec-stream-stopped", "ubuntu");

        Response response =
                api.put("/api/v1/machines/" + name + "/execute/stream", Map.of("command", "hostname"), operator);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.text("detail")).contains("not running");
    }

    @Test
    void refusesToExecuteInAStoppedVm() {
        String name = createVm("exec-stopped", "ubuntu");

        Response response = api.put("/api/v1/machines/" + name + "/execute", Map.of("command", "hostname"), operator);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.text("detail")).contains("not running");
    }

    @Test
    void buildsTheSnapshotTreeAndRevertsToASnapshot() {
        String name = createVm("snap", "ubuntu");
        String base = api.post("/api/v1/machines/" + name + "/snapshots", Map.of("snapshot_name", "base"), operator)
                .text("snapshot_id");
        String first = api.post("/api/v1/machines/" + name + "/snapshots", Map.of("snapshot_name", "first"), operator)
                .text("snapshot_id");
        api.post("/api/v1/machines/" + name + "/snapshots/" + base + "/revert", Map.of("skip_resume", true), operator);
        String branch = api.post("/api/v1/machines/" + name + "/snapshots", Map.of("snapshot_name", "branch"), operator)
                .text("snapshot_id");

        JsonNode tree = api.get("/api/v1/machines/" + name + "/snapshots", operator)
                .body()
                .path("snapshots");

        assertThat(tree.size()).isEqualTo(1);
        assertThat(tree.get(0).path("id").asString()).isEqualTo(base);
        assertThat(tree.get(0).path("children").findValuesAsString("id")).containsExactlyInAnyOrder(first, branch);
        assertThat(tree.get(0).path("children").findValuesAsString("name")).contains("first", "branch");

        assertThat(api.delete("/api/v1/machines/" + name + "/snapshots/" + first, operator)
                        .status())
                .isEqualTo(202);
        assertThat(api.get("/api/v1/machines/" + name + "/snapshots", operator)
                        .body()
                        .findValuesAsString("id"))
                .doesNotContain(first);
        assertThat(api.delete("/api/v1/machines/" + name + "/snapshots", operator)
                        .status())
                .isEqualTo(202);
        assertThat(api.get("/api/v1/machines/" + name + "/snapshots", operator)
                        .body()
                        .path("snapshots")
                        .size())
                .isZero();
    }

    @Test
    void answersAnUnknownSnapshotWith404() {
        String name = createVm("snap-missing", "ubuntu");

        Response response = api.post(
                "/api/v1/machines/" + name + "/snapshots/" + UUID.randomUUID() + "/revert", Map.of(), operator);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text("type")).endsWith("/snapshot-not-found");
    }

    @Test
    void createsAVmFromAnotherAndStartsIt() {
        String template = createVm("template", "macos");
        String name = "created-" + UUID.randomUUID().toString().substring(0, 6);

        Response created = api.post(
                "/api/v1/machines",
                Map.of(
                        "name",
                        name,
                        "start_on_create",
                        true,
                        "clone_of",
                        Map.of("vm", template, "cpu", 2, "memory", 4096)),
                operator);

        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        assertThat(created.text("current_state")).isEqualTo("running");
        JsonNode vm = api.get("/api/v1/machines/" + name, operator).body();
        assertThat(vm.path("Hardware").path("cpu").path("cpus").asInt()).isEqualTo(2);
        api.put("/api/v1/machines/" + name + "/stop", null, operator);
    }

    @Test
    void createsAVmAsAJobWithWeightedSteps() {
        String template = createVm("template-async", "ubuntu");
        String name = "async-" + UUID.randomUUID().toString().substring(0, 6);

        Response accepted =
                api.post("/api/v1/machines/async", Map.of("name", name, "clone_of", Map.of("vm", template)), operator);

        assertThat(accepted.status()).isEqualTo(202);
        String jobId = accepted.text("id");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                api.get("/api/v1/jobs/" + jobId, operator).text("state"))
                        .isEqualTo("completed"));
        JsonNode job = api.get("/api/v1/jobs/" + jobId, operator).body();
        assertThat(job.path("progress").asInt()).isEqualTo(100);
        assertThat(job.path("steps").findValuesAsString("name"))
                .containsExactly("validate", "clone", "configure", "start");
        assertThat(job.path("steps").findValues("weight").stream()
                        .mapToInt(JsonNode::asInt)
                        .sum())
                .isEqualTo(100);
        assertThat(job.path("result_record_name").asString()).isEqualTo(name);
    }

    @Test
    void refusesToCreateWithATakenNameWithoutStartingAJob() {
        String existing = createVm("taken", "ubuntu");

        Response response = api.post(
                "/api/v1/machines/async", Map.of("name", existing, "clone_of", Map.of("vm", existing)), operator);

        assertThat(response.status()).isEqualTo(409);
    }

    @Test
    void removesAHalfCreatedVmWhenItCannotStart() throws Exception {
        String template = createVm("template-fail", "ubuntu");
        String name = "half-" + UUID.randomUUID().toString().substring(0, 6);
        host.fault("start.fail", "Failed to start the VM: Not enough memory.");

        Response response = api.post(
                "/api/v1/machines",
                Map.of("name", name, "start_on_create", true, "clone_of", Map.of("vm", template)),
                operator);

        assertThat(response.status()).isGreaterThanOrEqualTo(400);
        assertThat(response.text("detail")).contains("Not enough memory");
        host.clearFaults();
        assertThat(api.get("/api/v1/machines/" + name, operator).status()).isEqualTo(404);
        assertThat(host.prlctl("list", "-a")).doesNotContain(name);
    }

    @Test
    void refusesOversizeBodies() {
        String huge = "x".repeat(2 * 1024 * 1024);

        Response response = api.post("/api/v1/machines/register", Map.of("path", huge), operator);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.text("type")).endsWith("/payload-too-large");
    }
}
