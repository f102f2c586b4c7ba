package dev.paddock.simulator.resident;

import dev.paddock.simulator.Invocation;
import dev.paddock.simulator.SimulatorMain;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ResidentSimulator <address file> [idle seconds]}: serves the simulated tools' calls on a loopback port until
 * nothing has asked for {@code idle seconds} (default 60) and no call is running, then leaves. The address file
 * ({@code "<port> <secret>\n"}, readable by its owner only) is how {@code bin/simulator} finds it; a call must bring the
 * secret, so only who may read the file may run tools through this process. When the file is gone or names another
 * process (the jar was rebuilt, a newer one started), this one takes no new callers and leaves once idle.
 *
 * <p>A call: NUL-terminated fields — secret, {@code 1|0} (stdout is a terminal), working directory, argument count, the
 * arguments ({@code <tool> args...}), then the environment as {@code NAME=value} fields and an empty field; the answer
 * is {@link Frames}, first of all the one that says the call was taken (a caller that gets none — this process was
 * closing — runs the call in a JVM of its own). When the caller disconnects first (its {@code prlctl} was killed), the
 * call is interrupted.
 */
public final class ResidentSimulator {

    private static final int MAX_FIELD = 1 << 20;

    private final Path addressFile;
    private final Duration idle;
    private final byte[] secret;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong lastCall = new AtomicLong(System.nanoTime());

    private ResidentSimulator(Path addressFile, Duration idle) {
        this.addressFile = addressFile;
        this.idle = idle;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.secret = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: ResidentSimulator <address file> [idle seconds]");
            System.exit(2);
        }
        Duration idle = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
        new ResidentSimulator(Path.of(args[0]).toAbsolutePath(), idle).serve();
        System.exit(0);
    }

    private void serve() throws IOException, InterruptedException {
        try (ServerSocket server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress())) {
            String address = server.getLocalPort() + " " + new String(secret, StandardCharsets.US_ASCII) + "\n";
            publish(address);
            Thread.ofPlatform().daemon().name("resident-idle").start(() -> closeWhenIdle(server, address));
            while (!server.isClosed()) {
                Socket caller;
                try {
                    caller = server.accept();
                } catch (IOException closed) {
                    break;
                }
                running.incrementAndGet();
                lastCall.set(System.nanoTime());
                Thread.ofPlatform().daemon().name("resident-call").start(() -> answer(caller));
            }
        }
        // Calls still running finish first (a monitor-events stream ends with its caller).
        while (running.get() > 0) {
            Thread.sleep(100);
        }
    }

    private void publish(String address) throws IOException {
        Files.createDirectories(addressFile.getParent());
        Path temporary = Files.createTempFile(
                addressFile.getParent(),
                ".resident",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, address, StandardCharsets.US_ASCII);
        Files.move(temporary, addressFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void closeWhenIdle(ServerSocket server, String address) {
        try {
            while (true) {
                Thread.sleep(1_000);
                boolean current = address.equals(readQuietly(addressFile));
                boolean quiet = running.get() == 0 && System.nanoTime() - lastCall.get() > idle.toNanos();
                if (!current || quiet) {
                    if (current) {
                        Files.deleteIfExists(addressFile);
                    }
                    server.close();
                    return;
                }
            }
        } catch (InterruptedException | IOException e) {
            // leaving
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }

    private void answer(Socket caller) {
        Thread worker = Thread.currentThread();
        AtomicBoolean done = new AtomicBoolean();
        try (caller) {
            InputStream in = new BufferedInputStream(caller.getInputStream());
            if (!MessageDigest.isEqual(secret, field(in))) {
                return;
            }
            boolean terminal = new String(field(in), StandardCharsets.US_ASCII).equals("1");
            Path workingDirectory = Path.of(text(field(in)));
            int count = Integer.parseInt(text(field(in)));
            List<String> args = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                args.add(text(field(in)));
            }
            Map<String, String> environment = new LinkedHashMap<>();
            for (byte[] entry = field(in); entry.length > 0; entry = field(in)) {
                String variable = text(entry);
                int equals = variable.indexOf('=');
                if (equals > 0) {
                    environment.put(variable.substring(0, equals), variable.substring(equals + 1));
                }
            }
            // The caller sends nothing more: the end of its stream means it is gone.
            Thread.ofPlatform().daemon().name("resident-hangup").start(() -> {
                try {
                    while (in.read() >= 0) {
                        // nothing is expected
                    }
                } catch (IOException e) {
                    // gone
                }
                if (!done.get()) {
                    worker.interrupt();
                }
            });
            Frames frames = new Frames(new BufferedOutputStream(caller.getOutputStream()));
            // Taken: from here the caller must not run the call elsewhere, whatever happens to this one.
            frames.accepted();
            PrintStream out = new PrintStream(frames.stream('o'), true, StandardCharsets.UTF_8);
            PrintStream err = new PrintStream(frames.stream('e'), true, StandardCharsets.UTF_8);
            int code = SimulatorMain.run(args, new Invocation(environment, workingDirectory, out, err, terminal));
            out.flush();
            err.flush();
            frames.exit(code);
        } catch (IOException | RuntimeException e) {
            // The caller is gone or sent garbage; bin/simulator reports a call that ends without an exit frame.
        } finally {
            done.set(true);
            Thread.interrupted();
            running.decrementAndGet();
            lastCall.set(System.nanoTime());
        }
    }

    private static String text(byte[] field) {
        return new String(field, StandardCharsets.UTF_8);
    }

    private static byte[] field(InputStream in) throws IOException {
        ByteArrayOutputStream field = new ByteArrayOutputStream();
        for (int b = in.read(); b != 0; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the call ended early");
            }
            if (field.size() >= MAX_FIELD) {
                throw new IOException("a field longer than " + MAX_FIELD + " bytes");
            }
            field.write(b);
        }
        return field.toByteArray();
    }
}
