package dev.paddock.devsuite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.devsuite.OpenApiOperations.Operation;
import dev.paddock.testsupport.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;

/**
 * Who may call what, over every operation every service documents (orchestrator, catalog, edge, agent), asked as three
 * callers: nobody (no credentials), a forged token ({@code alg: none}), and a signed-in user who holds no role and
 * no claim. Nobody and the forged token get 401 everywhere but the public operations; the claimless user never
 * succeeds but at the operations every signed-in user may call on their own records. Both lists, with the reason for
 * each entry, are {@code authorization-open-operations.tsv}; an operation that answers otherwise, a server error, or an
 * entry no operation matches fails the test. (The reference's default USER role holds read and cache claims, so a
 * new user is stripped of it first.)
 */
@ResourceLock(SharedSuite.LOCK)
class AuthorizationMatrixIntegrationTests {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An entry of the open list: who ({@code public} or {@code any-user}), service, method, path. */
    record Open(String who, String service, String method, String path) {}

    private static LocalSuite suite;
    private static String claimless;
    private static List<Open> open;

    @BeforeAll
    static void setUp() throws IOException {
        suite = SharedSuite.get();
        ApiClient api = new ApiClient(suite.edgeUrl());
        String root = api.login("root", suite.rootPassword());
        String password = "Matrix-caller-1";
        ApiClient.Response created = api.post(
                "/api/v1/auth/users",
                Map.of(
                        "username", "matrix-caller",
                        "name", "Authorization matrix",
                        "email", "matrix-caller@example.com",
                        "password", password),
                ApiClient.bearer(root));
        assertThat(created.status()).as(created.body().toString()).isIn(201, 409);
        // A new user holds the reference's default USER role; take every role and claim away.
        String id = api.get("/api/v1/auth/users/matrix-caller", ApiClient.bearer(root))
                .text("id");
        for (String kind : List.of("roles", "claims")) {
            for (JsonNode held : api.get("/api/v1/auth/users/" + id + "/" + kind, ApiClient.bearer(root))
                    .body()) {
                String heldId = held.path("id").asString();
                assertThat(api.delete("/api/v1/auth/users/" + id + "/" + kind + "/" + heldId, ApiClient.bearer(root))
                                .status())
                        .isBetween(200, 299);
            }
        }
        claimless = "Bearer " + api.login("matrix-caller", password);
        assertThat(api.get("/api/v1/auth/me", Map.of("Authorization", claimless))
                        .body()
                        .path("claims"))
                .as("the claimless caller's claims")
                .isEmpty();
        open = openList();
    }

    @Test
    void everyOperationIsClosedToCallersWithoutTheRightCredentials() throws Exception {
        Map<String, String> services = new TreeMap<>(Map.of(
                "orchestrator", suite.orchestratorUrl(),
                "catalog", suite.catalogUrl(),
                "edge", suite.edgeUrl(),
                "agent", suite.agentUrl(0)));
        List<String> violations = new ArrayList<>();
        List<Open> used = new ArrayList<>();
        int asked = 0;
        for (Map.Entry<String, String> service : services.entrySet()) {
            for (Operation operation : OpenApiOperations.of(service.getKey(), service.getValue())) {
                if (operation.streams()) {
                    continue;
                }
                asked++;
                Open publicEntry = entry("public", operation);
                Open anyUserEntry = entry("any-user", operation);
                for (String caller : List.of("nobody", "forged", "claimless")) {
                    int status = send(service.getValue(), operation, caller);
                    // Without credentials: 401. Without claims: anything but success — mostly 403, but a refusal
                    // that needs no claims may come first (a body or id the operation's checks refuse, an operation
                    // name that does not exist, a deliberate 501), which reveals nothing.
                    boolean closed = caller.equals("claimless") ? status >= 400 : status == 401;
                    boolean allowedOpen = publicEntry != null || (caller.equals("claimless") && anyUserEntry != null);
                    // 501 is a deliberate refusal (operation-not-supported), not a failure.
                    boolean serverError = status >= 500 && status != 501;
                    if (serverError || (!closed && !allowedOpen)) {
                        violations.add(operation + " answered " + status + " to " + caller);
                    }
                }
                if (publicEntry != null) {
                    used.add(publicEntry);
                }
                if (anyUserEntry != null) {
                    used.add(anyUserEntry);
                }
            }
        }

        assertThat(asked).isGreaterThan(200);
        assertThat(violations)
                .as("operations open to callers they should be closed to")
                .isEmpty();
        assertThat(open).as("entries of the open list no operation matches").isSubsetOf(used);
    }

    /**
     * Record-level rules: what one user keeps (API keys, settings, catalog managers, under the default USER role's
     * {@code *_OWN_*} claims) another user with the same role can neither see, change nor delete — by its real id.
     */
    @Test
    void oneUsersRecordsAreClosedToAnotherWithTheSameRole() {
        ApiClient api = new ApiClient(suite.edgeUrl());
        Map<String, String> root = ApiClient.bearer(api.login("root", suite.rootPassword()));
        String password = "Owner-passw0rd-1";
        for (String name : List.of("record-owner", "record-stranger")) {
            ApiClient.Response created = api.post(
                    "/api/v1/auth/users",
                    Map.of("username", name, "name", name, "email", name + "@example.com", "password", password),
                    root);
            assertThat(created.status()).as(created.body().toString()).isIn(201, 409);
        }
        Map<String, String> owner = ApiClient.bearer(api.login("record-owner", password));
        Map<String, String> stranger = ApiClient.bearer(api.login("record-stranger", password));
        ApiClient.Response key = api.post("/api/v1/auth/api_keys", Map.of("name", "owners-key"), owner);
        ApiClient.Response config = api.post(
                "/api/v1/user/configs",
                Map.of("slug", "owners-theme", "name", "owners-theme", "type", "string", "value", "dark"),
                owner);
        ApiClient.Response manager = api.post(
                "/api/v1/catalog-managers",
                Map.of(
                        "name",
                        "owners-catalog",
                        "url",
                        suite.edgeUrl() + "/api/v1",
                        "username",
                        "record-owner",
                        "password",
                        password),
                owner);
        assertThat(List.of(key.status(), config.status(), manager.status()))
                .as("%s / %s / %s", key.body(), config.body(), manager.body())
                .allMatch(status -> status >= 200 && status < 300);
        Map<String, String> records = Map.of(
                "/api/v1/auth/api_keys/", key.text("id"),
                "/api/v1/user/configs/", config.text("id"),
                "/api/v1/catalog-managers/", manager.text("id"));

        List<String> violations = new ArrayList<>();
        records.forEach((collection, id) -> {
            for (ApiClient.Response answer : List.of(
                    api.get(collection + id, stranger),
                    api.put(collection + id, Map.of("name", "taken", "type", "string", "value", "x"), stranger),
                    api.delete(collection + id, stranger))) {
                // 405: the record has no such operation (API keys are revoked, not updated).
                if (answer.status() != 403 && answer.status() != 404 && answer.status() != 405) {
                    violations.add(answer.raw().request().method() + " " + collection + id + " answered "
                            + answer.status() + " to another user");
                }
            }
            String collectionPath = collection.substring(0, collection.length() - 1);
            if (api.get(collectionPath, stranger).body().toString().contains(id)) {
                violations.add(collectionPath + " lists another user's " + id);
            }
            assertThat(api.get(collection + id, owner).status())
                    .as("the owner's record is still there")
                    .isEqualTo(200);
        });
        ApiClient.Response revoke = api.put("/api/v1/auth/api_keys/" + key.text("id") + "/revoke", null, stranger);
        if (revoke.status() != 403 && revoke.status() != 404) {
            violations.add("revoking another user's API key answered " + revoke.status());
        }

        assertThat(violations).isEmpty();
    }

    /**
     * A restricted image (one that requires a claim) is hidden from a user who holds the image claims of the default
     * USER role but not that one: absent from the list, its manifest and its download refused; root still sees it.
     */
    @Test
    void aRestrictedImageIsHiddenFromUsersWithoutItsClaim() throws Exception {
        suite.seedGoldenImage();
        ApiClient api = new ApiClient(suite.edgeUrl());
        Map<String, String> root = ApiClient.bearer(api.login("root", suite.rootPassword()));
        String password = "Restricted-passw0rd-1";
        ApiClient.Response created = api.post(
                "/api/v1/auth/users",
                Map.of(
                        "username",
                        "image-user",
                        "name",
                        "image-user",
                        "email",
                        "image-user@example.com",
                        "password",
                        password),
                root);
        assertThat(created.status()).as(created.body().toString()).isIn(201, 409);
        Map<String, String> user = ApiClient.bearer(api.login("image-user", password));
        String manifest = "/api/v1/catalog/" + LocalSuite.SEEDED_IMAGE + "/" + LocalSuite.SEEDED_VERSION + "/arm64";
        Map<String, Object> restriction = Map.of("required_claims", List.of("TEAM_IOS_RELEASE"));
        assertThat(api.get(manifest, user).status())
                .as("visible before the restriction")
                .isEqualTo(200);

        assertThat(api.send("PATCH", manifest + "/claims", restriction, root).status())
                .isEqualTo(200);
        try {
            assertThat(api.get(manifest, user).status()).isIn(403, 404);
            assertThat(api.get(manifest + "/download", user).status()).isIn(403, 404);
            String name = LocalSuite.SEEDED_IMAGE + "-%s-" + LocalSuite.SEEDED_VERSION;
            assertThat(api.get("/api/v1/catalog", user).body().toString())
                    .as("the catalog as the user lists it: the unrestricted x86_64 manifest only")
                    .contains(name.formatted("x86_64"))
                    .doesNotContain(name.formatted("arm64"));
            assertThat(api.get(manifest, root).status())
                    .as("root still sees it")
                    .isEqualTo(200);
        } finally {
            assertThat(api.send("DELETE", manifest + "/claims", restriction, root)
                            .status())
                    .isEqualTo(200);
        }
        assertThat(api.get(manifest, user).status()).as("visible again").isEqualTo(200);
    }

    private static Open entry(String who, Operation operation) {
        return open.stream()
                .filter(entry -> entry.who().equals(who)
                        && entry.service().equals(operation.service())
                        && entry.method().equals(operation.method())
                        && entry.path().equals(operation.path()))
                .findFirst()
                .orElse(null);
    }

    private static int send(String baseUrl, Operation operation, String caller)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(baseUrl + BadInputs.withIds(operation.path(), null, null)))
                .timeout(Duration.ofSeconds(30));
        switch (caller) {
            case "forged" ->
                request.header(
                        "Authorization",
                        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJyb290IiwiY2xhaW1zIjpbIkNSRUFURV9WTSJdfQ.");
            case "claimless" -> request.header("Authorization", claimless);
            default -> {
                // nobody: no credentials
            }
        }
        request.header("Content-Type", "application/json")
                .method(operation.method(), HttpRequest.BodyPublishers.ofString("{}"));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static List<Open> openList() throws IOException {
        List<Open> entries = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(
                AuthorizationMatrixIntegrationTests.class.getResourceAsStream("/authorization-open-operations.tsv"))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                if (columns.length < 5 || !Set.of("public", "any-user").contains(columns[0])) {
                    throw new IllegalStateException(
                            "authorization-open-operations.tsv: who, service, method, path, " + "why: " + line);
                }
                entries.add(new Open(columns[0], columns[1], columns[2], columns[3]));
            }
        }
        return entries.stream().distinct().collect(Collectors.toList());
    }
}
