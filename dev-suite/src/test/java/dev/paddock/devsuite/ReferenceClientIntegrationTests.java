package dev.paddock.devsuite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;

/**
 * A client that knows only the reference's API — its paths, its request bodies, the status codes and field names of
 * its answers (shared/reference/api-surface.md, from the reference's OpenAPI document) — working through the edge:
 * identity as its web UI manages it, and a VM's life through the host API, which the fleet answers as one big Mac.
 */
@ResourceLock(SharedSuite.LOCK)
class ReferenceClientIntegrationTests {

    private static ApiClient api;
    private static Map<String, String> root;

    @BeforeAll
    static void login() throws Exception {
        LocalSuite suite = SharedSuite.get();
        suite.seedGoldenImage();
        api = new ApiClient(suite.edgeUrl());
        Response login =
                api.post("/api/v1/auth/token", Map.of("email", "root", "password", suite.rootPassword()), Map.of());
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body().has("expires_at")).isTrue();
        root = Map.of("Authorization", "Bearer " + login.text("token"));
    }

    @Test
    void identityIsManagedWithTheReferencesBodiesAndAnswers() {
        Response claim = api.post("/api/v1/auth/claims", Map.of("name", "REF_CLIENT_READ"), root);
        assertThat(claim.status()).as(claim.body().toString()).isEqualTo(200);
        assertThat(claim.text("name")).isEqualTo("REF_CLIENT_READ");
        Response role = api.post(
                "/api/v1/auth/roles", Map.of("name", "REF_CLIENT_ROLE", "claims", List.of("REF_CLIENT_READ")), root);
        assertThat(role.status()).as(role.body().toString()).isEqualTo(201);
        assertThat(role.body().path("claims").findValuesAsString("name")).contains("REF_CLIENT_READ");

        Response user = api.post(
                "/api/v1/auth/users",
                Map.of(
                        "name", "Reference Client",
                        "username", "ref-client",
                        "email", "ref-client@example.com",
                        "password", "Ref-client-passw0rd",
                        "roles", List.of("REF_CLIENT_ROLE"),
                        "claims", List.of("LIST_VM")),
                root);
        assertThat(user.status()).as(user.body().toString()).isEqualTo(201);
        assertThat(user.body().path("roles").valueStream().map(JsonNode::asString))
                .contains("REF_CLIENT_ROLE");
        String userId = user.text("id");

        Response login = api.post(
                "/api/v1/auth/token",
                Map.of("email", "ref-client@example.com", "password", "Ref-client-passw0rd"),
                Map.of());
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text("email")).isEqualTo("ref-client@example.com");

        Response key = api.post(
                "/api/v1/auth/api_keys",
                Map.of(
                        "name",
                        "ref-client-ci",
                        "key",
                        "ref-client-key",
                        "secret",
                        "ref-client-secret",
                        "user_id",
                        userId),
                root);
        assertThat(key.status()).as(key.body().toString()).isEqualTo(200);
        assertThat(key.text("user_id")).isEqualTo(userId);
        String encoded =
                Base64.getEncoder().encodeToString("ref-client-key:ref-client-secret".getBytes(StandardCharsets.UTF_8));
        assertThat(api.get("/api/v1/machines", Map.of("X-Api-Key", encoded)).status())
                .as("the key acts with its user's claims (LIST_VM)")
                .isEqualTo(200);
        assertThat(api.get("/api/v1/auth/users", Map.of("X-Api-Key", encoded)).status())
                .as("and no more")
                .isEqualTo(403);

        assertThat(api.delete("/api/v1/auth/api_keys/" + key.text("id"), root).status())
                .isEqualTo(202);
        assertThat(api.delete("/api/v1/auth/users/" + userId, root).status()).isEqualTo(202);
        assertThat(api.delete("/api/v1/auth/roles/" + role.text("id"), root).status())
                .isEqualTo(202);
        assertThat(api.delete("/api/v1/auth/claims/" + claim.text("id"), root).status())
                .isEqualTo(202);
    }

    @Test
    void aVmLivesThroughTheHostApiAsIfTheFleetWereOneMac() {
        Response created = api.post(
                "/api/v1/machines",
                Map.of(
                        "name",
                        "ref-client-vm",
                        "architecture",
                        "arm64",
                        "catalog_manifest",
                        Map.of(
                                "catalog_id", LocalSuite.SEEDED_IMAGE,
                                "version", LocalSuite.SEEDED_VERSION,
                                "specs", Map.of("cpu", "2", "memory", "2048"))),
                root);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        assertThat(created.text("name")).isEqualTo("ref-client-vm");
        assertThat(created.text("host")).isNotBlank();
        String id = created.text("id");

        Response started = api.get("/api/v1/machines/" + id + "/start", root);
        assertThat(started.status()).as(started.body().toString()).isEqualTo(200);
        assertThat(started.text("operation")).isEqualTo("start");
        assertThat(api.get("/api/v1/machines/" + id + "/status", root).text("status"))
                .isEqualTo("running");

        Response ran = api.put("/api/v1/machines/" + id + "/execute", Map.of("command", "echo hello"), root);
        assertThat(ran.status()).as(ran.body().toString()).isEqualTo(200);
        assertThat(ran.body().path("exit_code").asInt()).isZero();
        assertThat(ran.text("stdout")).contains("hello");

        Response snapshot = api.post(
                "/api/v1/machines/" + id + "/snapshots",
                Map.of("snapshot_name", "clean", "snapshot_description", "before the tests"),
                root);
        assertThat(snapshot.status()).as(snapshot.body().toString()).isIn(200, 202);
        assertThat(snapshot.text("snapshot_name")).isEqualTo("clean");

        Response renamed =
                api.put("/api/v1/machines/" + id + "/rename", Map.of("new_name", "ref-client-renamed"), root);
        assertThat(renamed.status()).as(renamed.body().toString()).isEqualTo(200);
        assertThat(renamed.text("Name")).isEqualTo("ref-client-renamed");

        Response stopped = api.put("/api/v1/machines/" + id + "/stop?force=true", null, root);
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/machines/" + id, root).status()).isEqualTo(202);
        assertThat(api.get("/api/v1/machines/" + id, root).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/jobs", root).status()).isEqualTo(200);
    }
}
