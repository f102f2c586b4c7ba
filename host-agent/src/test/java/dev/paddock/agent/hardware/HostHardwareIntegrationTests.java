package dev.paddock.agent.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.SimulatedHost;
import dev.paddock.agent.parallels.CommandRunners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The Mac's hardware is read with sysctl and uname, as the reference reads it, through the simulator's stand-ins for
 * them; PD's own info has none of it. One that cannot be read is an error naming the command, never a guess.
 */
class HostHardwareIntegrationTests {

    @TempDir
    Path home;

    private HostHardware hardware(String hostProperties) throws IOException {
        Files.writeString(home.resolve("host.properties"), hostProperties);
        Map<String, String> settings = new HashMap<>(SimulatedHost.agentSettings(home));
        AgentProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("paddock.agent", AgentProperties.class);
        return new HostHardware(CommandRunners.of(properties));
    }

    @Test
    void readsMemoryCpusAndArchitectureFromTheMac() throws IOException {
        HostHardware.Hardware machine = hardware("architecture=x86_64\nmemory-mb=65536\ncpus=16\nphysical-cpus=8\n")
                .hardware();

        assertThat(machine.architecture()).isEqualTo("x86_64");
        assertThat(machine.memoryMb()).isEqualTo(65536);
        assertThat(machine.logicalCpus()).isEqualTo(16);
        assertThat(machine.physicalCpus()).isEqualTo(8);
        assertThat(machine.cpuBrand()).isNotBlank();
    }

    @Test
    void hardwareThatCannotBeReadIsAnErrorThatSaysWhichCommand() throws IOException {
        HostHardware unreadable = hardware("hardware=unreadable\n");

        assertThatThrownBy(unreadable::hardware)
                .isInstanceOf(HostHardware.HardwareUnreadable.class)
                .hasMessageContaining("sysctl -n hw.memsize")
                .hasMessageContaining("not reported");
    }
}
