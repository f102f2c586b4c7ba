package dev.paddock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextCommandTests {

    @TempDir
    Path home;

    private CliRunner cli() {
        return new CliRunner(home.resolve("config"), Map.of());
    }

    @Test
    void addsAContextMakesTheFirstCurrentAndListsIt() {
        assertThat(cli().run("context", "add", "local", "--url", "http://localhost:8080")
                        .exitCode())
                .isZero();
        assertThat(cli().run("context", "add", "prod", "--url", "https://paddock.example.com")
                        .exitCode())
                .isZero();

        CliRunner.Result listed = cli().run("context", "list");

        assertThat(listed.exitCode()).isZero();
        assertThat(listed.out()).containsPattern("\\*\\s+local\\s+http://localhost:8080");
        assertThat(listed.out()).containsPattern("\\n\\s+prod\\s+https://paddock.example.com");
    }

    @Test
    void switchesTheCurrentContext() {
        cli().run("context", "add", "local", "--url", "http://localhost:8080");
        cli().run("context", "add", "prod", "--url", "https://paddock.example.com");

        assertThat(cli().run("context", "use", "prod").exitCode()).isZero();

        assertThat(cli().run("context", "list", "-o", "json").out())
                .containsPattern("\"current\" : \"\\*\",\\s+\"name\" : \"prod\"");
    }

    @Test
    void keepsTheConfigFileOwnerOnly() throws IOException {
        cli().run("context", "add", "local", "--url", "http://localhost:8080");

        assertThat(Files.getPosixFilePermissions(home.resolve("config")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void refusesAnUnknownContextWithExitCode2() {
        cli().run("context", "add", "local", "--url", "http://localhost:8080");

        CliRunner.Result result = cli().run("whoami", "--context", "staging");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("No context named 'staging'");
    }

    @Test
    void refusesAUrlThatIsNotHttp() {
        CliRunner.Result result = cli().run("context", "add", "local", "--url", "localhost:8080");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--url must be an http(s) URL");
    }

    @Test
    void explainsAMissingFlagWithExitCode2() {
        CliRunner.Result result = cli().run("context", "add", "local");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--url=<url>'");
    }

    @Test
    void saysHowToConfigureWhenNoServerIsKnown() {
        CliRunner.Result result = cli().run("whoami");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("paddock context add");
    }

    @Test
    void asksForALoginBeforeCallingTheServer() {
        cli().run("context", "add", "local", "--url", "http://localhost:8080");

        CliRunner.Result result = cli().run("whoami");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("paddock login");
    }

    @Test
    void reportsAnUnreachableServerWithExitCode7() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRunner.Result result = new CliRunner(
                        home.resolve("config"),
                        Map.of("PADDOCK_URL", "http://127.0.0.1:" + closedPort, "PADDOCK_TOKEN", "t"))
                .run("whoami");

        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.err()).contains("Cannot reach http://127.0.0.1:" + closedPort);
    }

    @Test
    void rejectsAnUnreadableConfigFileWithAClearMessage() throws IOException {
        Files.writeString(home.resolve("config"), "contexts: [this is: not: yaml");

        CliRunner.Result result = cli().run("context", "list");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("is not valid").contains("Fix or delete it");
    }
}
