package dev.paddock.edge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paddock.edge.gateway.listen.FrontDoor;
import dev.paddock.testsupport.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The front door routing to real upstream HTTP servers (stand-ins for the orchestrator and the catalog that echo what
 * reached them), through real sockets: prefixes, the unversioned alias, forwarded headers, streaming bodies both ways,
 * connection reuse and unreachable or silent upstreams.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "paddock.edge.port=0",
            "paddock.edge.response-timeout=3s",
            "paddock.edge.api-cors.allowed-origins=http://ui.example.test"
        })
class FrontDoorIntegrationTests {

    static final TestTokens tokens = TestTokens.start();
    static final EchoServer orchestrator = new EchoServer("orchestrator");
    static final EchoServer catalog = new EchoServer("catalog");

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("paddock.security.jwt.jwks-uri", tokens::jwksUri);
        registry.add("paddock.edge.upstreams.orchestrator", orchestrator::url);
        registry.add("paddock.edge.upstreams.catalog", catalog::url);
    }

    @AfterAll
    static void stop() {
        orchestrator.stop();
        catalog.stop();
        tokens.close();
    }

    @Autowired
    FrontDoor frontDoor;

    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base() + path))
                        .header("X-Request-Id", "t-1")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://127.0.0.1:" + frontDoor.listenerPort();
    }

    @Test
    void answersBrowsersOnTheOriginsTheDeploymentAllowsAndNoOthers() throws Exception {
        HttpResponse<String> preflight = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/v1/auth/token"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://ui.example.test")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> allowed = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/v1/auth/users"))
                        .header("Origin", "http://ui.example.test")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> stranger = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/v1/auth/users"))
                        .header("Origin", "http://evil.example.test")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("http://ui.example.test");
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElse(""))
                .contains("authorization", "content-type", "x-source-id");
        assertThat(preflight.body()).doesNotStartWith("orchestrator");
        assertThat(allowed.body()).startsWith("orchestrator GET /api/v1/auth/users");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("http://ui.example.test");
        assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void routesEachPrefixToTheServiceThatOwnsIt() throws Exception {
        assertThat(get("/api/v1/auth/users").body()).startsWith("orchestrator GET /api/v1/auth/users");
        assertThat(get("/api/v1/orchestrator/hosts?x=1").body())
                .startsWith("orchestrator GET /api/v1/orchestrator/hosts?x=1");
        assertThat(get("/api/v1/catalog/macos/1.0/arm64").body())
                .startsWith("catalog GET /api/v1/catalog/macos/1.0/arm64");
        assertThat(get("/api/v1/catalogue").body()).startsWith("orchestrator");
    }

    @Test
    void servesTheUnversionedAliasOfEveryRoute() throws Exception {
        assertThat(get("/api/auth/token").body()).startsWith("orchestrator GET /api/v1/auth/token");
        assertThat(get("/api/catalog").body()).startsWith("catalog GET /api/v1/catalog");
    }

    @Test
    void routesTheEdgesOwnApiToItsAdminServer() throws Exception {
        HttpResponse<String> probe = get("/api/health/probe");

        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(probe.body()).contains("\"status\":\"OK\"");
    }

    @Test
    void addsForwardedHeadersAndKeepsTheRequestId() throws Exception {
        String echoed = get("/api/v1/jobs").body();

        assertThat(echoed)
                .contains("x-forwarded-for: 127.0.0.1", "x-forwarded-proto: http", "x-request-id: t-1")
                .contains("x-forwarded-host: 127.0.0.1:" + frontDoor.listenerPort());
    }

    @Test
    void answersUnknownPathsWithAProblem() throws Exception {
        HttpResponse<String> response = get("/etc/passwd");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains("\"request_id\":\"t-1\"");
    }

    @Test
    void streamsLargeBodiesBothWaysIntact() throws Exception {
        byte[] upload = new byte[48 * 1024 * 1024];
        new Random(7).nextBytes(upload);

        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/v1/catalog/upload"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(upload))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("sha256=" + sha256(upload));
        HttpResponse<byte[]> download = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/api/v1/catalog/download?mb=40"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).hasSize(40 * 1024 * 1024);
    }

    @Test
    void reusesUpstreamConnectionsAcrossRequests() throws Exception {
        orchestrator.clientPorts.clear();
        for (int i = 0; i < 20; i++) {
            assertThat(get("/api/v1/auth/me").statusCode()).isEqualTo(200);
        }
        // Sequential requests on one event loop reuse one pooled connection (a second may appear if the client's
        // connection lands on another event loop).
        assertThat(orchestrator.clientPorts).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void answersAnUnreachableServiceWith502NamingIt() throws Exception {
        catalog.pause();
        try {
            HttpResponse<String> response = get("/api/v1/catalog");
            assertThat(response.statusCode()).isIn(502, 504);
            assertThat(response.body()).contains("catalog").contains("problems/upstream");
        } finally {
            catalog.resume();
        }
    }

    @Test
    void answersASilentServiceWith504() throws Exception {
        HttpResponse<String> response = get("/api/v1/slow");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("did not answer in time");
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /**
     * A real HTTP server standing in for a service: answers "<name> <method> <uri>" and the headers it received,
     * hashes uploads, streams downloads, stays silent on /slow.
     */
    static final class EchoServer {

        final String name;
        final java.util.Set<Integer> clientPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private HttpServer server;
        private final int port;

        EchoServer(String name) {
            this.name = name;
            try (ServerSocket probe = new ServerSocket(0)) {
                this.port = probe.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            resume();
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        void pause() {
            server.stop(0);
        }

        void resume() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", this::handle);
            server.start();
        }

        void stop() {
            server.stop(0);
        }

        private void handle(HttpExchange exchange) throws IOException {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/v1/slow")) {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            if (path.endsWith("/upload")) {
                try (InputStream body = exchange.getRequestBody()) {
                    MessageDigest digest = MessageDigest.getInstance("SHA-256");
                    byte[] buffer = new byte[65536];
                    int read;
                    while ((read = body.read(buffer)) > 0) {
                        digest.update(buffer, 0, read);
                    }
                    respond(exchange, "sha256=" + HexFormat.of().formatHex(digest.digest()));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
                return;
            }
            if (path.endsWith("/download")) {
                int megabytes =
                        Integer.parseInt(exchange.getRequestURI().getQuery().substring(3));
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    byte[] block = new byte[1024 * 1024];
                    for (int i = 0; i < megabytes; i++) {
                        out.write(block);
                    }
                }
                return;
            }
            StringBuilder echo =
                    new StringBuilder(name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n");
            exchange.getRequestHeaders()
                    .forEach((key, values) -> echo.append(key.toLowerCase())
                            .append(": ")
                            .append(String.join(",", values))
                            .append('\n'));
            respond(exchange, echo.toString());
        }

        private static void respond(HttpExchange exchange, String text) throws IOException {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
