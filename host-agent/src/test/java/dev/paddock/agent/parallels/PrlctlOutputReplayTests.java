package dev.paddock.agent.parallels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays recorded output in PD's real format (keys with spaces and capitals, sizes with units and spaces, braces
 * around ids, IPv6 before IPv4, missing sections) through the parser the agent uses.
 */
class PrlctlOutputReplayTests {

    private static List<Vm> replay(String resource) throws IOException {
        try (InputStream in = PrlctlOutputReplayTests.class.getResourceAsStream("/prlctl/" + resource)) {
            JsonNode list = JsonMapper.builder().build().readTree(in);
            List<Vm> vms = new ArrayList<>();
            list.forEach(node -> vms.add(Vm.parse(node, "builder")));
            return vms;
        }
    }

    @Test
    void parsesARunningMacOsVm() throws IOException {
        Vm vm = replay("list-info.json").get(0);

        assertThat(vm.id()).isEqualTo("0e3b7a52-0c7f-4a3c-9a37-2f0d9b6c1a10");
        assertThat(vm.name()).isEqualTo("ci-runner-1");
        assertThat(vm.isMacOs()).isTrue();
        assertThat(vm.isRunning()).isTrue();
        assertThat(vm.cpus()).isEqualTo(4);
        assertThat(vm.memoryMb()).isEqualTo(8192);
        assertThat(vm.diskMb()).isEqualTo(100 * 1024);
        assertThat(vm.ip()).isEqualTo("10.211.55.7");
        assertThat(vm.owner()).isEqualTo("builder");
        assertThat(vm.home()).isEqualTo("/Users/builder/Parallels/ci-runner-1.macvm/");
        assertThat(vm.raw().path("Startup and Shutdown").path("On shutdown").asString())
                .isEqualTo("Close window");
    }

    @Test
    void parsesASuspendedTemplateWithSpacesInItsNameAndUnitsWithSpaces() throws IOException {
        Vm vm = replay("list-info.json").get(1);

        assertThat(vm.name()).isEqualTo("Ubuntu 24.04 (1)");
        assertThat(vm.isMacOs()).isFalse();
        assertThat(vm.template()).isTrue();
        assertThat(vm.owner()).isEqualTo("qa");
        assertThat(vm.memoryMb()).isEqualTo(2048);
        assertThat(vm.diskMb()).isEqualTo(65536);
        assertThat(vm.ip()).isNull();
        assertThat(vm.usesCapacity()).isFalse();
    }

    @Test
    void parsesATransitionalStateWithMissingSections() throws IOException {
        Vm vm = replay("list-info.json").get(2);

        assertThat(vm.state()).isEqualTo("stopping");
        assertThat(vm.usesCapacity()).isTrue();
        assertThat(vm.cpus()).isEqualTo(6);
        assertThat(vm.memoryMb()).isEqualTo(16384);
        assertThat(vm.diskMb()).isEqualTo(262144);
        assertThat(vm.raw().path("Description").isMissingNode()).isTrue();
        assertThat(vm.ip()).isNull();
    }
}
