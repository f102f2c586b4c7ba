package dev.paddock.catalog.manifest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.paddock.catalog.manifest.Manifests;
import dev.paddock.common.json.SnakeCaseJsonAutoConfiguration;
import dev.paddock.common.problem.ProblemAutoConfiguration;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.PaddockSecurityAutoConfiguration;
import dev.paddock.testsupport.TestTokens;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * What the manifest API answers to requests it refuses before any manifest is touched: 400 problem details naming the
 * problem, through the real security chain and the catalog's error handler.
 */
@WebMvcTest(ManifestsController.class)
@ImportAutoConfiguration({
    SnakeCaseJsonAutoConfiguration.class,
    ProblemAutoConfiguration.class,
    RestClientAutoConfiguration.class,
    PaddockSecurityAutoConfiguration.class
})
class ManifestsControllerTests {

    static final TestTokens tokens = TestTokens.start();
    static final String PUSHER =
            tokens.issue("ada", Set.of("USER"), Set.of(Claims.PUSH_CATALOG_MANIFEST, Claims.IMPORT_CATALOG_MANIFEST));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("paddock.security.jwt.jwks-uri", tokens::jwksUri);
    }

    @AfterAll
    static void stopTokens() {
        tokens.close();
    }

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    Manifests manifests;

    @ParameterizedTest(name = "PUT {0} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/v1/catalog/chunks/1.0/arm64   | {}                                   | invalid-catalog-id",
                "/api/v1/catalog/GC/1.0/arm64       | {}                                   | invalid-catalog-id",
                "/api/v1/catalog/-macos/1.0/arm64   | {}                                   | invalid-catalog-id",
                "/api/v1/catalog/macos/.1/arm64     | {}                                   | invalid-version",
                "/api/v1/catalog/macos/1.0/sparc    | {}                                   | invalid-architecture",
                "/api/v1/catalog/macos/1.0/arm64    | {\"type\": \"macvm\",                 | malformed-body",
                "/api/v1/catalog/import             | {\"catalog_id\": \"macos\"}           | invalid-import",
                "/api/v1/catalog/import             | {}                                   | invalid-import",
                "/api/v1/catalog/import             | {\"catalog_id\": \"push\", \"version\": \"1\", \"architecture\": \"arm64\"} | invalid-catalog-id",
                "/api/v1/catalog/import             | {\"catalog_id\": \"macos\", \"version\": \"1\", \"architecture\": \"mips\"} | invalid-architecture",
            })
    void refusesMalformedRequestsWithAProblemAndTouchesNoManifest(String path, String body, String type) {
        MvcTestResult result = mvc.put()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PUSHER)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();

        assertThat(result).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://paddock.dev/problems/" + type);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(400);
        assertThat(result).bodyJson().extractingPath("$.service").isEqualTo("catalog-service");
        verifyNoInteractions(manifests);
    }

    @Test
    void refusesACommitWithoutATokenBeforeLookingAtIt() {
        MvcTestResult result = mvc.put()
                .uri("/api/v1/catalog/chunks/1.0/arm64")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}")
                .exchange();

        assertThat(result).hasStatus(401).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        verifyNoInteractions(manifests);
    }

    @Test
    void refusesACommitFromACallerWithoutThePushClaim() {
        String reader = tokens.issue("bob", Set.of("USER"), Set.of(Claims.LIST_CATALOG_MANIFEST));

        MvcTestResult result = mvc.put()
                .uri("/api/v1/catalog/macos/1.0/arm64")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + reader)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}")
                .exchange();

        assertThat(result).hasStatus(403);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://paddock.dev/problems/forbidden");
        verifyNoInteractions(manifests);
    }

    @Test
    void sendsHostEndpointsToTheHostAgent() {
        MvcTestResult result = mvc.post()
                .uri("/api/v1/catalog/pull")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PUSHER)
                .exchange();

        assertThat(result).hasStatus(421);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://paddock.dev/problems/host-endpoint");
    }
}
