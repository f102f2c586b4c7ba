package dev.paddock.agent.machines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.agent.AgentIntegrationTest;
import dev.paddock.testsupport.ApiClient.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listing, power and the host report over real HTTP, driving the simulator through the real prlctl driver. */
class MachinesIntegrationTests extends AgentIntegrationTest {

    @BeforeEach
    void narrowOperator() {
        operator = tokenWith("LIST_VM", "UPDATE_VM_STATES", "LIST");
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
        // PD says "VM" for every type (REF models/virtual_machines.go); macOS shows in OS and the bundle.
        assertThat(vm.path("OS").asString()).isEqualTo("macosx");
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
        assertThat(status.text("ip_configured")).startsWith("127.");
        assertThat(api.get("/api/v1/machines/" + name, operator).text("internal_ip_address"))
                .isEqualTo(status.text("ip_configured"));

        assertThat(api.put("/api/v1/machines/" + name + "/stop", null, operator).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/machines/" + name + "/status", operator).text("status"))
                .isEqualTo("stopped");
    }

    @Test
    void aPowerOperationAlreadyDoneSucceedsWithoutAskingParallels() throws Exception {
        String name = createVm("twice", "ubuntu");
        api.put("/api/v1/machines/" + name + "/start", null, operator);
        // Were prlctl asked again, this fault would fail the request (the reference answers success,
        // main.go:1226-1286).
        host.fault("start.fail", "Failed to start the VM: The virtual machine is already running.");

        Response again = api.put("/api/v1/machines/" + name + "/start", null, operator);

        assertThat(again.status()).isEqualTo(200);
        host.clearFaults();
        api.put("/api/v1/machines/" + name + "/stop", null, operator);
    }

    @Test
    void stoppingASuspendedVmNeedsForceWhichDropsItsSavedState() {
        String name = createVm("suspended", "ubuntu");
        api.put("/api/v1/machines/" + name + "/start", null, operator);
        api.put("/api/v1/machines/" + name + "/suspend", null, operator);

        Response plain = api.put("/api/v1/machines/" + name + "/stop", null, operator);
        assertThat(plain.status()).isEqualTo(409);
        assertThat(plain.text("detail")).contains("suspended").contains("force=true");

        assertThat(api.put("/api/v1/machines/" + name + "/stop?force=true", null, operator)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/machines/" + name + "/status", operator).text("status"))
                .isEqualTo("stopped");
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
    void aRunningMacOsGuestsAddressIsAskedFromTheGuest() {
        String mac = createVm("mac-address", "macos");
        api.put("/api/v1/machines/" + mac + "/start", null, operator);

        // PD's list reports no address for macOS guests (REF main.go:793-797); the agent asks the guest.
        assertThat(host.prlctl("list", mac, "-a", "-f", "--json")).containsPattern("\"ip_configured\"\\s*:\\s*\"-\"");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(
                                api.get("/api/v1/machines/" + mac, operator).text("internal_ip_address"))
                        .matches("127\\.[0-9.]+"));
        assertThat(api.get("/api/v1/machines/" + mac + "/status", operator).text("ip_configured"))
                .matches("127\\.[0-9.]+");
        api.put("/api/v1/machines/" + mac + "/stop", null, operator);
    }

    @Test
    void refusesCallersWithoutTheClaim() {
        Map<String, String> viewer = tokenWith("LIST_VM");

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
}
