package dev.paddock.orchestrator.fleet;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.common.crypto.SecretBox;
import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import dev.paddock.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The fleet through real HTTP and a real PostgreSQL: enrollment, heartbeats and health, the fleet VM view, scheduling
 * filters with their reasons, cache preference, failover and jobs. The hosts are {@link FakeAgent}s so that each test
 * controls exactly what a host reports and how it fails.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "paddock.orchestrator.identity.root-password=" + FleetIntegrationTests.ROOT_PASSWORD,
            "paddock.orchestrator.identity.password-hash-strength=4",
            "paddock.orchestrator.fleet.heartbeat-interval=1s",
            "paddock.orchestrator.fleet.unhealthy-after=3s",
            "paddock.orchestrator.fleet.agent-timeout=3s",
        })
class FleetIntegrationTests {

    static final String ROOT_PASSWORD = "Root-Passw0rd-for-tests";

    static {
        System.getProperties().putIfAbsent("paddock.orchestrator.secrets.key", SecretBox.generateKey());
    }

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        // Assertions here span the whole fleet, so no other test class's hosts may be in it.
        registry.add("spring.datasource.url", () -> TestDatabase.get().sibling("fleet"));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    Map<String, String> root;
    final List<FakeAgent> agents = new ArrayList<>();

    @BeforeEach
    void setUp() {
        jdbc.update("delete from hosts");
        jdbc.update("delete from jobs");
        api = new ApiClient("http://localhost:" + port);
        root = bearer(api.login("root", ROOT_PASSWORD));
    }

    @AfterEach
    void stopAgents() {
        agents.forEach(FakeAgent::close);
    }

    // ---- enrollment ------------------------------------------------------------------------------------------------

    @Test
    void anEnrollmentTokenIsSingleUseAndCanBeValidatedWithoutLoggingIn() throws Exception {
        String token = enrollmentToken("mac-1");

        Response validity = api.get("/api/v1/orchestrator/enrollment-token/" + token + "/validate", Map.of());
        assertThat(validity.status()).isEqualTo(200);
        assertThat(validity.body().path("valid").asBoolean()).isTrue();
        assertThat(validity.text("host_name")).isEqualTo("mac-1");

        FakeAgent agent = fake("mac-1", "arm64", 8, 16384);
        Response enrolled = agent.enroll(api, token);
        assertThat(enrolled.status()).isEqualTo(201);
        assertThat(enrolled.text("host_secret")).hasSizeGreaterThan(30);
        assertThat(enrolled.body().path("heartbeat_interval_seconds").asLong()).isEqualTo(1);

        FakeAgent impostor = fake("mac-1", "arm64", 8, 16384);
        Response again = impostor.enroll(api, token);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.text("detail")).contains("already used");
        assertThat(api.get("/api/v1/orchestrator/enrollment-token/" + token + "/validate", Map.of())
                        .text("reason"))
                .isEqualTo("already used");

        Response host = api.get("/api/v1/orchestrator/hosts/" + agent.hostId(), root);
        assertThat(host.text("name")).isEqualTo("mac-1");
        assertThat(host.text("state")).isEqualTo("healthy");
        assertThat(host.text("architecture")).isEqualTo("arm64");
        assertThat(host.body().path("resources").path("logical_cpu_count").asInt())
                .isEqualTo(8);
        assertThat(host.body().has("host_secret")).isFalse();
    }

    @Test
    void anExpiredOrUnknownEnrollmentTokenIsRefused() throws Exception {
        String token = enrollmentToken("mac-late");
        jdbc.update("update enrollment_tokens set expires_at = now() - interval '1 minute'");

        Response late = fake("mac-late", "arm64", 8, 16384).enroll(api, token);
        assertThat(late.status()).isEqualTo(401);
        assertThat(late.text("detail")).contains("expired");

        Response unknown = fake("mac-x", "arm64", 8, 16384).enroll(api, "not-a-token");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(api.get("/api/v1/orchestrator/hosts", root).body()).isEmpty();
    }

    @Test
    void anAgentThatDoesNotAnswerIsNotEnrolled() throws Exception {
        String token = enrollmentToken("mac-gone");
        FakeAgent agent = fake("mac-gone", "arm64", 8, 16384);
        agent.close();

        Response response = agent.enroll(api, token);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.text("detail")).contains("did not answer");
        assertThat(api.get("/api/v1/orchestrator/enrollment-token/" + token + "/validate", Map.of())
                        .body()
                        .path("valid")
                        .asBoolean())
                .as("a failed enrollment must not use up the token")
                .isTrue();
    }

    // ---- heartbeats and health -------------------------------------------------------------------------------------

    @Test
    void heartbeatsNeedTheHostSecretAndFetchTheVmListOnlyWhenItChanged() throws Exception {
        FakeAgent agent = enrolled("mac-1", "arm64", 8, 16384);
        agent.addVm("build-1", "running", true, 4, 8192);

        Response wrong = agent.heartbeat(api, "wrong-secret");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().path("type").asString()).endsWith("host-not-recognized");

        Response garbled = api.post(
                "/api/v1/orchestrator/hosts/" + agent.hostId() + "/heartbeat",
                "{\"total_cpus\": \"many\"",
                Map.of("X-Paddock-Host-Secret", agent.secret()));
        assertThat(garbled.status()).isEqualTo(400);
        assertThat(garbled.text("type")).endsWith("invalid-heartbeat");
        assertThat(garbled.text("request_id")).isNotBlank();

        Response first = agent.heartbeat(api);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("vm_sync_scheduled").asBoolean()).isTrue();
        await(() -> fleetVms().size() == 1, "the VM list to arrive");
        JsonNode vm = fleetVms().getFirst();
        assertThat(vm.path("Name").asString()).isEqualTo("build-1");
        assertThat(vm.path("host_name").asString()).isEqualTo("mac-1");
        assertThat(vm.path("host_state").asString()).isEqualTo("healthy");

        int listsBefore = countRequests(agent, "GET /api/v1/machines");
        Response unchanged = agent.heartbeat(api);
        assertThat(unchanged.body().path("vm_sync_scheduled").asBoolean()).isFalse();
        Awaitility.await("no VM list fetched for an unchanged digest")
                .during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2))
                .until(() -> countRequests(agent, "GET /api/v1/machines"), lists -> lists == listsBefore);

        Map<String, Object> capacity = jdbc.queryForMap(
                "select total_cpus, vm_digest is not null as has_digest from hosts where id = ?", agent.hostId());
        assertThat(capacity).containsEntry("total_cpus", 8).containsEntry("has_digest", true);
    }

    @Test
    void aHostThatStopsHeartbeatingBecomesUnhealthyWithAReasonAndRecoversOnItsNextHeartbeat() throws Exception {
        FakeAgent agent = enrolled("mac-1", "arm64", 8, 16384);

        await(() -> host(agent).text("state").equals("unhealthy"), "the silent host to be marked unhealthy");
        Response silent = host(agent);
        assertThat(silent.text("state_reason")).startsWith("no heartbeat since ");
        assertThat(silent.text("last_seen_at")).isNotBlank();

        Response rejected = create(Map.of(
                "name", "vm-1", "catalog_manifest", Map.of("catalog_id", "ubuntu", "specs", Map.of("cpu", "1"))));
        assertThat(rejected.status()).isEqualTo(503);
        assertThat(rejected.text("detail")).contains("mac-1 (unhealthy)");

        agent.heartbeat(api);
        assertThat(host(agent).text("state")).isEqualTo("healthy");
        assertThat(host(agent).body().path("state_reason").isNull()).isTrue();
    }

    // ---- scheduling
    // --------------------------------------------------------------------------------------------------

    @Test
    void aVmGoesToTheHostThatMatchesItsArchitectureAndTags() throws Exception {
        enrolled("mac-arm", "arm64", 8, 16384);
        FakeAgent intel = enrolled("mac-intel", "x86_64", 8, 16384);
        tag("mac-intel", List.of("xcode-15"));

        Response created = create(Map.of(
                "name",
                "intel-build",
                "architecture",
                "amd64",
                "selection_tags",
                List.of("xcode-15"),
                "catalog_manifest",
                Map.of("catalog_id", "macos-14", "specs", Map.of("cpu", "2", "memory", "4096"))));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.text("host")).isEqualTo("mac-intel");
        assertThat(intel.vms()).extracting(vm -> vm.get("Name")).containsExactly("intel-build");
        assertThat(fleetVms()).extracting(vm -> vm.path("Name").asString()).contains("intel-build");
    }

    @Test
    void whenNoHostFitsTheProblemSaysWhyEachHostWasPassedOver() throws Exception {
        enrolled("mac-small", "arm64", 4, 8192);
        enrolled("mac-intel", "x86_64", 32, 65536);
        FakeAgent disabled = enrolled("mac-off", "arm64", 32, 65536);
        FakeAgent draining = enrolled("mac-drain", "arm64", 32, 65536);
        assertThat(api.put("/api/v1/orchestrator/hosts/" + disabled.hostId() + "/disable", null, root)
                        .status())
                .isEqualTo(200);
        assertThat(api.put("/api/v1/orchestrator/hosts/" + draining.hostId() + "/drain", null, root)
                        .status())
                .isEqualTo(200);

        Response response = create(Map.of(
                "name", "too-big",
                "architecture", "arm64",
                "catalog_manifest", Map.of("catalog_id", "macos-14", "specs", Map.of("cpu", "12", "memory", "4096"))));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.text("type")).endsWith("no-host-available");
        Map<String, String> reasons = new java.util.HashMap<>();
        response.body()
                .path("rejections")
                .forEach(r ->
                        reasons.put(r.path("host").asString(), r.path("reason").asString()));
        assertThat(reasons)
                .containsEntry("mac-small", "needs 12 CPUs, 4 free")
                .containsEntry("mac-intel", "is x86_64, the VM needs arm64")
                .containsEntry("mac-off", "disabled")
                .containsEntry("mac-drain", "draining");
        assertThat(reservations()).isZero();
    }

    @Test
    void aHostRunsAtMostTwoMacOsVms() throws Exception {
        FakeAgent full = enrolled("mac-full", "arm64", 32, 65536);
        full.addVm("mac-a", "running", true, 2, 4096);
        full.addVm("mac-b", "running", true, 2, 4096);
        String stopped = full.addVm("mac-c", "stopped", true, 2, 4096);
        full.heartbeat(api);
        await(() -> fleetVms().size() == 3, "the VMs to be listed");

        Response create = create(Map.of(
                "name",
                "mac-d",
                "catalog_manifest",
                Map.of("catalog_id", "macos-14", "specs", Map.of("cpu", "2", "memory", "4096", "type", "macvm"))));
        assertThat(create.status()).isEqualTo(503);
        assertThat(create.text("detail")).contains("already runs 2 macOS VMs");

        Response start = api.put("/api/v1/orchestrator/machines/" + stopped + "/start", null, root);
        assertThat(start.status()).isEqualTo(409);
        assertThat(start.text("detail")).contains("macOS");

        Response linux = create(Map.of(
                "name", "linux-1", "catalog_manifest", Map.of("catalog_id", "ubuntu", "specs", Map.of("cpu", "2"))));
        assertThat(linux.status()).as("other VMs still fit").isEqualTo(200);
    }

    @Test
    void aChangeReportedWhileTheHostIsBeingReListedIsNotLost() throws Exception {
        FakeAgent agent = enrolled("mac-slow", "arm64", 8, 16384);
        await(() -> agent.requests.contains("GET /api/v1/machines"), "the first listing");
        agent.listingsRead.clear();

        agent.holdListings = new CountDownLatch(1);
        agent.addVm("first", "stopped", false, 2, 2048);
        agent.heartbeat(api);
        assertThat(agent.listingsRead.poll(10, TimeUnit.SECONDS))
                .as("a re-list reads one VM, then waits")
                .isEqualTo(1);
        agent.addVm("second", "stopped", false, 2, 2048);
        agent.heartbeat(api); // digest changed again while the re-list is still running
        agent.holdListings.countDown();

        await(
                () -> fleetVms().stream()
                                .filter(vm -> vm.path("host_name").asString().equals("mac-slow"))
                                .count()
                        == 2,
                "both VMs without another heartbeat");
    }

    @Test
    void hostsThatHoldTheImageInTheirCacheArePreferred() throws Exception {
        // "pack" would choose the fuller host; the cache outweighs it.
        FakeAgent fuller = enrolled("mac-busy", "arm64", 8, 16384);
        fuller.addVm("other", "running", false, 4, 4096);
        fuller.heartbeat(api);
        FakeAgent holder = enrolled("mac-cached", "arm64", 8, 16384);
        holder.cacheImage("macos-15", "v3");
        holder.heartbeat(api);
        await(
                () -> host(holder).body().path("cache_items").size() == 1
                        && fleetVms().size() == 1,
                "the cache and VM lists to arrive");

        Response cached = create(Map.of(
                "name",
                "from-cache",
                "catalog_manifest",
                Map.of("catalog_id", "macos-15", "version", "v3", "specs", Map.of("cpu", "2"))));
        Response uncached = create(Map.of(
                "name",
                "not-cached",
                "catalog_manifest",
                Map.of("catalog_id", "ubuntu", "version", "v1", "specs", Map.of("cpu", "2"))));

        assertThat(cached.text("host")).isEqualTo("mac-cached");
        assertThat(uncached.text("host")).as("pack fills the fuller host").isEqualTo("mac-busy");
        assertThat(host(holder)
                        .body()
                        .path("cache_items")
                        .get(0)
                        .path("catalog_id")
                        .asString())
                .isEqualTo("macos-15");
    }

    @Test
    void whenTheChosenHostFailsTheNextOneTakesTheVmAndNoReservationIsLeft() throws Exception {
        FakeAgent broken = enrolled("mac-a-broken", "arm64", 8, 16384);
        FakeAgent healthy = enrolled("mac-b-healthy", "arm64", 8, 16384);
        broken.failCreations = true;

        Response created = create(Map.of(
                "name", "survivor", "catalog_manifest", Map.of("catalog_id", "ubuntu", "specs", Map.of("cpu", "2"))));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.text("host")).isEqualTo("mac-b-healthy");
        assertThat(broken.creations.get()).isEqualTo(1);
        assertThat(healthy.vms()).hasSize(1);
        assertThat(reservations()).isZero();

        healthy.failCreations = true;
        Response none = create(Map.of(
                "name", "doomed", "catalog_manifest", Map.of("catalog_id", "ubuntu", "specs", Map.of("cpu", "2"))));
        assertThat(none.status()).isEqualTo(503);
        assertThat(none.text("detail"))
                .contains("mac-a-broken (creation failed")
                .contains("mac-b-healthy (creation failed");
        assertThat(reservations()).isZero();
    }

    @Test
    void operationsOnAnyVmAreForwardedToItsHost() throws Exception {
        FakeAgent agent = enrolled("mac-1", "arm64", 8, 16384);
        String vm = agent.addVm("web", "stopped", false, 2, 2048);
        agent.heartbeat(api);
        await(() -> fleetVms().size() == 1, "the VM to be listed");

        Response start = api.put("/api/v1/orchestrator/machines/web/start", null, root);

        assertThat(start.status()).isEqualTo(200);
        assertThat(agent.requests).contains("PUT /api/v1/machines/" + vm + "/start");
        assertThat(api.get("/api/v1/orchestrator/machines/" + vm, root)
                        .body()
                        .path("State")
                        .asString())
                .isEqualTo("running");
        assertThat(api.get("/api/v1/orchestrator/machines/nope", root).status()).isEqualTo(404);
    }

    @Test
    void aClientWrittenForOneHostWorksAgainstTheWholeFleet() throws Exception {
        // The reference's host API (/api/v1/machines/...) answered by the fleet as if it were one big host.
        FakeAgent first = enrolled("mac-1", "arm64", 8, 16384);
        FakeAgent second = enrolled("mac-2", "arm64", 8, 16384);
        first.addVm("web", "stopped", false, 2, 2048);
        String db = second.addVm("db", "running", false, 2, 2048);
        first.heartbeat(api);
        second.heartbeat(api);
        await(() -> fleetVms().size() == 2, "both VMs to be listed");

        assertThat(api.get("/api/v1/machines", root).body().findValuesAsString("Name"))
                .containsExactlyInAnyOrder("web", "db");
        // As the reference's Postman collection and web UI call it: GET, with ?force=true.
        Response stopped = api.get("/api/v1/machines/db/stop?force=true", root);
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.text("operation")).isEqualTo("stop");
        assertThat(second.requests).contains("PUT /api/v1/machines/" + db + "/stop?force=true");
        assertThat(api.get("/api/v1/machines/db/status", root).text("status")).isEqualTo("stopped");

        Response created = api.post(
                "/api/v1/machines", Map.of("name", "ci-1", "catalog_manifest", Map.of("catalog_id", "ubuntu")), root);
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.text("host")).isIn("mac-1", "mac-2");
        assertThat(api.get("/api/v1/machines/nope", root).status()).isEqualTo(404);
    }

    @Test
    void theFleetDescribesItselfAsTheReferenceDescribesOneHost() throws Exception {
        enrolled("mac-arm", "arm64", 8, 16384);
        enrolled("mac-intel", "x86_64", 4, 8192);

        Response hardware = api.get("/api/v1/config/hardware", root);

        assertThat(hardware.status()).as(hardware.body().toString()).isEqualTo(200);
        // The reference's web UI switches its pages on by these names.
        assertThat(hardware.body().path("enabled_modules").valueStream().map(JsonNode::asString))
                .contains("api", "host", "orchestrator", "catalog", "cache");
        assertThat(hardware.body().path("total").path("logical_cpu_count").asInt())
                .isEqualTo(12);
        assertThat(hardware.body().path("total").path("memory_size").asLong()).isEqualTo(16384 + 8192);
        assertThat(hardware.text("cpu_type")).isEqualTo("mixed");
        assertThat(hardware.text("parallels_desktop_version")).isEqualTo("26.1.0");

        Response health = api.get("/api/v1/health/system", root);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("healthy").asBoolean()).isTrue();
        assertThat(health.text("message")).contains("2 of 2 hosts healthy");
    }

    @Test
    void eachHostsCacheLogsAndBundlesAreReachedThroughTheFleet() throws Exception {
        FakeAgent first = enrolled("mac-1", "arm64", 8, 16384);
        FakeAgent second = enrolled("mac-2", "arm64", 8, 16384);
        first.cacheImage("golden", "1.0");
        second.cacheImage("golden", "2.0");
        second.cacheImage("base", "1.0");

        Response fleet = api.get("/api/v1/cache", root);
        assertThat(fleet.status()).as(fleet.body().toString()).isEqualTo(200);
        assertThat(fleet.body().path("manifests").findValuesAsString("host_name"))
                .containsExactly("mac-1", "mac-2", "mac-2");
        assertThat(fleet.body().path("total_size").asLong()).isEqualTo(3 * 1024);
        Response one = api.get("/api/v1/orchestrator/hosts/mac-2/catalog/cache", root);
        assertThat(one.body().path("manifests").findValuesAsString("catalog_id"))
                .containsExactlyInAnyOrder("golden", "base");
        // The reference's web UI calls the same without "catalog/".
        assertThat(api.get("/api/v1/orchestrator/hosts/" + second.hostId() + "/cache", root)
                        .body()
                        .path("manifests")
                        .size())
                .isEqualTo(2);

        assertThat(api.delete("/api/v1/cache/golden", root).status()).isEqualTo(202);
        assertThat(first.requests).contains("DELETE /api/v1/cache/golden");
        assertThat(second.requests).contains("DELETE /api/v1/cache/golden");
        assertThat(api.delete("/api/v1/orchestrator/hosts/mac-2/catalog/cache/base/1.0", root)
                        .status())
                .isEqualTo(202);
        assertThat(api.get("/api/v1/cache", root).body().path("manifests").size())
                .isZero();

        Response logs = api.get("/api/v1/orchestrator/hosts/mac-1/logs", root);
        assertThat(logs.status()).isEqualTo(200);
        assertThat(logs.raw().body()).contains("mac-1: agent started");

        Response registered = api.post(
                "/api/v1/orchestrator/hosts/mac-2/machines/register",
                Map.of("path", "/Users/ci/Parallels/imported.pvm"),
                root);
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(200);
        assertThat(fleetVms())
                .anyMatch(vm -> vm.path("Name").asString().equals("imported")
                        && vm.path("host_name").asString().equals("mac-2"));
        Response nowhere =
                api.post("/api/v1/machines/register", Map.of("path", "/Users/ci/Parallels/imported.pvm"), root);
        assertThat(nowhere.status()).isEqualTo(400);
        assertThat(nowhere.text("type")).endsWith("/host-required");
    }

    // ---- jobs
    // --------------------------------------------------------------------------------------------------------

    @Test
    void anAsyncCreationIsAJobThatEndsCompletedOrFailedWithTheReason() throws Exception {
        FakeAgent agent = enrolled("mac-1", "arm64", 8, 16384);
        agent.createDelayMs = 300;

        Response accepted = api.post(
                "/api/v1/orchestrator/machines/async",
                Map.of("name", "async-1", "catalog_manifest", Map.of("catalog_id", "ubuntu")),
                root);
        assertThat(accepted.status()).isEqualTo(202);
        String job = accepted.text("id");
        await(() -> job(job).text("state").equals("completed"), "the job to complete");
        Response done = job(job);
        assertThat(done.body().path("progress").asInt()).isEqualTo(100);
        assertThat(done.text("result_record_name")).isEqualTo("async-1");
        assertThat(agent.vms()).extracting(vm -> vm.get("Name")).contains("async-1");

        agent.failCreations = true;
        String failing = api.post(
                        "/api/v1/orchestrator/machines/async",
                        Map.of("name", "async-2", "catalog_manifest", Map.of("catalog_id", "ubuntu")),
                        root)
                .text("id");
        await(() -> job(failing).text("state").equals("failed"), "the job to fail");
        assertThat(job(failing).text("error")).contains("mac-1 (creation failed");
        assertThat(reservations()).isZero();
    }

    @Test
    void aCreationWhoseAgentDiesMidwayFailsWithTheReasonAndReleasesItsReservation() throws Exception {
        FakeAgent agent = enrolled("mac-1", "arm64", 8, 16384);
        agent.holdJobs = true;

        String job = api.post(
                        "/api/v1/orchestrator/machines/async",
                        Map.of("name", "orphan", "catalog_manifest", Map.of("catalog_id", "ubuntu")),
                        root)
                .text("id");
        await(() -> job(job).body().path("progress").asInt() > 5, "the creation to make progress");
        assertThat(job(job).text("state")).isEqualTo("running");
        assertThat(reservations()).isEqualTo(1);
        agent.close();

        await(() -> job(job).text("state").equals("failed"), "the job to fail");
        assertThat(job(job).text("error")).contains("stopped answering");
        assertThat(reservations()).isZero();
    }

    @Test
    void aJobWhoseReplicaDiedIsFailedBySomeoneElse() throws Exception {
        jdbc.update("""
                insert into jobs (id, owner_id, owner_name, job_type, operation, state, progress, replica, heartbeat_at,
                                  created_at, updated_at)
                values ('00000000-0000-0000-0000-00000000dead', 'root', 'root', 'machines', 'create', 'running', 30,
                        'replica-that-crashed', now() - interval '5 minutes', now() - interval '6 minutes', now())
                """);

        await(
                () -> "failed"
                        .equals(jdbc.queryForObject(
                                "select state from jobs where id = '00000000-0000-0000-0000-00000000dead'",
                                String.class)),
                "the sweeper to fail the abandoned job",
                Duration.ofSeconds(25));
        assertThat(jdbc.queryForObject(
                        "select error from jobs where id = '00000000-0000-0000-0000-00000000dead'", String.class))
                .contains("replica-that-crashed")
                .contains("Try the operation again");
    }

    @Test
    void badCreateRequestsAreRefusedWithAProblemAndTouchNoHost() throws Exception {
        FakeAgent agent = enrolled("mac-1", "arm64", 8, 16384);

        assertThat(create(Map.of("name", "x")).text("detail")).contains("exactly one of clone_of and catalog_manifest");
        assertThat(create(Map.of(
                                "name",
                                "x",
                                "catalog_manifest",
                                Map.of("catalog_id", "u", "specs", Map.of("cpu", "lots"))))
                        .text("detail"))
                .contains("specs.cpu must be a whole number");
        Response badName = create(Map.of("name", "../etc", "catalog_manifest", Map.of("catalog_id", "u")));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body().toString()).contains("name");
        assertThat(create(Map.of("name", "x", "architecture", "sparc", "catalog_manifest", Map.of("catalog_id", "u")))
                        .status())
                .isEqualTo(400);
        assertThat(agent.creations.get()).isZero();
    }

    // ---- helpers
    // -----------------------------------------------------------------------------------------------------

    private FakeAgent fake(String name, String architecture, int cpus, long memoryMb) throws Exception {
        FakeAgent agent = new FakeAgent(name, architecture, cpus, memoryMb);
        agents.add(agent);
        return agent;
    }

    private FakeAgent enrolled(String name, String architecture, int cpus, long memoryMb) throws Exception {
        FakeAgent agent = fake(name, architecture, cpus, memoryMb);
        Response response = agent.enroll(api, enrollmentToken(name));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        assertThat(agent.heartbeat(api).status()).isEqualTo(200);
        return agent;
    }

    private String enrollmentToken(String hostName) {
        Response response = api.post("/api/v1/orchestrator/enrollment-token", Map.of("host_name", hostName), root);
        assertThat(response.status()).as(response.body().toString()).isIn(200, 201);
        return response.text("token");
    }

    private void tag(String host, List<String> tags) {
        Response response = api.put("/api/v1/orchestrator/hosts/" + host, Map.of("tags", tags), root);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
    }

    private Response create(Map<String, Object> request) {
        return api.post("/api/v1/orchestrator/machines", request, root);
    }

    private Response host(FakeAgent agent) {
        return api.get("/api/v1/orchestrator/hosts/" + agent.hostId(), root);
    }

    private Response job(String id) {
        return api.get("/api/v1/jobs/" + id, root);
    }

    private List<JsonNode> fleetVms() {
        List<JsonNode> vms = new ArrayList<>();
        api.get("/api/v1/orchestrator/machines", root).body().forEach(vms::add);
        return vms;
    }

    private int reservations() {
        return jdbc.queryForObject("select count(*) from capacity_reservations", Integer.class);
    }

    private static int countRequests(FakeAgent agent, String request) {
        return (int) agent.requests.stream().filter(request::equals).count();
    }

    private static void await(BooleanSupplier condition, String what) {
        await(condition, what, Duration.ofSeconds(15));
    }

    private static void await(BooleanSupplier condition, String what, Duration limit) {
        Awaitility.await(what)
                .atMost(limit)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }
}
