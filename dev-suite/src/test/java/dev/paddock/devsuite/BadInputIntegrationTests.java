package dev.paddock.devsuite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.devsuite.BadInputs.Case;
import dev.paddock.devsuite.OpenApiOperations.Operation;
import dev.paddock.testsupport.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input for every operation every service documents (orchestrator, catalog, edge, agent — their own OpenAPI
 * documents), sent by root so that it reaches each operation's own checks: no answer is a server error, every error is
 * an {@code application/problem+json} problem, input that is invalid whatever the operation is refused with a 4xx, and
 * an operation that refused all of its cases changed nothing the services keep (the tables' rows and the simulated
 * Mac's VMs, before and after). Paths with a malformed percent-encoding ({@code %ZZ}) are sent raw through the edge,
 * the front door, which refuses them itself: the services' Tomcat answers those from its HTTP parser with a bare 400
 * that no application code can shape.
 */
@ResourceLock(SharedSuite.LOCK)
class BadInputIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * What a refused request must leave as it was. Left out: tables that change on their own while the suite runs
     * (hosts, their VMs and caches from heartbeats; audit events, which record refusals too).
     */
    private static final List<String> KEPT = List.of(
            "orchestrator.users",
            "orchestrator.roles",
            "orchestrator.claims",
            "orchestrator.user_roles",
            "orchestrator.user_claims",
            "orchestrator.role_claims",
            "orchestrator.api_keys",
            "orchestrator.user_configs",
            "orchestrator.catalog_managers",
            "orchestrator.enrollment_tokens",
            "orchestrator.capacity_reservations",
            // Ids only: a job an earlier, accepted request started goes on changing its own row.
            "orchestrator.jobs:id",
            "catalog.catalog_manifests",
            "catalog.manifest_packs",
            "catalog.manifest_chunks",
            "catalog.catalog_chunks",
            "edge.proxy_hosts",
            "edge.proxy_settings");

    /** The cases of one operation are sent a few at a time (the services have two cores). */
    private static final ExecutorService SENDERS = Executors.newFixedThreadPool(4);

    private static LocalSuite suite;
    private static @Nullable Map<String, String> lastState;
    private static String authorization;

    @BeforeAll
    static void setUp() {
        suite = SharedSuite.get();
        authorization = "Bearer " + new ApiClient(suite.edgeUrl()).login("root", suite.rootPassword());
    }

    @TestFactory
    Stream<DynamicContainer> everyDocumentedOperationRefusesBadInputAsAProblem() throws Exception {
        Map<String, String> services = Map.of(
                "orchestrator", suite.orchestratorUrl(),
                "catalog", suite.catalogUrl(),
                "edge", suite.edgeUrl(),
                "agent", suite.agentUrl(0));
        List<DynamicContainer> containers = new ArrayList<>();
        for (Map.Entry<String, String> service : new TreeMap<>(services).entrySet()) {
            List<Operation> operations = OpenApiOperations.of(service.getKey(), service.getValue());
            assertThat(operations)
                    .as("operations %s documents", service.getKey())
                    .hasSizeGreaterThan(5);
            containers.add(DynamicContainer.dynamicContainer(
                    service.getKey(),
                    operations.stream()
                            .filter(operation -> !operation.streams())
                            .map(operation -> DynamicTest.dynamicTest(
                                    operation.method() + " " + operation.path(),
                                    () -> check(service.getValue(), operation)))));
        }
        return containers.stream();
    }

    /** The front door refuses an undecodable path (%ZZ) with a problem, for every operation it relays. */
    @TestFactory
    Stream<DynamicTest> anUndecodablePathIsRefusedByTheEdgeAsAProblem() throws Exception {
        URI edge = URI.create(suite.edgeUrl());
        List<Operation> relayed = new ArrayList<>(OpenApiOperations.of("orchestrator", suite.orchestratorUrl()));
        relayed.addAll(OpenApiOperations.of("catalog", suite.catalogUrl()));
        return relayed.stream()
                .filter(operation -> !operation.pathParameters().isEmpty())
                .map(operation -> DynamicTest.dynamicTest(operation.method() + " " + operation.path(), () -> {
                    String target = BadInputs.withIds(
                            operation.path(), operation.pathParameters().getFirst(), "%ZZ");
                    String answer = raw(edge, operation.method(), target);

                    assertThat(answer).as(target).startsWith("HTTP/1.1 400");
                    assertThat(answer).containsIgnoringCase("content-type: application/problem+json");
                    assertThat(answer).contains("malformed percent-encoding");
                }));
    }

    private static void check(String baseUrl, Operation operation) throws Exception {
        Map<String, String> before = lastState != null ? lastState : state();
        List<Case> cases = BadInputs.of(operation);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (Case input : cases) {
            answers.add(SENDERS.submit(() -> send(baseUrl, operation.method(), input)));
        }
        boolean anyAccepted = false;
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case input = cases.get(i);
            HttpResponse<String> answer = answers.get(i).get();
            int status = answer.statusCode();
            String type = answer.headers().firstValue("Content-Type").orElse("");
            String what = input.label() + " → " + status + " " + type + " " + abbreviate(answer.body());
            if (status >= 500) {
                violations.add("server error: " + what);
            } else if (status >= 400 && !isProblem(status, type, answer.body())) {
                violations.add("error outside the problem contract: " + what);
            } else if (input.mustBeRefused() && status < 400) {
                violations.add("accepted: " + what);
            }
            anyAccepted |= status < 400;
        }
        assertThat(violations).as(operation.toString()).isEmpty();
        if (operation.changesState()) {
            // Each operation's state after is the next one's before: one look at the tables per operation.
            lastState = state();
            if (!anyAccepted) {
                assertThat(lastState)
                        .as("what %s left after refusing every case", operation)
                        .isEqualTo(before);
            }
        }
    }

    private static HttpResponse<String> send(String baseUrl, String method, Case input)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + input.target()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization);
        if (input.body() != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(input.body(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean isProblem(int status, String contentType, String body) {
        if (!contentType.startsWith("application/problem+json")) {
            return false;
        }
        JsonNode problem = JSON.readTree(body);
        return problem.path("status").asInt() == status
                && problem.path("type").asString().startsWith("https://paddock.dev/problems/")
                && !problem.path("detail").asString().isBlank();
    }

    /** The kept tables' rows and the first simulated Mac's registered VMs. */
    private static Map<String, String> state() throws IOException {
        Map<String, String> state = new TreeMap<>(suite.tableDigests(KEPT));
        Path registry = suite.simulatorHome(0).resolve("registry");
        MessageDigest digest = sha256();
        if (Files.isDirectory(registry)) {
            try (Stream<Path> records = Files.list(registry)) {
                for (Path record : records.sorted().toList()) {
                    digest.update(record.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                    digest.update(Files.readAllBytes(record));
                }
            }
        }
        state.put("mac-arm64-1 VMs", HexFormat.of().formatHex(digest.digest()));
        return state;
    }

    /** A request sent as bytes: no Java HTTP client lets a malformed percent-encoding through. */
    private static String raw(URI base, String method, String target) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nAuthorization: "
                            + authorization + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(@Nullable String body) {
        String text = Objects.requireNonNullElse(body, "");
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
