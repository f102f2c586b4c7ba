package dev.paddock.devsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The real {@code paddock} launcher against the running suite: login, identity commands, exit codes. */
class CliIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path home;

    LocalSuite suite;
    PaddockCommand paddock;

    @BeforeEach
    void setUp() {
        suite = SharedSuite.get();
        paddock = new PaddockCommand(home.resolve("config"), Map.of());
        assertThat(paddock.run("context", "add", "e2e", "--url", suite.apiUrl()).exitCode())
                .isZero();
    }

    @Test
    void logsInWithAPasswordAndShowsWhoIsLoggedIn() {
        PaddockCommand.Result login =
                paddock.runWithInput(suite.rootPassword(), "login", "-u", "root", "--password-stdin");
        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(login.out()).contains("Logged in to " + suite.apiUrl() + " as root");

        PaddockCommand.Result whoami = paddock.run("whoami", "-o", "json");

        assertThat(whoami.exitCode()).isZero();
        assertThat(whoami.out()).contains("\"username\" : \"root\"").contains("\"isSuperUser\" : true");
    }

    @Test
    void createsAUserAndAnApiKeyAndLogsInWithTheKey() {
        paddock.runWithInput(suite.rootPassword(), "login", "-u", "root", "--password-stdin");
        String username = "ci-" + UUID.randomUUID().toString().substring(0, 8);
        PaddockCommand.Result created = paddock.runWithInput(
                "Ci-User-Passw0rd!",
                "users",
                "create",
                username,
                "--email",
                username + "@example.test",
                "--password-stdin");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains(username).contains("USER");

        PaddockCommand.Result key =
                paddock.run("api-keys", "create", "pipeline", "--user", idOf(username), "-o", "json");
        assertThat(key.exitCode()).as(key.err()).isZero();
        String encoded = JSON.readTree(key.out()).path("encoded").asString();

        PaddockCommand ci = new PaddockCommand(
                home.resolve("ci-config"), Map.of("PADDOCK_URL", suite.apiUrl(), "PADDOCK_API_KEY", encoded));
        PaddockCommand.Result whoami = ci.run("whoami");
        assertThat(whoami.exitCode()).as(whoami.err()).isZero();
        assertThat(whoami.out()).contains(username);

        // The key acts with its owner's claims: listing users needs LIST_USER, which a USER lacks.
        PaddockCommand.Result forbidden = ci.run("users", "list");
        assertThat(forbidden.exitCode()).isEqualTo(4);
        assertThat(forbidden.err()).contains("LIST_USER");
    }

    @Test
    void refusesAWrongPasswordWithExitCode3() {
        PaddockCommand.Result login = paddock.runWithInput("wrong-password", "login", "-u", "root", "--password-stdin");

        assertThat(login.exitCode()).isEqualTo(3);
        assertThat(login.err()).contains("password is wrong");
    }

    @Test
    void reportsAnUnknownUserWithExitCode5() {
        paddock.runWithInput(suite.rootPassword(), "login", "-u", "root", "--password-stdin");

        PaddockCommand.Result missing = paddock.run("users", "get", "no-such-user");

        assertThat(missing.exitCode()).isEqualTo(5);
        assertThat(missing.err()).contains("No user with id or username 'no-such-user'");
    }

    private String idOf(String username) {
        PaddockCommand.Result user = paddock.run("users", "get", username, "-o", "json");
        return JSON.readTree(user.out()).path("id").asString();
    }
}
