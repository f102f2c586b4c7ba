package dev.paddock.agent.parallels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.agent.AgentProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Who a command runs as: a VM's owner through sudo when running as owners is on and the owner is someone else, the
 * agent's own user otherwise (the reference's AsUser, src/helpers/os.go:67-85).
 */
class CommandRunnerTests {

    private static final String ME = System.getProperty("user.name");

    private static CommandRunner runner(boolean runAsOwner) {
        AgentProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                        "paddock.agent.run-as-owner", String.valueOf(runAsOwner),
                        "paddock.agent.prlctl-path", "/opt/pd/prlctl",
                        "paddock.agent.tools.sudo", "/opt/bin/sudo")))
                .bindOrCreate("paddock.agent", AgentProperties.class);
        return new CommandRunner(properties, List.of());
    }

    @Test
    void anotherOwnersCommandRunsAsThemThroughSudo() {
        assertThat(runner(true).argv(Prlctl.listAll(), "builder"))
                .containsExactly(
                        "/opt/bin/sudo", "-n", "-u", "builder", "/opt/pd/prlctl", "list", "-a", "-i", "--json");
    }

    @Test
    void theAgentsOwnUserNeedsNoSudo() {
        assertThat(runner(true).argv(Prlctl.listAll(), ME)).first().isEqualTo("/opt/pd/prlctl");
        assertThat(runner(true).argv(Prlctl.listAll(), null)).first().isEqualTo("/opt/pd/prlctl");
    }

    @Test
    void withRunningAsOwnersOffNothingSwitchesUser() {
        assertThat(runner(false).argv(Prlctl.listAll(), "builder")).first().isEqualTo("/opt/pd/prlctl");
    }
}
