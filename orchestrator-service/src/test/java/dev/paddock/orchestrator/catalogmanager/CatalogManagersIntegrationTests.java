package dev.paddock.orchestrator.catalogmanager;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paddock.common.crypto.SecretBox;
import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Catalog managers through real HTTP and PostgreSQL, against another catalog played by a small HTTP server that speaks
 * the reference's login and catalog paths and records what it receives.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "paddock.orchestrator.identity.root-password=" + CatalogManagersIntegrationTests.ROOT_PASSWORD,
            "paddock.orchestrator.identity.password-hash-strength=4",
        })
class CatalogManagersIntegrationTests {

    static final String ROOT_PASSWORD = "Root-Passw0rd-for-tests";
    static final String USER_PASSWORD = "User-Passw0rd-for-tests";

    static {
        // One key per test JVM: the classes share its database, whose signing keys are sealed with it.
        System.getProperties().putIfAbsent("paddock.orchestrator.secrets.key", SecretBox.generateKey());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    String rootToken;
    HttpServer other;
    final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        api = new ApiClient("http://localhost:" + port);
        rootToken = api.login("root", ROOT_PASSWORD);
        other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", this::otherCatalog);
        other.start();
    }

    @AfterEach
    void stopOtherCatalog() {
        other.stop(0);
    }

    @Test
    void aCatalogManagerLogsInWithItsOwnCredentialsAndTheCallersTokenNeverLeaves() {
        Response created = api.post(
                "/api/v1/catalog-managers",
                Map.of(
                        "name", "team catalog",
                        "url", otherUrl() + "/api/v1",
                        "username", "remote-user",
                        "password", "remote-pass"),
                bearer(rootToken));

        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        assertThat(created.text("authentication_method")).isEqualTo("credentials");
        assertThat(created.body().has("password")).isFalse();
        assertThat(created.body().has("api_key")).isFalse();
        String id = created.text("id");
        String sealed =
                jdbc.queryForObject("select secret_sealed from catalog_managers where id = ?::uuid", String.class, id);
        assertThat(sealed).doesNotContain("remote-pass");

        Response listed = api.get("/api/v1/catalog-managers/" + id + "/catalog", bearer(rootToken));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().get(0).has("ubuntu")).isTrue();
        Response removed = api.delete("/api/v1/catalog-managers/" + id + "/catalog/ubuntu/1.0", bearer(rootToken));
        assertThat(removed.status()).isEqualTo(202);
        assertThat(received).contains("DELETE /api/v1/catalog/ubuntu/1.0 Bearer remote-token");
        assertThat(received).noneMatch(line -> line.contains(rootToken));

        Response moved = api.put(
                "/api/v1/catalog-managers/" + id, Map.of("url", "http://elsewhere.example.test"), bearer(rootToken));
        assertThat(moved.status())
                .as("stored credentials are not sent to a new address")
                .isEqualTo(400);
        int before = received.size();
        Response escape = api.get("/api/v1/catalog-managers/" + id + "/catalog/%2e%2e/auth/users", bearer(rootToken));
        assertThat(escape.status()).isEqualTo(400);
        assertThat(received).hasSize(before);

        Response push = api.post("/api/v1/catalog-managers/" + id + "/catalog/push", Map.of(), bearer(rootToken));
        assertThat(push.status()).isEqualTo(501);

        assertThat(api.delete("/api/v1/catalog-managers/" + id, bearer(rootToken))
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/catalog-managers/" + id, bearer(rootToken)).status())
                .isEqualTo(404);
    }

    @Test
    void credentialsTheOtherCatalogRefusesAreNotStored() {
        int before = jdbc.queryForObject("select count(*) from catalog_managers", Integer.class);

        Response refused = api.post(
                "/api/v1/catalog-managers",
                Map.of("name", "wrong", "url", otherUrl(), "username", "remote-user", "password", "guess"),
                bearer(rootToken));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("type")).endsWith("/catalog-manager-unusable");
        assertThat(refused.text("detail")).contains(otherUrl());
        assertThat(jdbc.queryForObject("select count(*) from catalog_managers", Integer.class))
                .isEqualTo(before);
        Response noCredentials =
                api.post("/api/v1/catalog-managers", Map.of("name", "bare", "url", otherUrl()), bearer(rootToken));
        assertThat(noCredentials.status()).isEqualTo(400);
    }

    @Test
    void aUserWithTheOwnClaimsSeesTheirOwnAndGlobalManagersOnly() {
        String rootsPrivate = createManager(Map.of("name", "private", "global", false));
        String everyones = createManager(Map.of("name", "shared", "global", true));
        String needsClaim =
                createManager(Map.of("name", "restricted", "global", true, "required_claims", List.of("SUPER_USER")));
        String user = api.login(
                createUser(List.of("CATALOG_MANAGER_LIST_OWN", "CATALOG_MANAGER_CREATE_OWN", "LIST_CATALOG_MANIFEST")),
                USER_PASSWORD);

        List<String> seen =
                api.get("/api/v1/catalog-managers", bearer(user)).body().findValuesAsString("id");
        assertThat(seen).contains(everyones).doesNotContain(rootsPrivate, needsClaim);
        assertThat(api.get("/api/v1/catalog-managers/" + rootsPrivate, bearer(user))
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/catalog-managers/" + everyones + "/catalog", bearer(user))
                        .status())
                .isEqualTo(200);
        Response global = api.post(
                "/api/v1/catalog-managers",
                Map.of("name", "mine", "url", otherUrl(), "api_key", "remote-key", "global", true),
                bearer(user));
        assertThat(global.status()).isEqualTo(403);
        Response own = api.post(
                "/api/v1/catalog-managers",
                Map.of("name", "mine", "url", otherUrl(), "api_key", "remote-key"),
                bearer(user));
        assertThat(own.status()).as(own.body().toString()).isEqualTo(200);
        assertThat(own.text("authentication_method")).isEqualTo("api_key");
        assertThat(received).contains("GET /api/v1/catalog key remote-key");
    }

    private String createManager(Map<String, Object> fields) {
        Map<String, Object> request = new java.util.HashMap<>(fields);
        request.put("url", otherUrl());
        request.put("api_key", "remote-key");
        Response created = api.post("/api/v1/catalog-managers", request, bearer(rootToken));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        return created.text("id");
    }

    private String createUser(List<String> claims) {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = api.post(
                "/api/v1/auth/users",
                Map.of(
                        "username", username,
                        "email", username + "@example.test",
                        "password", USER_PASSWORD,
                        "roles", List.of("USER"),
                        "claims", claims),
                bearer(rootToken));
        assertThat(created.status()).as("create user: %s", created.body()).isEqualTo(201);
        return username;
    }

    private String otherUrl() {
        return "http://127.0.0.1:" + other.getAddress().getPort();
    }

    /** The other catalog: a login for remote-user/remote-pass, an API key remote-key, one image. */
    private void otherCatalog(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String apiKey = exchange.getRequestHeaders().getFirst("X-Api-Key");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(method + " " + path + " " + (apiKey != null ? "key " + apiKey : authorization));
            if (method.equals("POST") && path.equals("/api/v1/auth/token")) {
                boolean right = body.contains("\"remote-user\"") && body.contains("\"remote-pass\"");
                reply(
                        exchange,
                        right ? 200 : 401,
                        right
                                ? "{\"email\":\"remote-user\",\"token\":\"remote-token\",\"expires_at\":\"2030-01-01T00:00:00Z\"}"
                                : "{\"title\":\"Unauthorized\",\"status\":401}");
                return;
            }
            boolean authorized = "Bearer remote-token".equals(authorization) || "remote-key".equals(apiKey);
            if (!authorized) {
                reply(exchange, 401, "{\"title\":\"Unauthorized\",\"status\":401}");
            } else if (method.equals("GET") && path.equals("/api/v1/catalog")) {
                reply(exchange, 200, "[{\"ubuntu\":[{\"catalog_id\":\"ubuntu\",\"version\":\"1.0\"}]}]");
            } else if (method.equals("DELETE") && path.startsWith("/api/v1/catalog/")) {
                exchange.sendResponseHeaders(202, -1);
            } else {
                reply(exchange, 404, "{\"title\":\"Not Found\",\"status\":404}");
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
