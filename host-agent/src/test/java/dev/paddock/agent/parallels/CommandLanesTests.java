package dev.paddock.agent.parallels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paddock.agent.AgentProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Guest commands (a build in a VM, an hour long) and control commands (list, start, stop) wait for slots of their own:
 * with every guest slot taken, a list still runs at once.
 */
class CommandLanesTests {

    @TempDir
    Path folder;

    private CommandRunner runner() throws IOException {
        // A stand-in prlctl: exec sleeps as a long guest command would; anything else answers at once.
        Path prlctl = folder.resolve("prlctl");
        Files.writeString(prlctl, "#!/bin/sh\nif [ \"$1\" = exec ]; then sleep 3; fi\necho '[]'\n");
        Files.setPosixFilePermissions(prlctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        AgentProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                        "paddock.agent.prlctl-path", prlctl.toString(),
                        "paddock.agent.run-as-owner", "false",
                        "paddock.agent.max-concurrent-commands", "1",
                        "paddock.agent.max-concurrent-guest-commands", "1",
                        "paddock.agent.command-timeout", "1s")))
                .bindOrCreate("paddock.agent", AgentProperties.class);
        return new CommandRunner(properties, List.of());
    }

    @Test
    void aLongGuestCommandLeavesControlCommandsTheirOwnSlots() throws Exception {
        CommandRunner runner = runner();
        CompletableFuture<CommandRunner.Output> build = CompletableFuture.supplyAsync(
                () -> runner.run(Prlctl.exec("vm", "make"), null, Duration.ofSeconds(10)));
        Thread.sleep(300);

        long started = System.nanoTime();
        assertThat(runner.check(Prlctl.listAll(), null)).contains("[]");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

        // The one guest slot is taken: a second guest command waits and gives up after its timeout.
        assertThatThrownBy(() -> runner.run(Prlctl.exec("vm", "make"), null, Duration.ofMillis(500)))
                .isInstanceOf(PrlctlTimeout.class);
        assertThat(build.get().exitCode()).isZero();
    }
}
