package dev.paddock.common.stack;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import dev.paddock.testsupport.TestTokens;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What every service gets from common-lib: JWKS tokens, claims, problem details, request ids, snake_case. */
@SpringBootTest(
        classes = StackTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=stack-test",
            "paddock.web.max-json-body=2KB",
            "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
        })
class PaddockWebStackIntegrationTests {

    static final TestTokens tokens = TestTokens.start();

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        registry.add("paddock.security.jwt.jwks-uri", tokens::jwksUri);
    }

    @AfterAll
    static void stop() {
        tokens.close();
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void servesTheHealthProbeWithoutAuthentication() {
        Response probe = api.get("/api/health/probe", Map.of());

        assertThat(probe.status()).isEqualTo(200);
        assertThat(probe.text("status")).isEqualTo("OK");
    }

    @Test
    void acceptsATokenVerifiedThroughTheJwks() {
        Response response = api.get("/api/v1/things", bearer(tokens.issue("alice", Set.of("USER"), Set.of("LIST_VM"))));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("caller")).isEqualTo("alice");
    }

    @Test
    void refusesATokenSignedByAnotherKey() {
        try (TestTokens stranger = TestTokens.start()) {
            Response response = api.get("/api/v1/things", bearer(stranger.superUser()));

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.text("type")).isEqualTo("https://paddock.dev/problems/unauthorized");
        }
    }

    @Test
    void refusesAnExpiredToken() {
        String expired = tokens.issue("alice", Set.of(), Set.of("LIST_VM"), Duration.ofSeconds(-120));

        assertThat(api.get("/api/v1/things", bearer(expired)).status()).isEqualTo(401);
    }

    @Test
    void saysThatAPathHasNoOperationRatherThanThatSomethingIsMissing() {
        Response response = api.get("/api/v1/no-such-thing", bearer(tokens.superUser()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text("type")).isEqualTo("https://paddock.dev/problems/no-such-operation");
        assertThat(response.text("detail"))
                .contains("GET /api/v1/no-such-thing")
                .contains("/swagger-ui.html");
    }

    @Test
    void answersMissingAuthenticationWithAProblem() {
        Response response = api.get("/api/v1/things", Map.of());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text("service")).isEqualTo("stack-test");
        assertThat(response.text("request_id")).isNotBlank();
    }

    @Test
    void answersAMissingClaimWith403NamingIt() {
        Response response =
                api.get("/api/v1/things", bearer(tokens.issue("bob", Set.of("USER"), Set.of("LIST_CATALOG_MANIFEST"))));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.text("detail")).contains("LIST_VM");
    }

    @Test
    void listsInvalidFieldsInSnakeCase() {
        Response response = api.post(
                "/api/v1/things",
                Map.of("display_name", "", "cpu_count", 0),
                bearer(tokens.issue("carol", Set.of(), Set.of("CREATE_VM"))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").findValuesAsString("field"))
                .containsExactly("cpu_count", "display_name");
    }

    @Test
    void mapsDomainProblemsToTheirStatus() {
        Response response = api.get("/api/v1/things/missing", bearer(tokens.superUser()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text("type")).isEqualTo("https://paddock.dev/problems/thing-not-found");
        assertThat(response.text("detail")).isEqualTo("No thing 'x'.");
    }

    /** Paths Tomcat refuses before any servlet, and paths the security firewall refuses, answer problems too. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/things/%00",
                "/api/v1/things/a%2Fb",
                "/api/v1/things/..%2F..%2Fetc",
                "/api/v1/%2e%2e/things",
                "/api/v1/things/a%5Cb",
                "/api/v1/things/%0Aline"
            })
    void aPathRefusedBeforeAnyOperationIsAProblem(String path) {
        Response response = api.get(path, bearer(tokens.superUser()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.raw().headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("https://paddock.dev/problems/request-rejected");
        assertThat(response.text("detail")).contains("rejected");
        assertThat(response.text("service")).isEqualTo("stack-test");
    }

    @Test
    void aNulCharacterInABodyStringIsRefusedNamingTheField() {
        Response response = api.post(
                "/api/v1/things", Map.of("display_name", "nul\u0000here", "cpu_count", 2), bearer(tokens.superUser()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("type")).isEqualTo("https://paddock.dev/problems/malformed-body");
        assertThat(response.text("detail")).contains("'display_name'").contains("NUL");
    }

    @Test
    void aJsonBodyLargerThanTheCapIsRefusedWith413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        String large = "{\"display_name\": \"" + "x".repeat(3000) + "\", \"cpu_count\": 2}";
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/v1/things"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokens.superUser());

        var declared = http.send(
                request.POST(java.net.http.HttpRequest.BodyPublishers.ofString(large))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var streamed = http.send(
                request.POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream(
                                        large.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        for (var answer : java.util.List.of(declared, streamed)) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
            assertThat(answer.body()).contains("/payload-too-large").contains("2048 bytes");
        }
        assertThat(api.post(
                                "/api/v1/things",
                                Map.of("display_name", "small", "cpu_count", 2),
                                bearer(tokens.superUser()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aNulCharacterInTheQueryStringIsRefused() {
        Response response = api.get("/api/v1/things?name=a%00b", bearer(tokens.superUser()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.raw().headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("https://paddock.dev/problems/malformed-query");
    }

    @Test
    void neverEchoesInternalMessagesOn500() {
        Response response = api.get("/api/v1/things/broken", bearer(tokens.superUser()));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.raw().body()).doesNotContain("hunter2");
        assertThat(response.text("detail")).contains("trace_id");
    }

    @Test
    void echoesAWellFormedRequestIdAndReplacesAnUnsafeOne() {
        Response kept = api.get("/api/health/probe", Map.of("X-Request-Id", "ci-run-42"));
        Response replaced = api.get("/api/health/probe", Map.of("X-Request-Id", "bad id with spaces"));

        assertThat(kept.raw().headers().firstValue("X-Request-Id")).contains("ci-run-42");
        assertThat(replaced.raw().headers().firstValue("X-Request-Id"))
                .isPresent()
                .get()
                .asString()
                .doesNotContain(" ");
    }

    @Test
    void forwardsTheCallersTokenRequestIdAndTraceContextToOtherServices() {
        String token = tokens.issue("dave", Set.of(), Set.of());
        Response response =
                api.get("/api/v1/things/relay", Map.of("Authorization", "Bearer " + token, "X-Request-Id", "relay-7"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("authorization")).isEqualTo("Bearer " + token);
        assertThat(response.text("x-request-id")).isEqualTo("relay-7");
        assertThat(response.text("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void passesAnotherServicesClientErrorThroughNamingTheService() {
        Response response = api.get("/api/v1/things/relay-missing", bearer(tokens.superUser()));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text("detail")).isEqualTo("No thing 'x'.");
        assertThat(response.text("upstream_service")).isEqualTo("echo service");
    }

    @Test
    void servesPrometheusMetrics() {
        Response metrics = api.get("/actuator/prometheus", Map.of());

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("jvm_memory_used_bytes").contains("application=\"stack-test\"");
    }

    @Test
    void refusesApiKeysWhenNoOrchestratorIsConfigured() {
        Response response = api.get("/api/v1/things", Map.of("X-Api-Key", "S0VZOlNFQ1JFVA=="));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text("detail")).contains("no orchestrator is configured");
    }
}
