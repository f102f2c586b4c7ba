package dev.paddock.agent.parallels;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.parallels.PdCommand.Lane;
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
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs {@link PdCommand}s. Arguments always go as a list to {@link ProcessBuilder}: nothing is interpreted by a shell on
 * the host, whatever a request contains. Each command has a timeout after which it and everything it started are
 * killed. Control commands and guest commands wait for slots of their own, so long guest work (a build in a VM) never
 * starves list, start or stop.
 *
 * <p>A command for a VM owner runs as that owner ({@code sudo -n -u <owner>}) when running as owners is on and the
 * owner is not the agent's own user: as root (the installer's LaunchDaemon) the agent acts for every user; as a user it
 * acts as itself, like the reference (src/helpers/os.go:67-85).
 */
@Component
public class CommandRunner {

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private final AgentProperties properties;
    private final List<CommandObserver> observers;
    private final Semaphore controlSlots;
    private final Semaphore guestSlots;
    private final String agentUser = System.getProperty("user.name", "");

    CommandRunner(AgentProperties properties, List<CommandObserver> observers) {
        this.properties = properties;
        this.observers = List.copyOf(observers);
        this.controlSlots = new Semaphore(properties.maxConcurrentCommands(), true);
        this.guestSlots = new Semaphore(properties.maxConcurrentGuestCommands(), true);
    }

    /** What a finished command printed. */
    public record Output(int exitCode, String stdout, String stderr) {}

    /** Hears a streamed command's output line by line, from two threads (stdout and stderr) at once. */
    public interface OutputListener {
        void stdout(String line);

        void stderr(String line);

        /**
         * Called when the command has been silent for {@link #IDLE_PROBE}: a listener that writes to a caller proves
         * here that the caller is still there (throwing if not, which stops the command).
         */
        default void idle() {}
    }

    /** How long a streamed command may stay silent before its listener is asked whether its caller is still there. */
    public static final Duration IDLE_PROBE = Duration.ofSeconds(5);

    /** Runs a command and answers its stdout; a non-zero exit is a {@link PrlctlFailure} carrying PD's stderr. */
    public String check(PdCommand command, @Nullable String owner) {
        Output output = run(command, owner, timeoutOf(command));
        if (output.exitCode() != 0) {
            throw new PrlctlFailure(command, output.exitCode(), output.stderr());
        }
        return output.stdout();
    }

    /** Runs a command and answers what it printed whatever the exit code (exec passes the guest's code through). */
    public Output run(PdCommand command, @Nullable String owner) {
        return run(command, owner, timeoutOf(command));
    }

    public Output run(PdCommand command, @Nullable String owner, Duration timeout) {
        List<String> argv = argv(command, owner);
        Semaphore slots = slotsOf(command);
        acquire(slots, command, timeout);
        long started = System.nanoTime();
        try {
            Process process = start(argv);
            closeInput(process);
            CompletableFuture<String> stdout = drain(process.getInputStream());
            CompletableFuture<String> stderr = drain(process.getErrorStream());
            awaitExit(process, command, timeout);
            Output output = new Output(process.exitValue(), stdout.join(), stderr.join());
            log.debug(
                    "{} -> {} in {} ms",
                    command.display(),
                    output.exitCode(),
                    (System.nanoTime() - started) / 1_000_000);
            observers.forEach(observer -> observer.finished(command, owner, output));
            return output;
        } finally {
            slots.release();
        }
    }

    /**
     * Runs a command and hands its output to {@code listener} line by line as it comes (exec that a person watches: a
     * build's log appears while it runs); answers the exit code whatever it is.
     */
    public int stream(PdCommand command, @Nullable String owner, Duration timeout, OutputListener listener) {
        List<String> argv = argv(command, owner);
        Semaphore slots = slotsOf(command);
        acquire(slots, command, timeout);
        try {
            Process process = start(argv);
            closeInput(process);
            // A listener that cannot take a line means the caller is gone: the command is stopped then, rather than
            // left running (and holding its slot) with nobody to read it.
            AtomicReference<@Nullable RuntimeException> gone = new AtomicReference<>();
            Consumer<RuntimeException> stop = failure -> {
                if (gone.compareAndSet(null, failure)) {
                    log.info("The caller of {} went away; stopping it", command.display());
                    kill(process);
                }
            };
            CompletableFuture<Void> stdout = pipe(process.getInputStream(), listener::stdout, stop);
            CompletableFuture<Void> stderr = pipe(process.getErrorStream(), listener::stderr, stop);
            awaitExitProbing(process, command, timeout, listener, stop);
            stdout.join();
            stderr.join();
            RuntimeException failure = gone.get();
            if (failure != null) {
                throw new CallerGone(command, failure);
            }
            return process.exitValue();
        } finally {
            slots.release();
        }
    }

    /**
     * Starts a command that runs until stopped (the event stream); the caller owns the process and reads its merged
     * output. With {@code terminal}, it runs under a pseudo-terminal ({@code script}), since prlctl's output through a
     * pipe is block-buffered and its events would arrive minutes late (REF event_monitor.go:72 uses a PTY for this).
     */
    public Process startLongRunning(PdCommand command, @Nullable String owner, boolean terminal) throws IOException {
        List<String> argv = terminal ? underTerminal(argv(command, owner)) : argv(command, owner);
        // Input from /dev/null: script(1) stays alive while its input is open, even after the command has ended.
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(properties.commandEnvironment());
        return builder.start();
    }

    /** Whether a command for {@code owner} would run through sudo. */
    public boolean switchesUser(@Nullable String owner) {
        return properties.runAsOwner() && owner != null && !owner.isBlank() && !owner.equals(agentUser);
    }

    List<String> argv(PdCommand command, @Nullable String owner) {
        List<String> argv = new ArrayList<>();
        if (switchesUser(owner)) {
            argv.addAll(List.of(properties.tools().sudo().toString(), "-n", "-u", owner));
        }
        argv.add(executable(command.tool()).toString());
        argv.addAll(command.arguments());
        return argv;
    }

    /**
     * BSD {@code script} (macOS) takes the command as arguments; util-linux {@code script} (Linux, where the simulator
     * runs) takes one shell line.
     */
    private List<String> underTerminal(List<String> argv) {
        String script = properties.tools().script().toString();
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
            List<String> wrapped = new ArrayList<>(List.of(script, "-q", "/dev/null"));
            wrapped.addAll(argv);
            return wrapped;
        }
        String line = argv.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
        return List.of(script, "-q", "-e", "-c", line, "/dev/null");
    }

    private Path executable(PdCommand.Tool tool) {
        AgentProperties.Tools tools = properties.tools();
        return switch (tool) {
            case PRLCTL -> properties.prlctlPath();
            case PRLSRVCTL -> properties.prlsrvctlPath();
            case PRLCOPY -> tools.prlcopy();
            case SYSCTL -> tools.sysctl();
            case UNAME -> tools.uname();
            case CHOWN -> tools.chown();
        };
    }

    private Duration timeoutOf(PdCommand command) {
        return command.lane() == Lane.CONTROL ? properties.commandTimeout() : properties.longCommandTimeout();
    }

    private Semaphore slotsOf(PdCommand command) {
        return command.lane() == Lane.GUEST ? guestSlots : controlSlots;
    }

    private Process start(List<String> argv) {
        try {
            ProcessBuilder builder = new ProcessBuilder(argv);
            builder.environment().putAll(properties.commandEnvironment());
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv.getFirst() + ": " + e.getMessage(), e);
        }
    }

    /** PD's tools read nothing from standard input; an open one could leave a prompt waiting forever. */
    private static void closeInput(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #awaitExit}, asking the listener every {@link #IDLE_PROBE} of the wait whether its caller is there. */
    private static void awaitExitProbing(
            Process process,
            PdCommand command,
            Duration timeout,
            OutputListener listener,
            Consumer<RuntimeException> callerGone) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!process.waitFor(
                    Math.min(IDLE_PROBE.toNanos(), Math.max(1, deadline - System.nanoTime())), TimeUnit.NANOSECONDS)) {
                if (System.nanoTime() >= deadline) {
                    kill(process);
                    log.warn("Killed {} after {} s", command.display(), timeout.toSeconds());
                    throw new PrlctlTimeout(command, timeout);
                }
                try {
                    listener.idle();
                } catch (RuntimeException e) {
                    callerGone.accept(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            throw new PrlctlTimeout(command, timeout);
        }
    }

    private static void awaitExit(Process process, PdCommand command, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                log.warn("Killed {} after {} s", command.display(), timeout.toSeconds());
                throw new PrlctlTimeout(command, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            throw new PrlctlTimeout(command, timeout);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Waits for a slot: PD copes badly with many commands at once. */
    private static void acquire(Semaphore slots, PdCommand command, Duration timeout) {
        try {
            if (!slots.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PrlctlTimeout(command, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrlctlTimeout(command, timeout);
        }
    }

    private static CompletableFuture<Void> pipe(
            InputStream stream, Consumer<String> lines, Consumer<RuntimeException> listenerFailed) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    try {
                        lines.accept(line);
                    } catch (RuntimeException e) {
                        listenerFailed.accept(e);
                        break;
                    }
                }
            } catch (IOException e) {
                log.debug("Stopped reading a streamed command: {}", e.toString());
            }
            done.complete(null);
        });
        return done;
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
