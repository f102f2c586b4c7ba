package dev.paddock.devsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real {@code paddock} launcher against the running suite: login, identity, hosts, VMs (create, exec with the
 * guest's exit code, the VM's edge address), routes, and the exit codes of bad input.
 */
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

    @Test
    void drivesVmsAndRoutesFromTheCommandLine() throws Exception {
        paddock.runWithInput(suite.rootPassword(), "login", "-u", "root", "--password-stdin");
        CatalogEndToEnd.await(
                () -> paddock.run("vm", "list").out().contains("ubuntu-arm"), "the fleet to list ubuntu-arm");

        PaddockCommand.Result hosts = paddock.run("hosts", "list");
        assertThat(hosts.exitCode()).as(hosts.err()).isZero();
        assertThat(hosts.out()).contains("NAME", "FREE CPU", "mac-arm64-1", "mac-x86-1");

        Path key = home.resolve("id_ecdsa");
        Process keygen = new ProcessBuilder(
                        "ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", key.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(keygen.waitFor()).isZero();
        Path authorized = suite.simulatorHome(0).resolve("guests").resolve("authorized_keys");
        Files.createDirectories(authorized.getParent());
        Files.writeString(
                authorized,
                Files.readString(home.resolve("id_ecdsa.pub")),
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);

        PaddockCommand.Result created =
                paddock.run("vm", "create", "cli-vm", "--from", "ubuntu-arm", "--arch", "arm64", "--start");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created VM cli-vm");
        assertThat(paddock.run("vm", "list", "--state", "running").out()).contains("cli-vm");

        PaddockCommand.Result exec = paddock.run("vm", "exec", "cli-vm", "--", "hostname");
        assertThat(exec.exitCode()).as(exec.err()).isZero();
        assertThat(exec.out()).contains("cli-vm");
        assertThat(paddock.run("vm", "exec", "cli-vm", "--", "exit", "3").exitCode())
                .as("the guest's exit code")
                .isEqualTo(3);

        PaddockCommand.Result ssh = paddock.run(
                "vm",
                "ssh",
                "cli-vm",
                "--user",
                "ci",
                "--",
                "-i",
                key.toString(),
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "hostname");
        assertThat(ssh.exitCode()).as(ssh.err()).isZero();
        assertThat(ssh.out())
                .as("OpenSSH through paddock's tunnel, no port opened")
                .contains("cli-vm");

        PaddockCommand.Result url = paddock.run("vm", "url", "cli-vm");
        assertThat(url.out().trim())
                .isEqualTo("http://cli-vm." + LocalSuite.VM_DOMAIN + ":"
                        + suite.ports().edge() + "/");

        PaddockCommand.Result route = paddock.run(
                "routes", "http", "cli-shop." + LocalSuite.VM_DOMAIN, "--vm", "cli-vm", "--claim", "LIST_VM");
        assertThat(route.exitCode()).as(route.err()).isZero();
        PaddockCommand.Result routes = paddock.run("routes", "list");
        assertThat(routes.out())
                .contains("cli-shop." + LocalSuite.VM_DOMAIN, "vm cli-vm:80", "authenticated (LIST_VM)");
        assertThat(paddock.run("routes", "delete", "cli-shop." + LocalSuite.VM_DOMAIN)
                        .exitCode())
                .isZero();

        PaddockCommand.Result badPort =
                paddock.run("routes", "tcp", "bad", "--listen", "70000", "--vm", "x", "--port", "22");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.err()).contains("70000");
        PaddockCommand.Result missingFlag = paddock.run("routes", "tcp", "bad", "--vm", "x");
        assertThat(missingFlag.exitCode()).isEqualTo(2);
        assertThat(missingFlag.err()).contains("--listen");
        PaddockCommand.Result noVm = paddock.run("vm", "stop", "no-such-vm");
        assertThat(noVm.exitCode()).isEqualTo(5);

        assertThat(paddock.run("vm", "stop", "cli-vm").exitCode()).isZero();
        PaddockCommand.Result deleted = paddock.run("vm", "delete", "cli-vm");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    }

    private String idOf(String username) {
        PaddockCommand.Result user = paddock.run("users", "get", username, "-o", "json");
        return JSON.readTree(user.out()).path("id").asString();
    }
}
