package dev.paddock.simulator.guest;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The inside of a running simulated VM, as its own process (it outlives the prlctl call that started it, as a real VM
 * does): an SSH server (Apache MINA SSHD), an HTTP server and a WebSocket echo service (port 8080, or
 * PADDOCK_SIM_GUEST_WS_PORT), all on the VM's own loopback address. Arguments:
 * {@code <vm name> <ip> <ssh port> <http port> <macos|linux> <state dir>}.
 */
public final class GuestMain {

    private GuestMain() {}

    public static void main(String[] args) throws Exception {
        String name = args[0];
        String ip = args[1];
        int sshPort = Integer.parseInt(args[2]);
        int httpPort = Integer.parseInt(args[3]);
        boolean macos = "macos".equals(args[4]);
        Path stateDir = Path.of(args[5]);
        GuestCommands commands = new GuestCommands(name, ip, macos);

        HttpServer http = HttpServer.create(new InetSocketAddress(ip, httpPort), 64);
        http.createContext("/", exchange -> {
            byte[] body = ("Hello from " + name + " (" + ip + ")\npath=" + exchange.getRequestURI() + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.getResponseHeaders().add("X-Paddock-Vm", name);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        http.start();

        int webSocketPort = Integer.parseInt(System.getenv().getOrDefault("PADDOCK_SIM_GUEST_WS_PORT", "8080"));
        // The echo is an extra: if something on the host already holds the port on all addresses, the guest still
        // serves SSH and HTTP, and says why the echo is missing.
        GuestWebSocketEcho webSocket = null;
        try {
            webSocket = new GuestWebSocketEcho(name, ip, webSocketPort);
        } catch (BindException e) {
            System.out.println("guest " + name + ": no websocket echo on " + ip + ":" + webSocketPort + " ("
                    + e.getMessage() + "; something on this machine holds that port on every address)");
        }
        GuestWebSocketEcho echo = webSocket;

        SshServer ssh = SshServer.setUpDefaultServer();
        ssh.setHost(ip);
        ssh.setPort(sshPort);
        ssh.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(stateDir.resolve("ssh_host_key")));
        String password = System.getenv().getOrDefault("PADDOCK_SIM_GUEST_PASSWORD", "paddock");
        ssh.setPasswordAuthenticator((user, given, session) -> password.equals(given));
        List<PublicKey> authorized = authorizedKeys(stateDir.getParent().resolve("authorized_keys"));
        ssh.setPublickeyAuthenticator((user, key, session) -> authorized.contains(key));
        ssh.setCommandFactory((channel, command) -> new GuestSshCommand(commands, command));
        ssh.setShellFactory(channel -> new GuestSshCommand(commands, null));
        ssh.start();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop(0);
            try {
                if (echo != null) {
                    echo.stop();
                }
                ssh.stop(true);
            } catch (IOException ignored) {
                // exiting anyway
            }
            stopped.countDown();
        }));
        System.out.println("guest " + name + " serving ssh on " + ip + ":" + sshPort + ", http on " + ip + ":"
                + httpPort + (echo == null ? "" : " and websocket on " + ip + ":" + webSocketPort));
        stopped.await();
    }

    private static List<PublicKey> authorizedKeys(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return AuthorizedKeyEntry.readAuthorizedKeys(file).stream()
                    .map(entry -> {
                        try {
                            return entry.resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
                        } catch (IOException | java.security.GeneralSecurityException e) {
                            return null;
                        }
                    })
                    .filter(java.util.Objects::nonNull)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
