package dev.paddock.agent.machines;

import static dev.paddock.agent.parallels.ShellQuoting.quote;

import dev.paddock.agent.machines.MachineRequests.Execute;
import dev.paddock.common.problem.ProblemException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one line {@code prlctl exec} hands to the guest's shell. PD runs it with {@code bash -c} in Linux and macOS guests
 * and {@code cmd /c} in Windows guests (OpenVZ/prlctl man/prlctl.8:193-195), so the request's command goes as it is;
 * a user or environment variables wrap it as {@code sudo -u U env K='v' /bin/sh -c '<command>'}, every part quoted, so
 * the guest's shell sees exactly the words meant (the reference builds the same shape, main.go:2641-2700).
 */
final class GuestCommandLine {

    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,127}$");

    private GuestCommandLine() {}

    static String of(Execute request, boolean windowsGuest) {
        Map<String, String> environment =
                request.environmentVariables() == null ? Map.of() : request.environmentVariables();
        boolean asUser = request.useSudo() || request.user() != null;
        String command = request.command() == null ? "" : request.command();
        if (environment.isEmpty() && !asUser) {
            return command;
        }
        if (windowsGuest) {
            throw ProblemException.badRequest(
                    "unsupported",
                    "user, use_sudo and environment_variables need a POSIX guest; in a Windows guest the command runs"
                            + " with cmd /c as the logged-in user: set variables in the command itself.");
        }
        StringBuilder line = new StringBuilder();
        if (asUser) {
            line.append("sudo -u ")
                    .append(quote(request.user() == null ? "root" : request.user()))
                    .append(' ');
        }
        if (!environment.isEmpty()) {
            line.append("env ");
            environment.forEach((name, value) -> {
                if (!ENV_NAME.matcher(name).matches()) {
                    throw ProblemException.badRequest(
                            "invalid-environment", "Environment variable name '" + name + "' is invalid.");
                }
                line.append(name).append('=').append(quote(value)).append(' ');
            });
        }
        return line.append("/bin/sh -c ").append(quote(command)).toString();
    }
}
