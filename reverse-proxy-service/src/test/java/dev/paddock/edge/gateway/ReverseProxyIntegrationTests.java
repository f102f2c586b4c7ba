package dev.paddock.edge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.edge.gateway.FrontDoorIntegrationTests.EchoServer;
import dev.paddock.edge.gateway.listen.FrontDoor;
import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import dev.paddock.testsupport.TestTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The reverse-proxy API and what it configures, through real sockets: virtual hosts chosen by hostname, route order
 * and patterns, header rules, live changes, access by token and claim (and tokens never forwarded), CORS preflights,
 * hosts with listeners of their own (HTTP and TCP), enabling and disabling, and bad configuration refused with nothing
 * changed. VM targets are exercised end to end in the dev suite.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"paddock.edge.port=0", "paddock.edge.vm-domain=vm.test"})
class ReverseProxyIntegrationTests {

    static final TestTokens tokens = TestTokens.start();
    static final EchoServer app = new EchoServer("app");
    static final EchoServer other = new EchoServer("other");
    static final EchoServer orchestrator = new EchoServer("orchestrator");

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("paddock.security.jwt.jwks-uri", tokens::jwksUri);
        registry.add("paddock.edge.upstreams.orchestrator", orchestrator::url);
        registry.add("paddock.edge.upstreams.catalog", orchestrator::url);
    }

    @AfterAll
    static void stop() {
        app.stop();
        other.stop();
        orchestrator.stop();
        tokens.close();
    }

    @Autowired
    FrontDoor frontDoor;

    ApiClient api;
    Map<String, String> root;

    @BeforeEach
    void cleanSlate() {
        api = new ApiClient("http://127.0.0.1:" + frontDoor.listenerPort());
        root = ApiClient.bearer(tokens.superUser());
        for (JsonNode host : api.get("/api/v1/reverse-proxy/hosts", root).body()) {
            api.delete("/api/v1/reverse-proxy/hosts/" + host.path("id").asString(), root);
        }
        api.put("/api/v1/reverse-proxy/enable", null, root);
    }

    @Test
    void aHostChosenByHostnameForwardsByRouteOrderAndChangesApplyLive() throws Exception {
        Response created = api.post(
                "/api/v1/reverse-proxy/hosts",
                Map.of(
                        "host",
                        "App.Example.Test",
                        "http_routes",
                        List.of(Map.of(
                                "path",
                                "/",
                                "target_host",
                                "127.0.0.1",
                                "target_port",
                                port(app),
                                "request_headers",
                                Map.of("X-Tenant", "blue"),
                                "response_headers",
                                Map.of("X-Served-By", "paddock")))),
                root);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        assertThat(created.text("host")).isEqualTo("app.example.test");
        String id = created.text("id");

        RawHttp.Response first = vhost("app.example.test", "/hello?x=1", Map.of("Authorization", "Bearer app-own"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body())
                .startsWith("app GET /hello?x=1")
                .contains("x-tenant: blue")
                .contains("x-forwarded-host: app.example.test")
                .as("a public route leaves the app's own credentials alone")
                .contains("authorization: Bearer app-own");
        assertThat(first.header("X-Served-By")).isEqualTo("paddock");

        Response added = api.post(
                "/api/v1/reverse-proxy/hosts/" + id + "/http_routes",
                Map.of("order", -1, "pattern", "^/v2(/|$)", "target_host", "127.0.0.1", "target_port", port(other)),
                root);
        assertThat(added.status()).as(added.body().toString()).isEqualTo(200);
        assertThat(vhost("app.example.test", "/v2/items", Map.of()).body()).startsWith("other GET /v2/items");
        assertThat(vhost("app.example.test", "/v2x", Map.of()).body()).startsWith("app GET /v2x");

        String v2 = added.body().path("http_routes").get(0).path("id").asString();
        assertThat(api.delete("/api/v1/reverse-proxy/hosts/" + id + "/http_routes/" + v2, root)
                        .status())
                .isEqualTo(202);
        assertThat(vhost("app.example.test", "/v2/items", Map.of()).body()).startsWith("app GET /v2/items");

        assertThat(api.delete("/api/v1/reverse-proxy/hosts/" + id, root).status())
                .isEqualTo(202);
        RawHttp.Response gone = vhost("app.example.test", "/hello", Map.of());
        assertThat(gone.status()).as("back to the API's routing").isEqualTo(404);
    }

    @Test
    void anAuthenticatedHostChecksTokenAndClaimAndNeverForwardsTheToken() throws Exception {
        api.post(
                "/api/v1/reverse-proxy/hosts",
                Map.of(
                        "host",
                        "private.example.test",
                        "access",
                        Map.of("mode", "authenticated", "required_claims", List.of("LIST_VM")),
                        "http_routes",
                        List.of(Map.of("target_host", "127.0.0.1", "target_port", port(app)))),
                root);

        RawHttp.Response anonymous = vhost("private.example.test", "/", Map.of());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(anonymous.body()).contains("needs a Paddock token");

        String viewer = tokens.issue("viewer", Set.of(), Set.of("LIST"));
        RawHttp.Response forbidden = vhost("private.example.test", "/", Map.of("Authorization", "Bearer " + viewer));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body()).contains("LIST_VM").contains("viewer");

        assertThat(vhost("private.example.test", "/", Map.of("Authorization", "Bearer not-a-token"))
                        .status())
                .isEqualTo(401);

        String member = tokens.issue("member", Set.of(), Set.of("LIST_VM"));
        RawHttp.Response allowed = vhost("private.example.test", "/in", Map.of("Authorization", "Bearer " + member));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.body()).startsWith("app GET /in").doesNotContain("authorization");

        RawHttp.Response byCookie =
                vhost("private.example.test", "/c", Map.of("Cookie", "theme=dark; paddock_token=" + member));
        assertThat(byCookie.status()).isEqualTo(200);
        assertThat(byCookie.body()).contains("cookie: theme=dark").doesNotContain("paddock_token");
    }

    @Test
    void corsPreflightsAreAnsweredByTheEdgeForAllowedOriginsOnly() throws Exception {
        api.post(
                "/api/v1/reverse-proxy/hosts",
                Map.of(
                        "host",
                        "cors.example.test",
                        "cors",
                        Map.of(
                                "enabled",
                                true,
                                "allowed_origins",
                                List.of("https://ui.example.test"),
                                "allowed_methods",
                                List.of("get", "post")),
                        "http_routes",
                        List.of(Map.of("target_host", "127.0.0.1", "target_port", port(app)))),
                root);
        Map<String, String> preflight =
                Map.of("Origin", "https://ui.example.test", "Access-Control-Request-Method", "POST");

        RawHttp.Response answered =
                RawHttp.send(frontDoor.listenerPort(), "cors.example.test", "OPTIONS", "/x", preflight);
        assertThat(answered.status()).isEqualTo(204);
        assertThat(answered.header("Access-Control-Allow-Origin")).isEqualTo("https://ui.example.test");
        assertThat(answered.header("Access-Control-Allow-Methods")).isEqualTo("GET, POST");

        RawHttp.Response stranger = RawHttp.send(
                frontDoor.listenerPort(),
                "cors.example.test",
                "OPTIONS",
                "/x",
                Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));
        assertThat(stranger.status()).isEqualTo(403);

        RawHttp.Response simple = vhost("cors.example.test", "/y", Map.of("Origin", "https://ui.example.test"));
        assertThat(simple.header("Access-Control-Allow-Origin")).isEqualTo("https://ui.example.test");
    }

    @Test
    void aTcpRouteListensOnItsPortPipesBytesAndStopsWhenRemoved() throws Exception {
        try (TcpEcho echo = new TcpEcho()) {
            int listen = freePort();
            Response created = api.post(
                    "/api/v1/reverse-proxy/hosts",
                    Map.of(
                            "name",
                            "echo-tcp",
                            "port",
                            listen,
                            "tcp_route",
                            Map.of("target_host", "127.0.0.1", "target_port", echo.port())),
                    root);
            assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
            assertThat(created.text("host")).isEqualTo("0.0.0.0");

            try (Socket client = new Socket("127.0.0.1", listen)) {
                client.setSoTimeout(10_000);
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = client.getOutputStream();
                for (String line : List.of("hello", "through the edge")) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    assertThat(reader.readLine()).isEqualTo(line.toUpperCase(Locale.ROOT));
                }
            }

            api.delete("/api/v1/reverse-proxy/hosts/echo-tcp", root);
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(refused(listen)).isTrue());
        }
    }

    @Test
    void aHttpHostWithAPortOfItsOwnServesEveryRequestOnThatPort() throws Exception {
        int listen = freePort();
        Response created = api.post(
                "/api/v1/reverse-proxy/hosts",
                Map.of(
                        "host",
                        "0.0.0.0",
                        "port",
                        listen,
                        "http_routes",
                        List.of(Map.of("path", "/api", "target_host", "127.0.0.1", "target_port", port(app)))),
                root);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);

        assertThat(RawHttp.send(listen, "anything", "GET", "/api/ping", Map.of())
                        .body())
                .startsWith("app GET /api/ping");
        assertThat(RawHttp.send(listen, "anything", "GET", "/other", Map.of()).status())
                .isEqualTo(404);

        Response again = api.post(
                "/api/v1/reverse-proxy/hosts",
                Map.of("name", "second", "port", listen, "http_routes", List.of(Map.of("target_host", "x"))),
                root);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("detail")).contains("already listens on port " + listen);
    }

    @Test
    void disablingTheReverseProxyStopsServingItsHosts() throws Exception {
        api.post(
                "/api/v1/reverse-proxy/hosts",
                Map.of(
                        "host",
                        "toggle.example.test",
                        "http_routes",
                        List.of(Map.of("target_host", "127.0.0.1", "target_port", port(app)))),
                root);
        assertThat(vhost("toggle.example.test", "/", Map.of()).status()).isEqualTo(200);

        assertThat(api.put("/api/v1/reverse-proxy/disable", null, root).status())
                .isEqualTo(202);
        assertThat(api.get("/api/v1/reverse-proxy", root).body().path("enabled").asBoolean())
                .isFalse();
        assertThat(vhost("toggle.example.test", "/", Map.of()).status()).isEqualTo(404);

        api.put("/api/v1/reverse-proxy/enable", null, root);
        assertThat(vhost("toggle.example.test", "/", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void theOrchestratorsPerHostPathsManageTheSameConfiguration() {
        api.post(
                "/api/v1/reverse-proxy/hosts",
                Map.of("host", "shared.example.test", "http_routes", List.of(Map.of("target_host", "h"))),
                root);

        Response viaHost = api.get("/api/v1/orchestrator/hosts/mac-1/reverse-proxy/hosts", root);

        assertThat(viaHost.status()).isEqualTo(200);
        assertThat(viaHost.body().get(0).path("host").asString()).isEqualTo("shared.example.test");
    }

    @Test
    void vmRoutesWithoutTheEdgesCredentialAnswer503SayingWhatToSet() throws Exception {
        api.post(
                "/api/v1/reverse-proxy/hosts",
                Map.of("host", "vm-app.example.test", "http_routes", List.of(Map.of("target_vm_id", "ubuntu"))),
                root);

        RawHttp.Response response = vhost("vm-app.example.test", "/", Map.of());

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body()).contains("paddock.edge.orchestrator-api-key");
        assertThat(vhost("ubuntu.vm.test", "/", Map.of()).status())
                .as("automatic VM names need a token first")
                .isEqualTo(401);
    }

    @Test
    void badConfigurationIsRefusedWithAReasonAndChangesNothing() {
        String taken = "taken.example.test";
        api.post(
                "/api/v1/reverse-proxy/hosts",
                Map.of("host", taken, "http_routes", List.of(Map.of("target_host", "h"))),
                root);
        Map<String, Object> route = Map.of("target_host", "127.0.0.1");
        List<Map<String, Object>> bad = List.of(
                Map.of("host", "not a hostname!", "http_routes", List.of(route)),
                Map.of("name", "-bad", "host", "ok.example.test"),
                Map.of("host", "x.example.test", "http_routes", List.of(Map.of("pattern", "(unclosed"))),
                Map.of(
                        "host",
                        "x.example.test",
                        "http_routes",
                        List.of(Map.of("target_host", "a", "target_vm_id", "b"))),
                Map.of("host", "x.example.test", "http_routes", List.of(Map.of("schema", "https", "target_host", "a"))),
                Map.of("host", "x.example.test", "http_routes", List.of(Map.of("target_host", "a", "target_port", 0))),
                Map.of("host", "x.example.test", "tcp_route", Map.of("target_host", "a", "target_port", 22)),
                Map.of("host", "x.example.test", "access", Map.of("required_claims", List.of("NO_SUCH_CLAIM"))),
                Map.of("host", "x.example.test", "tls", Map.of("enabled", true)),
                Map.of(
                        "host",
                        "x.example.test",
                        "http_routes",
                        List.of(Map.of("target_host", "a", "request_headers", Map.of("Bad Header", "v")))));
        for (Map<String, Object> request : bad) {
            Response refused = api.post("/api/v1/reverse-proxy/hosts", request, root);
            assertThat(refused.status()).as(request + " -> " + refused.body()).isEqualTo(400);
            assertThat(refused.text("detail")).isNotBlank();
        }
        Response duplicate = api.post(
                "/api/v1/reverse-proxy/hosts",
                Map.of("host", taken.toUpperCase(Locale.ROOT), "http_routes", List.of(route)),
                root);
        assertThat(duplicate.status()).isEqualTo(409);
        Response ownPort = api.post(
                "/api/v1/reverse-proxy/hosts",
                Map.of(
                        "name",
                        "clash",
                        "port",
                        frontDoor.tlsPort() > 0 ? frontDoor.tlsPort() : 8443,
                        "tcp_route",
                        Map.of("target_host", "a", "target_port", 22)),
                root);
        assertThat(ownPort.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/reverse-proxy/hosts", root).body().size()).isEqualTo(1);
        assertThat(api.post(
                                "/api/v1/reverse-proxy/hosts",
                                Map.of("host", "y.example.test"),
                                ApiClient.bearer(tokens.issue("reader", Set.of(), Set.of("LIST_REVERSE_PROXY_HOSTS"))))
                        .status())
                .isEqualTo(403);
    }

    // ---- helpers

    private RawHttp.Response vhost(String host, String path, Map<String, String> headers) throws IOException {
        return RawHttp.send(frontDoor.listenerPort(), host, "GET", path, headers);
    }

    private static int port(EchoServer server) {
        return Integer.parseInt(server.url().substring(server.url().lastIndexOf(':') + 1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2_000);
            return socket.getInputStream().read() < 0;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A line-based TCP server that answers each line upper-cased. */
    static final class TcpEcho implements AutoCloseable {

        private final ServerSocket server;

        TcpEcho() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        Thread.ofVirtual().start(() -> serve(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        private static void serve(Socket socket) {
            try (socket) {
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = socket.getOutputStream();
                String line;
                while ((line = in.readLine()) != null) {
                    out.write((line.toUpperCase(Locale.ROOT) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException ignored) {
                // client gone
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
