package dev.paddock.agent;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the agent's integration tests: one agent (one Spring context, shared by every subclass) driving one simulated
 * Mac through the simulator's real prlctl, reached over real HTTP with tokens from a test JWKS issuer.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "paddock.agent.run-as-owner=false",
            "paddock.agent.command-timeout=5s",
            "paddock.agent.long-command-timeout=60s",
            "paddock.agent.inventory.max-backoff=2s"
        })
public abstract class AgentIntegrationTest {

    protected static final TestTokens tokens = TestTokens.start();
    protected static final SimulatedHost host;

    static {
        try {
            // Under target/ (not /tmp): the VMs' sparse disks stay with the build and go with `mvn clean`.
            host = new SimulatedHost(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "agent-it-"));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void agent(DynamicPropertyRegistry registry) {
        registry.add("paddock.security.jwt.jwks-uri", tokens::jwksUri);
        SimulatedHost.agentSettings(host.home()).forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stopGuests() throws IOException {
        host.clearFaults();
        host.stopAll();
    }

    @LocalServerPort
    protected int port;

    protected ApiClient api;
    protected Map<String, String> operator;

    @BeforeEach
    void setUpClient() throws IOException {
        host.clearFaults();
        api = new ApiClient("http://localhost:" + port);
        operator = bearer(tokens.superUser());
    }

    /** Creates a VM behind the agent's back (as someone at the Mac would) and waits until the agent has seen it. */
    protected String createVm(String prefix, String ostype) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        host.prlctl("create", name, "--ostype", ostype, "--disk-size", "1024");
        awaitVisible(name);
        return name;
    }

    protected void awaitVisible(String name) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                api.get("/api/v1/machines/" + name, operator).status())
                        .isEqualTo(200));
    }

    protected Map<String, String> tokenWith(String... claims) {
        return bearer(tokens.issue("tester", Set.of("USER"), Set.of(claims)));
    }
}
