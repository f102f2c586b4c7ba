package dev.paddock.cli.fleet;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.CliException;
import dev.paddock.cli.ExitCode;
import dev.paddock.cli.PaddockCli;
import dev.paddock.cli.api.PaddockApi;
import dev.paddock.cli.api.Paths;
import dev.paddock.contracts.fleet.FleetApi;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Reaching a VM's ports from a terminal through the edge, without opening any port: {@code paddock vm tunnel} pipes
 * stdin/stdout through the edge's authenticated WebSocket tunnel, and {@code paddock vm ssh} runs OpenSSH with that as
 * its ProxyCommand.
 */
final class VmAccess {

    private VmAccess() {}

    @Command(
            name = "tunnel",
            description = "Pipe stdin/stdout to a VM's port through the edge (for ssh -o ProxyCommand=…).")
    static final class Tunnel extends BaseCommand {
        @Parameters(index = "0", description = "VM id or name.")
        String vm = "";

        @Parameters(index = "1", description = "Guest port, e.g. 22.")
        int port;

        Tunnel(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            try {
                bridge(
                                api(),
                                vm,
                                port,
                                new FileInputStream(FileDescriptor.in),
                                new FileOutputStream(FileDescriptor.out))
                        .join();
            } catch (RuntimeException e) {
                throw new CliException(
                        ExitCode.FAILURE, "The tunnel to " + vm + ":" + port + " failed: " + e.getMessage());
            }
        }
    }

    /**
     * Connects a byte stream to a guest port through the edge's tunnel: {@code in} becomes binary messages, messages
     * are written to {@code out}. The answer completes when either side ends.
     */
    static CompletableFuture<Void> bridge(PaddockApi api, String vm, int port, InputStream in, OutputStream out) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket socket = api.openWebSocket(
                FleetApi.MACHINES + "/" + Paths.segment(vm) + "/tunnel/" + port, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        try {
                            byte[] bytes = new byte[data.remaining()];
                            data.get(bytes);
                            out.write(bytes);
                            out.flush();
                        } catch (IOException e) {
                            closed.completeExceptionally(e);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(null);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.completeExceptionally(error);
                    }
                });
        Thread.ofVirtual().start(() -> pump(in, socket, closed));
        return closed;
    }

    /** Input → binary messages; the end of the input closes the tunnel. */
    private static void pump(InputStream in, WebSocket socket, CompletableFuture<Void> closed) {
        byte[] buffer = new byte[32 * 1024];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0 && !closed.isDone()) {
                socket.sendBinary(ByteBuffer.wrap(buffer, 0, read), true).join();
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "input ended").join();
        } catch (IOException | RuntimeException e) {
            closed.completeExceptionally(e);
        }
    }

    @Command(
            name = "forward",
            description = "Forward a port on this machine to a VM's port through the edge (like kubectl port-forward); "
                    + "runs until Ctrl-C.")
    static class Forward extends BaseCommand {
        @Parameters(index = "0", description = "VM id or name.")
        String vm = "";

        @Parameters(index = "1", arity = "0..1", description = "Guest port (default 80).")
        int port = 80;

        @Option(names = "--local-port", description = "Port to listen on at 127.0.0.1 (default: any free one).")
        int localPort;

        Forward(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            // Checked first so a wrong name or a missing login fails at once, not on the first connection.
            PaddockApi api = api();
            api.get(FleetApi.MACHINES + "/" + Paths.segment(vm));
            try (ServerSocket listener = new ServerSocket(localPort, 50, InetAddress.getLoopbackAddress())) {
                String url = "http://127.0.0.1:" + listener.getLocalPort() + "/";
                env.out().println("Forwarding " + url + " to " + vm + ":" + port + " through the edge; Ctrl-C stops.");
                env.out().flush();
                listening(url);
                while (true) {
                    Socket client = listener.accept();
                    Thread.ofVirtual().start(() -> serve(api, client));
                }
            } catch (IOException e) {
                throw new CliException(
                        ExitCode.FAILURE, "Cannot listen on 127.0.0.1:" + localPort + ": " + e.getMessage());
            }
        }

        /** Called once the local port is open. */
        void listening(String url) {}

        private void serve(PaddockApi api, Socket client) {
            try (client) {
                bridge(api, vm, port, client.getInputStream(), client.getOutputStream())
                        .join();
            } catch (IOException | RuntimeException e) {
                env.err()
                        .println("paddock: a forwarded connection to " + vm + ":" + port + " ended: " + e.getMessage());
                env.err().flush();
            }
        }
    }

    @Command(
            name = "open",
            description = "Open a VM's web page in the browser through an authenticated local forward; runs until "
                    + "Ctrl-C.")
    static final class Open extends Forward {
        Open(CliEnvironment env) {
            super(env);
        }

        @Override
        void listening(String url) {
            String opener = System.getProperty("os.name", "")
                            .toLowerCase(java.util.Locale.ROOT)
                            .contains("mac")
                    ? "open"
                    : "xdg-open";
            try {
                new ProcessBuilder(opener, url)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                env.out().println("No browser to start (" + opener + " is missing): open " + url + " yourself.");
                env.out().flush();
            }
        }
    }

    @Command(
            name = "ssh",
            description = "Open an SSH session in a VM through the edge (OpenSSH's ssh must be installed).")
    static final class Ssh extends BaseCommand {
        @Parameters(index = "0", description = "VM id or name.")
        String vm = "";

        @Parameters(index = "1..*", description = "Extra ssh arguments or a remote command (after --).")
        List<String> extra = new ArrayList<>();

        @Option(
                names = {"-l", "--user"},
                description = "Login name in the guest (default: ssh's).")
        @Nullable String user;

        @Option(names = "--port", description = "Guest SSH port (default 22).", defaultValue = "22")
        int port = 22;

        private int sshExitCode;

        Ssh(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            // Checked here so a wrong name or a missing login fails with this CLI's message, not ssh's.
            api().get(FleetApi.MACHINES + "/" + Paths.segment(vm));
            String proxy = launcher() + " vm tunnel " + shellQuote(vm) + " " + port
                    + (global.context() == null ? "" : " --context " + shellQuote(global.context()));
            List<String> command = new ArrayList<>(List.of("ssh", "-o", "ProxyCommand=" + proxy));
            if (user != null) {
                command.addAll(List.of("-l", user));
            }
            command.add(vm);
            command.addAll(extra);
            try {
                Process ssh = new ProcessBuilder(command).inheritIO().start();
                sshExitCode = ssh.waitFor();
            } catch (IOException e) {
                throw new CliException(ExitCode.FAILURE, "Cannot run ssh (" + e.getMessage() + "); install OpenSSH.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCode.FAILURE, "Interrupted.");
            }
        }

        @Override
        protected int exitCode() {
            return sshExitCode;
        }

        /** The file this CLI runs from: the launcher script with the jar appended. */
        private static String launcher() {
            try {
                return shellQuote(Path.of(PaddockCli.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString());
            } catch (URISyntaxException | RuntimeException e) {
                return "paddock";
            }
        }

        private static String shellQuote(String value) {
            return "'" + value.replace("'", "'\\''") + "'";
        }
    }
}
