package dev.paddock.agent.standalone;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.agent.SimulatedHost;
import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A single Mac without an orchestrator: the agent logs in its own root and API keys and checks its own tokens. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "paddock.agent.run-as-owner=false",
            "paddock.agent.standalone.enabled=true",
            "paddock.agent.standalone.root-password=Standalone-Passw0rd"
        })
class StandaloneModeIntegrationTests {

    static final Path dataDir;
    static final Path simulatorHome;

    static {
        try {
            dataDir = Files.createTempDirectory("standalone-");
            simulatorHome = Files.createTempDirectory("standalone-sim-");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void agent(DynamicPropertyRegistry registry) {
        registry.add("paddock.agent.standalone.data-dir", dataDir::toString);
        SimulatedHost.agentSettings(simulatorHome).forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void logsInRootAndServesTheHostApiWithItsOwnToken() {
        String token = api.login("root", "Standalone-Passw0rd");

        assertThat(api.get("/api/v1/machines", bearer(token)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/jwks", Map.of()).body().path("keys").size())
                .isEqualTo(1);
    }

    @Test
    void refusesAWrongPassword() {
        Response response = api.post("/api/v1/auth/token", Map.of("username", "root", "password", "nope"), Map.of());

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void issuesApiKeysThatWorkAsHeaderAndForTokensAndStopWorkingWhenDeleted() {
        String root = api.login("root", "Standalone-Passw0rd");
        Response created = api.post("/api/v1/auth/api_keys", Map.of("name", "ci"), bearer(root));
        assertThat(created.status()).isEqualTo(200);
        Map<String, String> key = Map.of("X-Api-Key", created.text("encoded"));

        assertThat(api.get("/api/v1/machines", key).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/token", Map.of("api_key", created.text("encoded")), Map.of())
                        .status())
                .isEqualTo(200);

        assertThat(api.delete("/api/v1/auth/api_keys/ci", bearer(root)).status())
                .isEqualTo(202);
        assertThat(api.get("/api/v1/machines", key).status()).isEqualTo(401);
    }

    @Test
    void keepsItsSecretsOwnerOnly() throws IOException {
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("accounts.json")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(dataDir.resolve("accounts.json"))).doesNotContain("Standalone-Passw0rd");
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("signing-key.json")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
}
