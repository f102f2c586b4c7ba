package dev.paddock.devsuite;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * VMs on private hosts reached through the edge with real clients: {@code curl} on a VM's own subdomain and on an alias
 * route, a WebSocket to a guest port, OpenSSH's {@code ssh} through a TCP route, a VM that stops and starts again, a route retargeted live, and
 * callers without a token refused. Bytes go edge → agent tunnel → guest, as on a real fleet.
 */
@ResourceLock(SharedSuite.LOCK)
class EdgeIntegrationTests {

    private static final int X86 = 1;

    LocalSuite suite;
    ApiClient edge;
    String token;
    Map<String, String> root;

    @BeforeEach
    void setUp() {
        suite = SharedSuite.get();
        edge = new ApiClient(suite.edgeUrl());
        token = edge.login("root", suite.rootPassword());
        root = bearer(token);
    }

    /** The fleet lists a host's VMs a moment after the host joins. */
    private void awaitSourceVm() throws InterruptedException {
        CatalogEndToEnd.await(
                () -> edge.get("/api/v1/orchestrator/machines", root)
                        .body()
                        .findValuesAsString("Name")
                        .contains("ubuntu-x86"),
                "the fleet to list ubuntu-x86");
    }

    @Test
    void aVmsOwnSubdomainServesCallersWithATokenAndFollowsTheVmStoppingAndStarting() throws Exception {
        String vm = runningVm("edge-web-1");
        String url = "http://" + vm + "." + LocalSuite.VM_DOMAIN + ":"
                + suite.ports().edge() + "/hello?from=curl";

        Curl ok = curl(url, "-H", "Authorization: Bearer " + token);
        assertThat(ok.status()).as(ok.output()).isEqualTo(200);
        assertThat(ok.body()).contains("Hello from " + vm).contains("path=/hello?from=curl");

        assertThat(webSocketRoundTrip(vm + "--8080." + LocalSuite.VM_DOMAIN, "ping over the edge"))
                .as("a WebSocket to the guest's port 8080 through <vm>--8080.<domain>")
                .isEqualTo(vm + ": ping over the edge");

        Curl anonymous = curl(url);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).contains("authentication-required");

        Curl byCookie = curl(url, "--cookie", "paddock_token=" + token);
        assertThat(byCookie.status()).isEqualTo(200);

        assertThat(edge.put("/api/v1/orchestrator/machines/" + vm + "/stop", null, root)
                        .status())
                .isEqualTo(200);
        // A request racing the stop may still find the closing tunnel (502); the edge settles on 503 at once after.
        Curl stopped = awaitStatus(Duration.ofSeconds(5), 503, url, "-H", "Authorization: Bearer " + token);
        assertThat(stopped.body()).contains("vm-not-running").contains("start it");

        assertThat(edge.put("/api/v1/orchestrator/machines/" + vm + "/start", null, root)
                        .status())
                .isEqualTo(200);
        Curl again = awaitStatus(200, url, "-H", "Authorization: Bearer " + token);
        assertThat(again.body()).contains("Hello from " + vm);

        Curl unknown = curl(
                "http://no-such-vm." + LocalSuite.VM_DOMAIN + ":"
                        + suite.ports().edge() + "/",
                "-H",
                "Authorization: Bearer " + token);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("vm-not-found");
    }

    @Test
    void aPublicAliasRouteFollowsALiveChangeOfItsTargetVm() throws Exception {
        String first = runningVm("edge-shop-a");
        String second = runningVm("edge-shop-b");
        String alias = "shop." + LocalSuite.VM_DOMAIN;
        Response created = edge.post(
                "/api/v1/reverse-proxy/hosts",
                Map.of("host", alias, "http_routes", List.of(Map.of("target_vm_id", first))),
                root);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        String url = "http://" + alias + ":" + suite.ports().edge() + "/";

        assertThat(curl(url).body()).as("public: no token needed").contains("Hello from " + first);

        String routeId = created.body().path("http_routes").get(0).path("id").asString();
        Response retargeted = edge.post(
                "/api/v1/reverse-proxy/hosts/" + created.text("id") + "/http_routes",
                Map.of("id", routeId, "target_vm_id", second),
                root);
        assertThat(retargeted.status()).isEqualTo(200);

        assertThat(curl(url).body()).contains("Hello from " + second);
    }

    @Test
    void aRealSshClientReachesAVmThroughATcpRoute() throws Exception {
        Path keys = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ssh-");
        Path key = keys.resolve("id_ecdsa");
        run(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", key.toString()));
        Path authorized = suite.simulatorHome(X86).resolve("guests").resolve("authorized_keys");
        Files.createDirectories(authorized.getParent());
        Files.writeString(
                authorized,
                Files.readString(keys.resolve("id_ecdsa.pub")),
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        String vm = runningVm("edge-ssh-1");
        int port = freePort();
        Response created = edge.post(
                "/api/v1/reverse-proxy/hosts",
                Map.of("name", "ssh-" + vm, "port", port, "tcp_route", Map.of("target_vm_id", vm, "target_port", 22)),
                root);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);

        Result ssh = run(List.of(
                "ssh",
                "-i",
                key.toString(),
                "-p",
                Integer.toString(port),
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "ConnectTimeout=20",
                "ci@127.0.0.1",
                "hostname"));

        assertThat(ssh.exitCode()).as(ssh.output()).isZero();
        assertThat(ssh.output()).contains(vm);
    }

    // ---- helpers

    private String runningVm(String name) throws InterruptedException {
        awaitSourceVm();
        Response created = edge.post(
                "/api/v1/orchestrator/machines",
                Map.of(
                        "name",
                        name,
                        "architecture",
                        "x86_64",
                        "start_on_create",
                        true,
                        "clone_of",
                        Map.of("vm", "ubuntu-x86")),
                root);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        return name;
    }

    /**
     * A WebSocket exchange through the edge over a plain socket (the JDK client cannot send another Host header, and
     * the suite's names are not in any resolver): handshake with the token, one masked text frame, the echoed frame.
     */
    private String webSocketRoundTrip(String host, String message) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", suite.ports().edge())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write(("GET /live HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                            + "Authorization: Bearer " + token + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101").contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            byte[] payload = message.getBytes(StandardCharsets.UTF_8);
            byte[] mask = {1, 2, 3, 4};
            out.write(0x81);
            out.write(0x80 | payload.length);
            out.write(mask);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ mask[i % 4]);
            }
            out.flush();
            assertThat(in.readUnsignedByte()).as("a final text frame").isEqualTo(0x81);
            byte[] echoed = new byte[in.readUnsignedByte()];
            in.readFully(echoed);
            return new String(echoed, StandardCharsets.UTF_8);
        }
    }

    record Curl(int status, String body, String output) {}

    private static Curl curl(String url, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-i", "--max-time", "30"));
        command.addAll(List.of(options));
        command.add(url);
        Result result = run(command);
        String output = result.output();
        int headerEnd = output.indexOf("\r\n\r\n");
        if (result.exitCode() != 0 || headerEnd < 0) {
            return new Curl(-1, "", output);
        }
        int status =
                Integer.parseInt(output.substring(0, output.indexOf("\r\n")).split(" ")[1]);
        return new Curl(status, output.substring(headerEnd + 4), output);
    }

    private static Curl awaitStatus(int status, String url, String... options) throws Exception {
        return awaitStatus(Duration.ofSeconds(60), status, url, options);
    }

    private static Curl awaitStatus(Duration within, int status, String url, String... options) throws Exception {
        Instant deadline = Instant.now().plus(within);
        Curl last = curl(url, options);
        while (last.status() != status && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            last = curl(url, options);
        }
        assertThat(last.status()).as(last.output()).isEqualTo(status);
        return last;
    }

    record Result(int exitCode, String output) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
