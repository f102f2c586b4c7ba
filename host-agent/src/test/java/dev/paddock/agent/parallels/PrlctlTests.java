package dev.paddock.agent.parallels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paddock.agent.parallels.Prlctl.StopMode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The argument lists the driver sends, exactly; see docs/compatibility.md for the evidence of each. */
class PrlctlTests {

    static Stream<Arguments> commands() {
        String id = "0e3b7a52-0c7f-4a3c-9a37-2f0d9b6c1a10";
        return Stream.of(
                Arguments.of(Prlctl.listAll(), "list -a -i --json"),
                Arguments.of(Prlctl.listTemplates(), "list -t -a -i --json"),
                Arguments.of(Prlctl.listOne(id), "list " + id + " -a -i --json"),
                Arguments.of(Prlctl.status(id), "list " + id + " -a -f --json"),
                Arguments.of(Prlctl.power(PowerOperation.START, id, StopMode.GRACEFUL), "start " + id),
                Arguments.of(Prlctl.power(PowerOperation.STOP, id, StopMode.KILL), "stop " + id + " --kill"),
                Arguments.of(
                        Prlctl.power(PowerOperation.STOP, id, StopMode.DROP_STATE), "stop " + id + " --drop-state"),
                Arguments.of(
                        Prlctl.register(Path.of("/p/a.pvm"), id, new Prlctl.RegisterOptions(true, true, true)),
                        "register /p/a.pvm --uuid " + id
                                + " --regenerate-src-uuid --force --delay-applying-restrictions"),
                Arguments.of(Prlctl.unregister(id, true), "unregister " + id + " --clean-src-uuid"),
                Arguments.of(Prlctl.delete(id), "delete " + id),
                Arguments.of(Prlctl.clone(id, "copy 1", Path.of("/p")), "clone " + id + " --name copy 1 --dst /p"),
                Arguments.of(Prlctl.regenerateMac(id), "set " + id + " --device-set net0 --mac auto"),
                Arguments.of(
                        Prlctl.exec(id, "echo \"a  b\" && echo $HOME"), "exec " + id + " echo \"a  b\" && echo $HOME"),
                Arguments.of(Prlctl.macGuestAddress(id), "exec " + id + " ipconfig getifaddr en0"),
                Arguments.of(Prlctl.snapshotDelete(id, "{s}", true), "snapshot-delete " + id + " --id {s} -c"),
                Arguments.of(
                        Prlctl.snapshotSwitch(id, "{s}", true), "snapshot-switch " + id + " --id {s} --skip-resume"),
                Arguments.of(Prlctl.monitorEvents(), "monitor-events --json"),
                Arguments.of(HostTools.users(), "user list --json"),
                Arguments.of(HostTools.licenseInfo(), "info --license --json"),
                Arguments.of(HostTools.sysctl("hw.memsize"), "-n hw.memsize"),
                Arguments.of(HostTools.machine(), "-m"),
                Arguments.of(HostTools.chown("builder", Path.of("/p/a.pvm")), "-R builder /p/a.pvm"),
                Arguments.of(HostTools.prlcopy(id, Path.of("/tmp/f"), "/home/ci"), "--vm " + id + " /tmp/f /home/ci"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void buildsTheArgumentsPdExpects(PdCommand command, String expected) {
        assertThat(String.join(" ", command.arguments())).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void execIsTheOnlyCommandThatTakesTheLongGuestLane(PdCommand command, String expected) {
        boolean guest = command.arguments().contains("exec") || command.tool() == PdCommand.Tool.PRLCOPY;
        assertThat(command.lane() == PdCommand.Lane.GUEST).isEqualTo(guest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-rf", "--kill", " "})
    void anOperandThatWouldReadAsAFlagIsRefused(String operand) {
        assertThatThrownBy(() -> Prlctl.listOne(operand)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Prlctl.clone("vm", operand, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "restart", "suspend"})
    void onlyStopTakesAStopMode(String verb) {
        PowerOperation operation = PowerOperation.of(verb).orElseThrow();
        assertThatThrownBy(() -> Prlctl.power(operation, "vm", StopMode.KILL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Prlctl.power(operation, "vm", StopMode.GRACEFUL).arguments()).isEqualTo(List.of(verb, "vm"));
    }
}
