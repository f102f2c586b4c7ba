package dev.paddock.simulator.guest;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The commands a simulated guest understands, for {@code prlctl exec} and for SSH sessions alike. A small, documented
 * set — enough for the agent's exec API, IP discovery and end-to-end tests:
 * {@code hostname}, {@code whoami}, {@code echo ...}, {@code uname [-a]}, {@code sw_vers} (macOS guests),
 * {@code cat /etc/os-release} (Linux guests), {@code ipconfig getifaddr en0}, {@code date}, {@code printenv},
 * {@code sleep <seconds>}, {@code true}, {@code false}, {@code exit <code>}. Anything else: exit code 127.
 */
public final class GuestCommands {

    /** Output of a guest command. */
    public record Result(int exitCode, String stdout, String stderr) {}

    private final String vmName;
    private final String ip;
    private final boolean macos;

    public GuestCommands(String vmName, String ip, boolean macos) {
        this.vmName = vmName;
        this.ip = ip;
        this.macos = macos;
    }

    public Result run(List<String> argv, String user, Map<String, String> environment) {
        if (argv.isEmpty()) {
            return new Result(0, "", "");
        }
        String command = argv.getFirst();
        List<String> args = argv.subList(1, argv.size());
        return switch (command) {
            case "hostname" -> ok(vmName);
            case "whoami" -> ok(user);
            case "echo" -> ok(String.join(" ", args));
            case "uname" ->
                ok(
                        args.contains("-a")
                                ? (macos
                                        ? "Darwin " + vmName + " 24.1.0 Darwin Kernel Version 24.1.0 arm64"
                                        : "Linux " + vmName + " 6.8.0 aarch64 GNU/Linux")
                                : (macos ? "Darwin" : "Linux"));
            case "sw_vers" ->
                macos
                        ? ok("ProductName:\t\tmacOS\nProductVersion:\t\t15.1\nBuildVersion:\t\t24B83")
                        : notFound(command);
            case "cat" ->
                args.equals(List.of("/etc/os-release")) && !macos
                        ? ok("NAME=\"Ubuntu\"\nVERSION_ID=\"24.04\"\nID=ubuntu")
                        : new Result(1, "", "cat: " + String.join(" ", args) + ": No such file or directory\n");
            case "ipconfig" -> args.equals(List.of("getifaddr", "en0")) ? ok(ip) : new Result(1, "", "");
            case "date" -> ok(ZonedDateTime.now().toString());
            case "printenv" ->
                ok(String.join(
                        "\n",
                        new TreeMap<>(environment)
                                .entrySet().stream()
                                        .map(e -> e.getKey() + "=" + e.getValue())
                                        .toList()));
            case "sleep" -> sleep(args);
            case "true" -> new Result(0, "", "");
            case "false" -> new Result(1, "", "");
            case "exit" -> new Result(args.isEmpty() ? 0 : parseCode(args.getFirst()), "", "");
            default -> notFound(command);
        };
    }

    private static Result ok(String line) {
        return new Result(0, line + "\n", "");
    }

    private static Result notFound(String command) {
        return new Result(127, "", "sh: " + command + ": command not found\n");
    }

    private static Result sleep(List<String> args) {
        try {
            Thread.sleep((long) (Double.parseDouble(args.isEmpty() ? "0" : args.getFirst()) * 1000));
            return new Result(0, "", "");
        } catch (NumberFormatException e) {
            return new Result(1, "", "sleep: invalid time interval\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "", "");
        }
    }

    private static int parseCode(String value) {
        try {
            return Integer.parseInt(value) & 0xff;
        } catch (NumberFormatException e) {
            return 2;
        }
    }
}
