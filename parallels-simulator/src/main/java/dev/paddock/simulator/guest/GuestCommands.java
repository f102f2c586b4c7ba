package dev.paddock.simulator.guest;

import dev.paddock.simulator.shell.ShellWords;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The commands a simulated guest understands, for {@code prlctl exec} and for SSH sessions alike. A small, documented
 * set — enough for the agent's exec API, IP discovery and end-to-end tests:
 * {@code hostname}, {@code whoami}, {@code echo ...}, {@code uname [-a]}, {@code sw_vers} (macOS guests),
 * {@code cat /etc/os-release} (Linux guests), {@code ipconfig getifaddr en0}, {@code date}, {@code printenv},
 * {@code sleep <seconds>}, {@code true}, {@code false}, {@code exit <code>}, prefixed by {@code sudo [-n] [-u user]},
 * {@code env NAME=value} or {@code NAME=value}, or as a shell line ({@code sh|bash|zsh -c}, {@code cmd /c} for Windows
 * guests, and {@code prlctl exec}'s default) with quotes, {@code $VAR} and {@code &&}, {@code ||}, {@code ;}.
 * Anything else: exit 127.
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

    /**
     * Runs an argument vector as a guest would: {@code sudo [-u user]} and {@code env NAME=value...} prefixes are
     * honoured, and {@code sh|bash|zsh -c "<line>"} runs the line through {@link #shell}.
     */
    public Result run(List<String> argv, String user, Map<String, String> environment) {
        return run(argv, user, environment, done -> {});
    }

    /**
     * Runs a command line; {@code progress} hears each command's output as soon as that command is done, so
     * {@code prlctl exec} can pass output on while a longer line still runs (as a real guest's would arrive).
     */
    public Result run(List<String> argv, String user, Map<String, String> environment, Consumer<Result> progress) {
        List<String> rest = new ArrayList<>(argv);
        Map<String, String> env = new TreeMap<>(environment);
        String as = user;
        while (!rest.isEmpty()) {
            String first = rest.getFirst();
            if (first.equals("sudo")) {
                rest.removeFirst();
                as = "root";
                while (!rest.isEmpty() && rest.getFirst().startsWith("-")) {
                    String option = rest.removeFirst();
                    if (option.equals("-u") && !rest.isEmpty()) {
                        as = rest.removeFirst();
                    }
                }
            } else if (first.equals("env")) {
                rest.removeFirst();
                while (!rest.isEmpty() && isAssignment(rest.getFirst())) {
                    assign(rest.removeFirst(), env);
                }
            } else if (isAssignment(first)) {
                assign(rest.removeFirst(), env);
            } else if (rest.size() >= 3 && isShell(first) && rest.get(1).equals("-c")) {
                // sh -c 'line' [$0 [$1...]]: the words after the line become the positional parameters.
                for (int i = 3; i < rest.size(); i++) {
                    env.put(String.valueOf(i - 3), rest.get(i));
                }
                return shell(rest.get(2), as, env, progress);
            } else if (rest.size() >= 3
                    && first.equalsIgnoreCase("cmd")
                    && rest.get(1).equalsIgnoreCase("/c")) {
                return shell(String.join(" ", rest.subList(2, rest.size())), as, env, progress);
            } else {
                break;
            }
        }
        Result result = simple(rest, as, env);
        progress.accept(result);
        return result;
    }

    /**
     * A very small shell: words split on blanks with single and double quotes (and backslash escapes outside single
     * quotes), {@code $NAME}, {@code ${NAME}} and {@code $1} expanded, {@code NAME=value} prefixes, commands joined by
     * {@code &&} (stop at the first failure), {@code ||} (run only after a failure) or {@code ;}, all outside quotes.
     */
    public Result shell(String line, String user, Map<String, String> environment) {
        return shell(line, user, environment, done -> {});
    }

    /** As {@link #shell(String, String, Map)}, telling {@code progress} about each command as soon as it is done. */
    public Result shell(String line, String user, Map<String, String> environment, Consumer<Result> progress) {
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        int exit = 0;
        String operator = ";";
        for (String[] part : statements(line)) {
            String command = part[0];
            boolean runs = switch (operator) {
                case "&&" -> exit == 0;
                case "||" -> exit != 0;
                default -> true;
            };
            if (runs && !command.isBlank()) {
                List<String> words = ShellWords.split(command, environment);
                if (!words.isEmpty() && words.getFirst().equals("exit")) {
                    Result result = simple(words, user, environment);
                    stdout.append(result.stdout());
                    stderr.append(result.stderr());
                    return new Result(result.exitCode(), stdout.toString(), stderr.toString());
                }
                Result result = run(words, user, environment);
                progress.accept(result);
                stdout.append(result.stdout());
                stderr.append(result.stderr());
                exit = result.exitCode();
            }
            operator = part[1];
        }
        return new Result(exit, stdout.toString(), stderr.toString());
    }

    /** Splits a line at {@code ;}, {@code &&} and {@code ||} outside quotes: each item is {command, following op}. */
    static List<String[]> statements(String line) {
        List<String[]> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    current.append(line.charAt(++i));
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                current.append(c);
            } else if (c == '\\' && i + 1 < line.length()) {
                current.append(c).append(line.charAt(++i));
            } else if (c == ';' || c == '\n') {
                statements.add(new String[] {current.toString(), ";"});
                current.setLength(0);
            } else if ((c == '&' || c == '|') && i + 1 < line.length() && line.charAt(i + 1) == c) {
                statements.add(new String[] {current.toString(), c == '&' ? "&&" : "||"});
                current.setLength(0);
                i++;
            } else {
                current.append(c);
            }
        }
        statements.add(new String[] {current.toString(), ";"});
        return statements;
    }

    private static boolean isAssignment(String word) {
        int equals = word.indexOf('=');
        return equals > 0 && word.substring(0, equals).matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    private static void assign(String assignment, Map<String, String> env) {
        env.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
    }

    private static boolean isShell(String program) {
        return program.endsWith("/sh")
                || program.endsWith("/bash")
                || program.endsWith("/zsh")
                || program.equals("sh")
                || program.equals("bash")
                || program.equals("zsh");
    }

    private Result simple(List<String> argv, String user, Map<String, String> environment) {
        if (argv.isEmpty()) {
            return new Result(0, "", "");
        }
        String path = argv.getFirst();
        // A program named by its path (/bin/echo, /usr/bin/true) is the same program.
        String command = path.contains("/") ? path.substring(path.lastIndexOf('/') + 1) : path;
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
