package dev.paddock.orchestrator.auth;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.paddock.common.crypto.SecretBox;
import dev.paddock.common.security.Claims;
import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Logins, tokens, JWKS, lockout, claims and API keys, through real HTTP against a real PostgreSQL. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "paddock.orchestrator.identity.root-password=" + AuthenticationIntegrationTests.ROOT_PASSWORD,
            "paddock.orchestrator.identity.lockout.max-failed-attempts=3",
            "paddock.orchestrator.identity.password-hash-strength=4",
        })
class AuthenticationIntegrationTests {

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
    void issuesTokensThatVerifyAgainstThePublishedJwks() throws Exception {
        Response jwks = api.get("/api/v1/auth/jwks", Map.of());
        assertThat(jwks.status()).isEqualTo(200);
        JWKSet keys = JWKSet.parse(jwks.raw().body());
        JWSObject token = JWSObject.parse(rootToken);
        RSAKey key = (RSAKey) keys.getKeyByKeyId(token.getHeader().getKeyID());

        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
        Map<String, Object> payload = token.getPayload().toJSONObject();
        assertThat(payload)
                .containsEntry("iss", "paddock")
                .containsEntry("username", "root")
                .containsEntry("email", "root@localhost")
                .containsEntry("uid", payload.get("sub"));
        // As the reference issues them: its web UI enables pages by the claim names in the token, even for a super
        // user.
        assertThat(payload.get("roles"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .contains("SUPER_USER");
        assertThat(payload.get("claims"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .contains("LIST_VM", "CREATE_USER", "JOB_MANAGER_LIST")
                .hasSize(Claims.ALL.size());
    }

    @Test
    void logsInByEmailToo() {
        Response response =
                api.post("/api/v1/auth/token", Map.of("email", "root@localhost", "password", ROOT_PASSWORD), Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("email")).isEqualTo("root@localhost");
        assertThat(response.text("expires_at")).isNotBlank();
    }

    @Test
    void refusesAWrongPasswordWithAProblem() {
        Response response = api.post("/api/v1/auth/token", Map.of("username", "root", "password", "nope"), Map.of());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        assertThat(response.text("type")).endsWith("/invalid-credentials");
        assertThat(response.text("service")).isEqualTo("orchestrator-service");
        assertThat(response.text("request_id")).isNotBlank();
    }

    @Test
    void locksAnAccountAfterRepeatedFailuresEvenAgainstTheRightPassword() {
        String username = createUser(List.of("USER"), List.of());
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/v1/auth/token", Map.of("username", username, "password", "wrong"), Map.of())
                            .status())
                    .isEqualTo(401);
        }

        Response locked =
                api.post("/api/v1/auth/token", Map.of("username", username, "password", USER_PASSWORD), Map.of());

        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.text("type")).endsWith("/account-locked");
        assertThat(locked.text("locked_until")).isNotBlank();

        // An administrator ends the lockout by setting a new password.
        Response reset =
                api.put("/api/v1/auth/users/" + username, Map.of("password", "Another-Passw0rd-x"), bearer(rootToken));
        assertThat(reset.status()).isEqualTo(202);
        assertThat(api.login(username, "Another-Passw0rd-x")).isNotBlank();
    }

    @Test
    void answersUnauthenticatedRequestsWith401() {
        Response response = api.get("/api/v1/auth/users", Map.of());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text("type")).endsWith("/unauthorized");
        assertThat(response.text("detail")).contains("Authorization: Bearer");
    }

    @Test
    void answersA403NamingTheMissingClaim() {
        String username = createUser(List.of("USER"), List.of());
        String token = api.login(username, USER_PASSWORD);

        Response response = api.get("/api/v1/auth/users", bearer(token));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.text("detail")).contains("LIST_USER");
        assertThat(api.get("/api/v1/auth/me", bearer(token)).text("username")).isEqualTo(username);
    }

    @Test
    void answersAJobIdThatIsNoUuidWith400AndAnUnknownJobWith404() {
        // The job routes are declared once for the agent (string ids) and the orchestrator (UUIDs).
        Response malformed = api.get("/api/v1/jobs/not-a-job", bearer(rootToken));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text("type")).endsWith("/invalid-job-id");
        assertThat(api.get("/api/v1/jobs/" + UUID.randomUUID(), bearer(rootToken))
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/jobs", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void apiKeysActWithTheirOwnersClaimsOnly() {
        String username = createUser(List.of("USER"), List.of());
        String userToken = api.login(username, USER_PASSWORD);
        Response created = api.post("/api/v1/auth/api_keys", Map.of("name", "ci"), bearer(userToken));
        assertThat(created.status()).isEqualTo(200);
        String encoded = created.text("encoded");
        Map<String, String> withKey = Map.of("X-Api-Key", encoded);

        assertThat(api.get("/api/v1/auth/me", withKey).text("username")).isEqualTo(username);
        assertThat(api.get("/api/v1/auth/users", withKey).status()).isEqualTo(403);

        Response exchanged = api.post("/api/v1/auth/token", Map.of("api_key", encoded), Map.of());
        assertThat(exchanged.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/me", bearer(exchanged.text("token"))).text("username"))
                .isEqualTo(username);

        // The secret is shown once: listing does not reveal it again.
        assertThat(api.get("/api/v1/auth/api_keys", bearer(userToken))
                        .body()
                        .get(0)
                        .path("encoded")
                        .isNull())
                .isTrue();
    }

    @Test
    void refusesARevokedApiKeyAtOnce() {
        Response created =
                api.post("/api/v1/auth/api_keys", Map.of("name", "revoke-me-" + UUID.randomUUID()), bearer(rootToken));
        Map<String, String> withKey = Map.of("X-Api-Key", created.text("encoded"));
        assertThat(api.get("/api/v1/auth/me", withKey).status()).isEqualTo(200);

        assertThat(api.put("/api/v1/auth/api_keys/" + created.text("id") + "/revoke", null, bearer(rootToken))
                        .status())
                .isEqualTo(202);

        Response refused = api.get("/api/v1/auth/me", withKey);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("detail")).contains("revoked");
    }

    @Test
    void refusesAMalformedApiKeyHeader() {
        Response response = api.get("/api/v1/auth/me", Map.of("X-Api-Key", "not base64!"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text("detail")).contains("base64 of KEY:SECRET");
    }

    @Test
    void keepsTokensOfARotatedKeyValidAndSignsNewOnesWithTheNewKey() throws Exception {
        String before = api.login("root", ROOT_PASSWORD);
        String oldKid = JWSObject.parse(before).getHeader().getKeyID();

        Response rotated = api.post("/api/v1/auth/keys/rotate", null, bearer(rootToken));
        assertThat(rotated.status()).isEqualTo(200);

        String after = api.login("root", ROOT_PASSWORD);
        assertThat(JWSObject.parse(after).getHeader().getKeyID())
                .isEqualTo(rotated.text("kid"))
                .isNotEqualTo(oldKid);
        assertThat(api.get("/api/v1/auth/me", bearer(before)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/jwks", Map.of()).body().path("keys").size())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void refusesToGrantWhatTheGranterDoesNotHold() {
        String admin = createUser(List.of("USER"), List.of("CREATE_USER", "LIST_USER"));
        String adminToken = api.login(admin, USER_PASSWORD);

        Response escalation = api.post(
                "/api/v1/auth/users",
                Map.of(
                        "username",
                        "sneaky-" + UUID.randomUUID().toString().substring(0, 8),
                        "email",
                        UUID.randomUUID() + "@example.test",
                        "password",
                        USER_PASSWORD,
                        "is_super_user",
                        true),
                bearer(adminToken));

        assertThat(escalation.status()).isEqualTo(403);
        assertThat(escalation.text("type")).endsWith("/privilege-escalation");
    }

    @Test
    void explainsEveryPasswordRuleABadPasswordBreaks() {
        Response response = api.post(
                "/api/v1/auth/users",
                Map.of(
                        "username",
                        "weak-" + UUID.randomUUID().toString().substring(0, 8),
                        "email",
                        UUID.randomUUID() + "@example.test",
                        "password",
                        "short"),
                bearer(rootToken));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("detail")).contains("at least 12 characters", "an upper-case letter", "a digit");
    }

    @Test
    void listsTheFieldsThatFailValidation() {
        Response response = api.post(
                "/api/v1/auth/users",
                Map.of("username", "has spaces", "email", "not-an-email", "password", USER_PASSWORD),
                bearer(rootToken));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("type")).endsWith("/validation-failed");
        assertThat(response.body().path("errors").findValuesAsString("field")).contains("username", "email");
    }

    @Test
    void answersMalformedJsonWith400NotA500() {
        Response response = api.send("POST", "/api/v1/auth/users", "{\"username\": ", bearer(rootToken));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("type")).endsWith("/malformed-body");
    }

    @Test
    void auditsEveryMutation() {
        String username = createUser(List.of("USER"), List.of());

        Response audit = api.get("/api/v1/audit?limit=50", bearer(rootToken));

        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body().findValuesAsString("details"))
                .anySatisfy(details -> assertThat(details).contains(username));
        assertThat(audit.body().findValuesAsString("action")).contains("USER_CREATED");
    }

    private String createUser(List<String> roles, List<String> claims) {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = api.post(
                "/api/v1/auth/users",
                Map.of(
                        "username", username,
                        "email", username + "@example.test",
                        "password", USER_PASSWORD,
                        "roles", roles,
                        "claims", claims),
                bearer(rootToken));
        assertThat(created.status()).as("create user: %s", created.body()).isEqualTo(201);
        return username;
    }
}
