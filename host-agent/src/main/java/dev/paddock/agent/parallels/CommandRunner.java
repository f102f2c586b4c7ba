package dev.paddock.agent.parallels;

import dev.paddock.agent.AgentProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs prlctl and prlsrvctl. Arguments always go as a list to {@link ProcessBuilder} — nothing is ever interpreted by a
 * shell, whatever a request contains. Each command has a timeout after which it (and anything it started) is killed, so
 * a hung Parallels call never blocks other requests; at most {@code maxConcurrentCommands} run at once.
 */
@Component
public class CommandRunner {

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private final AgentProperties properties;
    private final Semaphore slots;

    CommandRunner(AgentProperties properties) {
        this.properties = properties;
        this.slots = new Semaphore(properties.maxConcurrentCommands(), true);
    }

    /** What a finished command printed. */
    public record Output(int exitCode, String stdout, String stderr) {}

    /** Runs prlctl (as {@code owner} when running as owners is on); throws on a non-zero exit or a timeout. */
    public String prlctl(@Nullable String owner, Duration timeout, List<String> arguments) {
        Output output = run(properties.prlctlPath(), owner, timeout, arguments);
        if (output.exitCode() != 0) {
            throw new PrlctlFailure(arguments, output.exitCode(), output.stderr());
        }
        return output.stdout();
    }

    public String prlctl(@Nullable String owner, List<String> arguments) {
        return prlctl(owner, properties.commandTimeout(), arguments);
    }

    /** Runs prlctl and returns its output whatever the exit code (exec passes the guest's exit code through). */
    public Output prlctlOutput(@Nullable String owner, Duration timeout, List<String> arguments) {
        return run(properties.prlctlPath(), owner, timeout, arguments);
    }

    public String prlsrvctl(List<String> arguments) {
        Output output = run(properties.prlsrvctlPath(), null, properties.commandTimeout(), arguments);
        if (output.exitCode() != 0) {
            throw new PrlctlFailure(arguments, output.exitCode(), output.stderr());
        }
        return output.stdout();
    }

    /** Hears a streamed command's output line by line, from two threads (stdout and stderr) at once. */
    public interface OutputListener {
        void stdout(String line);

        void stderr(String line);
    }

    /**
     * Runs prlctl and hands its output to {@code listener} line by line as it comes (exec that a person watches: a
     * build's log appears while it runs); answers the exit code whatever it is.
     */
    public int prlctlStreaming(
            @Nullable String owner, Duration timeout, List<String> arguments, OutputListener listener) {
        List<String> command = command(properties.prlctlPath(), owner, arguments);
        acquire(arguments, timeout);
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(properties.commandEnvironment());
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<Void> stdout = pipe(process.getInputStream(), listener::stdout);
            CompletableFuture<Void> stderr = pipe(process.getErrorStream(), listener::stderr);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                log.warn("Killed streamed {} after {} s", arguments, timeout.toSeconds());
                throw new PrlctlTimeout(arguments, timeout);
            }
            stdout.join();
            stderr.join();
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run prlctl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrlctlTimeout(arguments, timeout);
        } finally {
            slots.release();
        }
    }

    private static CompletableFuture<Void> pipe(InputStream stream, java.util.function.Consumer<String> lines) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.accept(line);
                }
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                done.complete(null);
            }
        });
        return done;
    }

    /** Waits for one of the bounded command slots (prlctl copes badly with many at once). */
    private void acquire(List<String> arguments, Duration timeout) {
        try {
            if (!slots.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PrlctlTimeout(arguments, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrlctlTimeout(arguments, timeout);
        }
    }

    /** Starts a long-running prlctl (the event stream); the caller owns the process. */
    public Process startPrlctl(List<String> arguments) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(properties.prlctlPath(), null, arguments))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(properties.commandEnvironment());
        return builder.start();
    }

    private Output run(Path executable, @Nullable String owner, Duration timeout, List<String> arguments) {
        List<String> command = command(executable, owner, arguments);
        acquire(arguments, timeout);
        long started = System.nanoTime();
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(properties.commandEnvironment());
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = drain(process.getInputStream());
            CompletableFuture<String> stderr = drain(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                log.warn("Killed {} after {} s", arguments, timeout.toSeconds());
                throw new PrlctlTimeout(arguments, timeout);
            }
            Output output = new Output(process.exitValue(), stdout.join(), stderr.join());
            log.debug(
                    "{} {} -> {} in {} ms",
                    executable.getFileName(),
                    arguments,
                    output.exitCode(),
                    (System.nanoTime() - started) / 1_000_000);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrlctlTimeout(arguments, timeout);
        } finally {
            slots.release();
        }
    }

    private List<String> command(Path executable, @Nullable String owner, List<String> arguments) {
        List<String> command = new ArrayList<>();
        if (properties.runAsOwner() && owner != null && !owner.isBlank()) {
            command.addAll(List.of("sudo", "-n", "-u", owner));
        }
        command.add(executable.toString());
        command.addAll(arguments);
        return command;
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("");
            }
        });
        return text;
    }
}
