package dev.paddock.agent.machines;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.agent.SimulatedHost;
import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import dev.paddock.testsupport.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The agent's host API over real HTTP, driving the simulator through the real prlctl driver. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MachinesIntegrationTests {

    static final TestTokens tokens = TestTokens.start();
    static final SimulatedHost host;

    static {
        try {
            host = new SimulatedHost(Files.createTempDirectory("agent-machines-"));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void agent(DynamicPropertyRegistry registry) {
        registry.add("paddock.security.jwt.jwks-uri", tokens::jwksUri);
        registry.add("paddock.agent.prlctl-path", SimulatedHost.PRLCTL::toString);
        registry.add("paddock.agent.prlsrvctl-path", SimulatedHost.PRLSRVCTL::toString);
        registry.add("paddock.agent.run-as-owner", () -> "false");
        registry.add(
                "paddock.agent.command-environment.PADDOCK_SIM_HOME",
                () -> host.home().toString());
    }

    @AfterAll
    static void tearDown() {
        host.stopAll();
        tokens.close();
    }

    @LocalServerPort
    int port;

    ApiClient api;
    Map<String, String> operator;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
        operator = bearer(tokens.issue("operator", Set.of("USER"), Set.of("LIST_VM", "UPDATE_VM_STATES", "LIST")));
    }

    /** Creates a VM behind the agent's back, as someone using Parallels on the Mac would, and waits for the agent to
     * learn of it from PD's event stream. */
    private String createVm(String prefix, String ostype) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        host.prlctl("create", name, "--ostype", ostype, "--disk-size", "1024");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(
                                api.get("/api/v1/machines/" + name, operator).status())
                        .isEqualTo(200));
        return name;
    }

    @Test
    void listsTheHostsVmsInParallelsOwnShape() {
        String mac = createVm("list-mac", "macos");
        String linux = createVm("list-linux", "ubuntu");

        Response response = api.get("/api/v1/machines", operator);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().findValuesAsString("Name")).contains(mac, linux);
        var vm = find(response, mac);
        assertThat(vm.path("ID").asString()).doesNotStartWith("{").hasSize(36);
        assertThat(vm.path("Type").asString()).isEqualTo("APPLE_VZ_VM");
        assertThat(vm.path("Hardware").path("memory").path("size").asString()).isEqualTo("8192Mb");
        assertThat(vm.path("Home path").asString()).endsWith(mac + ".macvm/config.pvs");
        assertThat(vm.path("user").asString()).isNotBlank();
    }

    @Test
    void narrowsTheListWithXFilter() {
        String wanted = createVm("filter-yes", "ubuntu");
        String other = createVm("filter-no", "ubuntu");

        Response response = api.get(
                "/api/v1/machines",
                Map.of("Authorization", operator.get("Authorization"), "X-Filter", "name=^FILTER-YES,i"));

        assertThat(response.body().findValuesAsString("Name")).contains(wanted).doesNotContain(other);
    }

    @Test
    void refusesAMalformedFilterWith400() {
        Response response = api.get(
                "/api/v1/machines",
                Map.of("Authorization", operator.get("Authorization"), "X-Filter", "Name=[unclosed"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("detail")).contains("invalid regular expression");
    }

    @Test
    void startsAndStopsAVmAndReportsItsGuestAddress() {
        String name = createVm("power", "ubuntu");

        Response started = api.put("/api/v1/machines/" + name + "/start", null, operator);
        assertThat(started.status()).as(started.body().toString()).isEqualTo(200);
        Response status = api.get("/api/v1/machines/" + name + "/status", operator);
        assertThat(status.text("status")).isEqualTo("running");
        assertThat(status.text("ip_configured")).startsWith("127.77.");
        assertThat(api.get("/api/v1/machines/" + name, operator).text("internal_ip_address"))
                .isEqualTo(status.text("ip_configured"));

        assertThat(api.put("/api/v1/machines/" + name + "/stop", null, operator).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/machines/" + name + "/status", operator).text("status"))
                .isEqualTo("stopped");
    }

    @Test
    void answersAnImpossibleTransitionWith409AndParallelsMessage() {
        String name = createVm("twice", "ubuntu");
        api.put("/api/v1/machines/" + name + "/start", null, operator);

        Response again = api.put("/api/v1/machines/" + name + "/start", null, operator);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("detail")).isEqualTo("Failed to start the VM: The virtual machine is already running.");
        api.put("/api/v1/machines/" + name + "/stop", null, operator);
    }

    @Test
    void answersAnUnknownVmWith404() {
        Response response = api.get("/api/v1/machines/no-such-vm", operator);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text("type")).endsWith("/vm-not-found");
    }

    @Test
    void reportsRunningMacOsVmsInTheHostReport() {
        String mac = createVm("report", "macos");
        api.put("/api/v1/machines/" + mac + "/start", null, operator);

        Response report = api.get("/api/v1/config/hardware", operator);

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.text("cpu_type")).isEqualTo("arm64");
        assertThat(report.body().path("total_in_use").path("mac_vms_running").toString())
                .contains(mac);
        assertThat(report.body()
                        .path("total_available")
                        .path("logical_cpu_count")
                        .asInt())
                .isLessThan(
                        report.body().path("total").path("logical_cpu_count").asInt());
        api.put("/api/v1/machines/" + mac + "/stop", null, operator);
    }

    @Test
    void refusesCallersWithoutTheClaim() {
        Map<String, String> viewer = bearer(tokens.issue("viewer", Set.of("USER"), Set.of("LIST_VM")));

        Response response = api.put("/api/v1/machines/anything/start", null, viewer);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.text("detail")).contains("UPDATE_VM_STATES");
        assertThat(api.get("/api/v1/machines", Map.of()).status()).isEqualTo(401);
    }

    private static tools.jackson.databind.JsonNode find(Response response, String name) {
        for (var vm : response.body()) {
            if (vm.path("Name").asString().equals(name)) {
                return vm;
            }
        }
        throw new AssertionError("no VM " + name + " in " + response.body());
    }

    static Path simulatorHome() {
        return host.home();
    }
}
