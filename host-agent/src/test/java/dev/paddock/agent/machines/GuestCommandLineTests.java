package dev.paddock.agent.machines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paddock.agent.machines.MachineRequests.Execute;
import dev.paddock.common.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The line handed to {@code prlctl exec} is one argument that the guest's shell runs ({@code bash -c}, OpenVZ/prlctl
 * man/prlctl.8:193-195): a plain command goes as it is; a user or variables wrap it with every part quoted.
 */
class GuestCommandLineTests {

    private static Execute command(String line, Map<String, String> environment, String user, boolean sudo) {
        return new Execute(line, environment, null, sudo, false, user);
    }

    @Test
    void aPlainCommandGoesToTheGuestShellAsItIs() {
        String line = "echo \"a  b\" && echo $HOME; printf '%s' x";

        assertThat(GuestCommandLine.of(command(line, Map.of(), null, false), false))
                .isEqualTo(line);
    }

    @Test
    void variablesAndAUserWrapTheCommandQuoted() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("GREETING", "it's a  b");
        environment.put("EMPTY", "");

        assertThat(GuestCommandLine.of(command("echo \"$GREETING\"", environment, "ci", false), false))
                .isEqualTo("sudo -u ci env GREETING='it'\\''s a  b' EMPTY='' /bin/sh -c 'echo \"$GREETING\"'");
    }

    @Test
    void useSudoWithoutAUserRunsAsRoot() {
        assertThat(GuestCommandLine.of(command("id -u", Map.of(), null, true), false))
                .isEqualTo("sudo -u root /bin/sh -c 'id -u'");
    }

    @Test
    void aWindowsGuestTakesThePlainCommandOnly() {
        assertThat(GuestCommandLine.of(command("dir C:\\", Map.of(), null, false), true))
                .isEqualTo("dir C:\\");
        assertThatThrownBy(() -> GuestCommandLine.of(command("dir", Map.of("A", "b"), null, false), true))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("cmd /c");
    }

    @Test
    void aVariableNameThatIsNotOneIsRefused() {
        assertThatThrownBy(() -> GuestCommandLine.of(command("true", Map.of("A;rm", "x"), null, false), false))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("A;rm");
    }
}
