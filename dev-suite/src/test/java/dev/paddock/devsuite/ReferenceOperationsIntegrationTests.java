package dev.paddock.devsuite;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.testsupport.ApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every operation of the reference's API (its OpenAPI document, {@code reference-operations.tsv}) sent through the edge
 * the way the reference's own clients send it, with ids nobody has: each one reaches an operation of Paddock — no "no
 * such operation", no 405 — and none fails with a server error; the few Paddock refuses on purpose answer 501
 * {@code operation-not-supported} saying why. They are sent by a user who holds no claims, so nothing in the shared
 * suite changes (an operation that exists answers with its own 400, 401, 403 or 404). The reads that need no id are
 * also sent by root, and must succeed.
 */
@ResourceLock(SharedSuite.LOCK)
class ReferenceOperationsIntegrationTests {

    private static final String UNKNOWN_ID = "00000000-0000-4000-8000-00000000beef";
    private static final String PROBLEMS = "https://paddock.dev/problems/";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String edge;
    private static String rootToken;
    private static String plainToken;

    /** One operation of the reference: its method, its path under {@code /api}, whether Paddock refuses it. */
    record Operation(String method, String path, boolean refused) {

        /** The path with every parameter replaced by an id nobody has. */
        String concretePath() {
            return path.replaceAll("\\{[^}]+}", UNKNOWN_ID);
        }

        boolean readsWithoutId() {
            return method.equals("GET") && !path.contains("{") && !streams();
        }

        /** Answers that never end on their own: read only up to their headers. */
        boolean streams() {
            return path.endsWith("/logs/stream") || path.endsWith("/ws/subscribe");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    record Answer(int status, String type, String body) {}

    static Stream<Operation> operations() throws IOException {
        List<Operation> operations = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(
                        ReferenceOperationsIntegrationTests.class.getResourceAsStream("/reference-operations.tsv"));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                operations.add(
                        new Operation(columns[0], columns[1], columns.length > 2 && columns[2].equals("refused")));
            }
        }
        return operations.stream();
    }

    static Stream<Operation> readsWithoutId() throws IOException {
        return operations().filter(op -> op.readsWithoutId() && !op.refused());
    }

    @BeforeAll
    static void users() {
        LocalSuite suite = SharedSuite.get();
        edge = suite.edgeUrl();
        ApiClient api = new ApiClient(edge);
        rootToken = api.login("root", suite.rootPassword());
        String password = "Reference-client-1";
        ApiClient.Response created = api.post(
                "/api/v1/auth/users",
                Map.of(
                        "username", "reference-client",
                        "name", "Reference client",
                        "email", "reference-client@example.com",
                        "password", password),
                bearer(rootToken));
        assertThat(created.status()).as(created.body().toString()).isIn(201, 409);
        plainToken = api.login("reference-client", password);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void everyOperationReachesOneOfPaddocksOrIsRefusedOnPurpose(Operation operation) throws Exception {
        Answer answer = send(operation, operation.refused() ? rootToken : plainToken);

        assertThat(answer.status()).as("%s answered %s", operation, answer).isNotEqualTo(405);
        assertThat(answer.type()).as("%s answered %s", operation, answer).isNotEqualTo("no-such-operation");
        if (operation.refused()) {
            assertThat(answer.status()).as("%s answered %s", operation, answer).isEqualTo(501);
            assertThat(answer.type()).isEqualTo("operation-not-supported");
        } else {
            assertThat(answer.status()).as("%s answered %s", operation, answer).isLessThan(500);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readsWithoutId")
    void rootReadsEveryListWithoutAnId(Operation operation) throws Exception {
        Answer answer = send(operation, rootToken);

        assertThat(answer.status()).as("%s answered %s", operation, answer).isBetween(200, 299);
    }

    private static Answer send(Operation operation, String token) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body =
                operation.method().equals("GET") || operation.method().equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}");
        HttpRequest request = HttpRequest.newBuilder(URI.create(edge + operation.concretePath()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(operation.method(), body)
                .build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (operation.streams() && response.statusCode() < 300) {
                return new Answer(response.statusCode(), "", "(a stream)");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String type = "";
            if (text.startsWith("{")
                    && response.headers().firstValue("Content-Type").orElse("").contains("json")) {
                JsonNode json = JSON.readTree(text);
                type = json.path("type").asString("").replace(PROBLEMS, "");
            }
            return new Answer(response.statusCode(), type, text.length() > 400 ? text.substring(0, 400) : text);
        }
    }
}
