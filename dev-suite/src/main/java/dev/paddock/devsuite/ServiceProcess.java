package dev.paddock.devsuite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One service of the suite running as its own JVM process from its built jar, with its output in a log file. Started
 * like an operator would start it: {@code java -jar <service>-exec.jar --key=value}, environment for secrets.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final String healthUrl;

    private ServiceProcess(String name, Process process, Path log, String healthUrl) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.healthUrl = healthUrl;
    }

    /**
     * @param name short name, used for the log file and messages
     * @param jar the service's executable jar
     * @param heap maximum heap, e.g. {@code 384m}
     * @param arguments Spring properties as {@code --key=value}
     * @param environment extra environment (secrets)
     * @param healthUrl URL answering 200 once the service is ready
     */
    static ServiceProcess start(
            String name,
            Path jar,
            String heap,
            List<String> arguments,
            Map<String, String> environment,
            Path logDirectory,
            String healthUrl)
            throws IOException {
        Files.createDirectories(logDirectory);
        Path log = logDirectory.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dpaddock.process.name=" + name);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new ServiceProcess(name, builder.start(), log, healthUrl);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the health URL answers 200; fails early, pointing at the log, if the process dies. */
    void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with code " + process.exitValue() + " during start-up; see " + log + tail());
            }
            if (answers200()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                name + " was not ready after " + timeout.toSeconds() + " s; see " + log + tail());
    }

    private boolean answers200() {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(healthUrl))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops gracefully (SIGTERM), then forcibly if it does not exit within the grace period. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process at once, as a crash would; for tests of what survives that. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "\n--- last lines of " + log.getFileName() + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    static String javaExecutable() {
        @Nullable String fromCurrentJvm = ProcessHandle.current().info().command().orElse(null);
        return fromCurrentJvm != null
                ? fromCurrentJvm
                : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
