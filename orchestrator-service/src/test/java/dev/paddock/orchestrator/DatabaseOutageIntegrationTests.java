package dev.paddock.orchestrator;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.common.crypto.SecretBox;
import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import dev.paddock.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL going away under traffic and coming back, as a restart does: every connection is cut and new ones are
 * refused for a while (on a database of this class's own, so other classes do not notice). Meanwhile callers get a 503
 * problem to retry within seconds — never a hang or a 500 — and nothing half-done; afterwards the orchestrator serves
 * again without a restart, and what was committed before is still there.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "paddock.orchestrator.identity.root-password=" + DatabaseOutageIntegrationTests.ROOT_PASSWORD,
            "paddock.orchestrator.identity.password-hash-strength=4",
            "spring.datasource.hikari.connection-timeout=2000"
        })
class DatabaseOutageIntegrationTests {

    static final String ROOT_PASSWORD = "Root-Passw0rd-for-tests";
    static final String PASSWORD = "User-Passw0rd-for-tests";

    static {
        System.getProperties().putIfAbsent("paddock.orchestrator.secrets.key", SecretBox.generateKey());
    }

    private static String url;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        url = TestDatabase.get().sibling("outage");
        registry.add("spring.datasource.url", () -> url);
    }

    @LocalServerPort
    int port;

    @Test
    void callersGet503sWhileThePostgresqlServerIsGoneAndServiceResumesWithoutARestart() throws Exception {
        ApiClient api = new ApiClient("http://localhost:" + port);
        Map<String, String> root = bearer(api.login("root", ROOT_PASSWORD));
        assertThat(createUser(api, root, "before-outage").status()).isEqualTo(201);

        cutOff(true);
        try {
            long started = System.nanoTime();
            Response list = api.get("/api/v1/auth/users", root);
            Response create = createUser(api, root, "during-outage");
            Response login =
                    api.post("/api/v1/auth/token", Map.of("username", "root", "password", ROOT_PASSWORD), Map.of());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            for (Response answer : java.util.List.of(list, create, login)) {
                assertThat(answer.status()).as(answer.body().toString()).isEqualTo(503);
                assertThat(answer.text("type")).isEqualTo("https://paddock.dev/problems/database-unavailable");
                assertThat(answer.raw().headers().firstValue("Retry-After")).hasValue("5");
            }
            assertThat(took)
                    .as("three calls answered within their connection wait")
                    .isLessThan(Duration.ofSeconds(15));
        } finally {
            cutOff(false);
        }

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/api/v1/auth/users", root).status() == 200);
        String users = api.get("/api/v1/auth/users", root).body().toString();
        assertThat(users).contains("before-outage").doesNotContain("during-outage");
        assertThat(createUser(api, root, "after-outage").status()).isEqualTo(201);
    }

    private static Response createUser(ApiClient api, Map<String, String> root, String name) {
        return api.post(
                "/api/v1/auth/users",
                Map.of("username", name, "name", name, "email", name + "@example.com", "password", PASSWORD),
                root);
    }

    /** Cuts every connection to this class's database and refuses new ones, or lets them in again. */
    private static void cutOff(boolean cut) throws SQLException {
        String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        try (Connection admin = TestDatabase.get().connect();
                Statement statement = admin.createStatement()) {
            statement.execute("alter database " + database + " allow_connections " + !cut);
            if (cut) {
                statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
                        + "' and pid <> pg_backend_pid()");
            }
        }
    }
}
