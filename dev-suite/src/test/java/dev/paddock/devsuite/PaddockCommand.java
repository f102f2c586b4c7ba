package dev.paddock.devsuite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code paddock} launcher (cli/target/paddock) as a process, as an operator or a CI script would. */
final class PaddockCommand {

    private final Path launcher;
    private final Path config;
    private final Map<String, String> environment;

    PaddockCommand(Path config, Map<String, String> environment) {
        this.launcher =
                Path.of("..", "cli", "target", "paddock").toAbsolutePath().normalize();
        this.config = config;
        this.environment = environment;
    }

    record Result(int exitCode, String out, String err) {}

    Result run(String... args) {
        return runWithInput(null, args);
    }

    /** Starts a long-running command (a port forward, an event tail); the caller stops it. */
    Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PADDOCK_CONFIG", config.toString());
        builder.environment().putAll(environment);
        return builder.start();
    }

    Result runWithInput(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PADDOCK_CONFIG", config.toString());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (stdin != null) {
                process.getOutputStream().write((stdin + "\n").getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            var out = process.getInputStream().readAllBytes();
            var err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("paddock " + String.join(" ", args) + " did not finish");
            }
            return new Result(
                    process.exitValue(),
                    new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run " + launcher + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
