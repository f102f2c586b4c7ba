package dev.paddock.devsuite;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The suite end to end, every service its own process, real HTTP between them: log in through the edge, call the
 * orchestrator and the catalog through the edge with that token, have the agent list the simulator's VMs with it, and
 * get problem details for missing and insufficient credentials.
 */
@ResourceLock(SharedSuite.LOCK)
class WalkingSkeletonIntegrationTests {

    LocalSuite suite;
    ApiClient edge;

    @BeforeEach
    void setUp() {
        suite = SharedSuite.get();
        edge = new ApiClient(suite.edgeUrl());
    }

    @Test
    void walksFromLoginThroughTheEdgeToTheSimulatorsVms() {
        Response login =
                edge.post("/api/v1/auth/token", Map.of("username", "root", "password", suite.rootPassword()), Map.of());
        assertThat(login.status()).isEqualTo(200);
        Map<String, String> root = bearer(login.text("token"));

        Response me = edge.get("/api/v1/auth/me", root);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("username")).isEqualTo("root");

        Response catalog = edge.get("/api/v1/catalog", root);
        assertThat(catalog.status()).isEqualTo(200);
        assertThat(catalog.body().isArray()).isTrue();

        Response machines = new ApiClient(suite.agentUrl(0)).get("/api/v1/machines", root);
        assertThat(machines.status()).isEqualTo(200);
        assertThat(machines.body().findValuesAsString("Name")).contains("macos-ci-arm", "ubuntu-arm");
    }

    @Test
    void servesTheReferencesUnversionedPathsToo() {
        Response login =
                edge.post("/api/auth/token", Map.of("username", "root", "password", suite.rootPassword()), Map.of());

        assertThat(login.status()).isEqualTo(200);
        assertThat(edge.get("/api/auth/me", bearer(login.text("token"))).text("username"))
                .isEqualTo("root");
    }

    @Test
    void answersAMissingTokenWith401ProblemAtEveryService() {
        for (String path : List.of("/api/v1/auth/users", "/api/v1/catalog")) {
            Response response = edge.get(path, Map.of());
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.raw().headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        }
        assertThat(new ApiClient(suite.agentUrl(0))
                        .get("/api/v1/machines", Map.of())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void answersATokenMissingAClaimWith403ProblemAtEveryService() {
        String rootToken = edge.login("root", suite.rootPassword());
        String username = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = edge.post(
                "/api/v1/auth/users",
                Map.of(
                        "username",
                        username,
                        "email",
                        username + "@example.test",
                        "password",
                        "Viewer-Passw0rd!",
                        "roles",
                        List.of("USER")),
                bearer(rootToken));
        assertThat(created.status()).isEqualTo(201);
        // A user with no claims at all: the USER role would grant LIST_VM and LIST_CATALOG_MANIFEST.
        edge.delete("/api/v1/auth/users/" + username + "/roles/USER", bearer(rootToken));
        Map<String, String> viewer = bearer(edge.login(username, "Viewer-Passw0rd!"));

        Response users = edge.get("/api/v1/auth/users", viewer);
        Response catalog = edge.get("/api/v1/catalog", viewer);
        Response machines = new ApiClient(suite.agentUrl(0)).get("/api/v1/machines", viewer);

        assertThat(users.status()).isEqualTo(403);
        assertThat(users.text("detail")).contains("LIST_USER");
        assertThat(catalog.status()).isEqualTo(403);
        assertThat(catalog.text("detail")).contains("LIST_CATALOG_MANIFEST");
        assertThat(catalog.text("service")).isEqualTo("catalog-service");
        assertThat(machines.status()).isEqualTo(403);
        assertThat(machines.text("detail")).contains("LIST_VM");
    }

    @Test
    void carriesTheRequestIdThroughTheEdge() {
        Response response = edge.get("/api/v1/auth/users", Map.of("X-Request-Id", "skeleton-42"));

        assertThat(response.text("request_id")).isEqualTo("skeleton-42");
        assertThat(response.raw().headers().firstValue("X-Request-Id")).contains("skeleton-42");
    }

    @Test
    void servesEachServicesSwaggerUiAndDocuments() {
        for (String base : List.of(suite.edgeUrl(), suite.orchestratorUrl(), suite.catalogUrl(), suite.agentUrl(0))) {
            Response ui = new ApiClient(base).get("/swagger-ui/index.html", Map.of());
            assertThat(ui.status()).as(base).isEqualTo(200);
            assertThat(ui.raw().body()).contains("swagger-ui");
            Response document = new ApiClient(base).get("/v3/api-docs", Map.of());
            assertThat(document.status()).as(base).isEqualTo(200);
            assertThat(document.body()
                            .path("components")
                            .path("securitySchemes")
                            .has("bearer"))
                    .isTrue();
            assertThat(document.body()
                            .path("components")
                            .path("securitySchemes")
                            .has("api_key"))
                    .isTrue();
        }
        for (String service : List.of("orchestrator", "catalog", "edge")) {
            Response document = edge.get("/v3/api-docs/" + service, Map.of());
            assertThat(document.status()).as(service).isEqualTo(200);
            assertThat(document.text("openapi")).startsWith("3.");
        }
    }
}
