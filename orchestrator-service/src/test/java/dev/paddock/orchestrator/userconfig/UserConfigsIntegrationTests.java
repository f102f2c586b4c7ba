package dev.paddock.orchestrator.userconfig;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.common.crypto.SecretBox;
import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Each user's settings store, called as the reference's web UI calls it, through real HTTP and PostgreSQL. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "paddock.orchestrator.identity.root-password=" + UserConfigsIntegrationTests.ROOT_PASSWORD,
            "paddock.orchestrator.identity.password-hash-strength=4",
        })
class UserConfigsIntegrationTests {

    static final String ROOT_PASSWORD = "Root-Passw0rd-for-tests";
    static final String USER_PASSWORD = "User-Passw0rd-for-tests";

    static {
        // One key per test JVM: the classes share its database, whose signing keys are sealed with it.
        System.getProperties().putIfAbsent("paddock.orchestrator.secrets.key", SecretBox.generateKey());
    }

    @LocalServerPort
    int port;

    ApiClient api;
    String rootToken;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
        rootToken = api.login("root", ROOT_PASSWORD);
    }

    @Test
    void theReferenceUisUpsertWorksPutFirstThenPostOn404() {
        String token = api.login(createUser(), USER_PASSWORD);
        String slug = "ui.layout-" + UUID.randomUUID().toString().substring(0, 6);
        String value = "{\"sidebar\":\"collapsed\",\"columns\":[\"name\",\"state\"]}";

        Response missing =
                api.put("/api/v1/user/configs/" + slug, Map.of("type", "json", "value", value), bearer(token));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("type")).endsWith("/user-config-not-found");

        Response created = api.post(
                "/api/v1/user/configs",
                Map.of("slug", slug, "name", slug, "type", "json", "value", value),
                bearer(token));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("slug")).isEqualTo(slug);
        assertThat(created.text("user_id")).isNotBlank();
        assertThat(created.text("created_at")).isNotBlank();

        Response updated = api.put(
                "/api/v1/user/configs/" + slug,
                Map.of("type", "json", "value", "{\"sidebar\":\"open\"}"),
                bearer(token));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.text("value")).isEqualTo("{\"sidebar\":\"open\"}");
        assertThat(updated.text("name")).isEqualTo(slug);

        assertThat(api.get("/api/v1/user/configs/" + created.text("id"), bearer(token))
                        .text("slug"))
                .isEqualTo(slug);
        assertThat(api.get("/api/v1/user/configs", bearer(token)).body().findValuesAsString("slug"))
                .containsExactly(slug);
        assertThat(api.delete("/api/v1/user/configs/" + slug, bearer(token)).status())
                .isEqualTo(202);
        assertThat(api.get("/api/v1/user/configs/" + slug, bearer(token)).status())
                .isEqualTo(404);
    }

    @Test
    void aUserSeesOnlyTheirOwnSettings() {
        String alice = api.login(createUser(), USER_PASSWORD);
        String bob = api.login(createUser(), USER_PASSWORD);
        Response mine = api.post(
                "/api/v1/user/configs", Map.of("slug", "theme", "type", "string", "value", "dark"), bearer(alice));
        assertThat(mine.status()).isEqualTo(201);

        assertThat(api.get("/api/v1/user/configs", bearer(bob)).body()).isEmpty();
        assertThat(api.get("/api/v1/user/configs/" + mine.text("id"), bearer(bob))
                        .status())
                .isEqualTo(404);
        // Bob's own "theme" is his: the same slug for two users is two settings.
        assertThat(api.post(
                                "/api/v1/user/configs",
                                Map.of("slug", "theme", "type", "string", "value", "light"),
                                bearer(bob))
                        .status())
                .isEqualTo(201);
        assertThat(api.get("/api/v1/user/configs/theme", bearer(alice)).text("value"))
                .isEqualTo("dark");
        assertThat(api.get("/api/v1/user/configs", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void badSettingsAreRefusedWithAProblemAndNothingIsStored() {
        String token = api.login(createUser(), USER_PASSWORD);

        Response notJson = api.post(
                "/api/v1/user/configs", Map.of("slug", "filters", "type", "json", "value", "{oops"), bearer(token));
        Response notBool = api.post(
                "/api/v1/user/configs", Map.of("slug", "compact", "type", "bool", "value", "yes"), bearer(token));
        Response badType = api.post(
                "/api/v1/user/configs", Map.of("slug", "compact", "type", "float", "value", "1.5"), bearer(token));
        Response badSlug = api.post(
                "/api/v1/user/configs", Map.of("slug", "../etc", "type", "string", "value", "x"), bearer(token));
        api.post("/api/v1/user/configs", Map.of("slug", "page-size", "type", "int", "value", "50"), bearer(token));
        Response twice = api.post(
                "/api/v1/user/configs", Map.of("slug", "page-size", "type", "int", "value", "20"), bearer(token));

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.text("type")).endsWith("/invalid-user-config-value");
        assertThat(notBool.status()).isEqualTo(400);
        assertThat(notBool.text("detail")).contains("true or false");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.text("type")).endsWith("/invalid-user-config-type");
        assertThat(badSlug.status()).isEqualTo(400);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/user/configs", bearer(token)).body().findValuesAsString("slug"))
                .containsExactly("page-size");
        assertThat(api.get("/api/v1/user/configs/page-size", bearer(token)).text("value"))
                .isEqualTo("50");
    }

    private String createUser() {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = api.post(
                "/api/v1/auth/users",
                Map.of(
                        "username",
                        username,
                        "email",
                        username + "@example.test",
                        "password",
                        USER_PASSWORD,
                        "roles",
                        List.of("USER"),
                        "claims",
                        List.of()),
                bearer(rootToken));
        assertThat(created.status()).as("create user: %s", created.body()).isEqualTo(201);
        return username;
    }
}
