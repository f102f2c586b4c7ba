package dev.paddock.orchestrator.fleet;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.common.crypto.SecretBox;
import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import dev.paddock.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Deploying the agent to a Mac over SSH, against a real SSH server (Apache MINA SSHD) standing in for the Mac: it
 * checks the password, keeps the files sent to it, and answers the installer's command line by enrolling a
 * {@link FakeAgent} with the token it was given — what the real installer's agent does on its first start.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "paddock.orchestrator.identity.root-password=" + HostDeploymentIntegrationTests.ROOT_PASSWORD,
            "paddock.orchestrator.identity.password-hash-strength=4",
            "paddock.orchestrator.fleet.heartbeat-interval=1s",
            "paddock.orchestrator.deploy.public-url=http://orchestrator.example.test:8080",
            "paddock.orchestrator.deploy.enroll-timeout=20s",
        })
class HostDeploymentIntegrationTests {

    static final String ROOT_PASSWORD = "Root-Passw0rd-for-tests";
    static final byte[] INSTALLER = "#!/bin/bash\n# the installer\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] AGENT_JAR = new byte[300_000];

    static {
        System.getProperties().putIfAbsent("paddock.orchestrator.secrets.key", SecretBox.generateKey());
        new Random(7).nextBytes(AGENT_JAR);
    }

    @DynamicPropertySource
    static void filesAndDatabase(DynamicPropertyRegistry registry) throws IOException {
        registry.add("spring.datasource.url", () -> TestDatabase.get().sibling("deploy"));
        Path folder = Files.createTempDirectory("paddock-deploy-test");
        Path installer = Files.write(folder.resolve("install-agent.sh"), INSTALLER);
        Path jar = Files.write(folder.resolve("host-agent.jar"), AGENT_JAR);
        registry.add("paddock.orchestrator.deploy.installer", installer::toString);
        registry.add("paddock.orchestrator.deploy.agent-jar", jar::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    Map<String, String> root;
    SshServer mac;
    String fingerprint;
    final Map<String, byte[]> received = new ConcurrentHashMap<>();
    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<FakeAgent> agents = new CopyOnWriteArrayList<>();
    volatile int installerExit;

    @BeforeEach
    void setUp() throws Exception {
        jdbc.update("delete from hosts");
        api = new ApiClient("http://localhost:" + port);
        root = bearer(api.login("root", ROOT_PASSWORD));
        mac = SshServer.setUpDefaultServer();
        mac.setHost("127.0.0.1");
        mac.setPort(0);
        mac.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
        mac.setPasswordAuthenticator((user, password, session) -> user.equals("admin") && password.equals("mac-pass"));
        mac.setCommandFactory((channel, command) -> new MacCommand(command));
        mac.start();
        KeyPair hostKey = mac.getKeyPairProvider().loadKeys(null).iterator().next();
        fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
    }

    @AfterEach
    void stop() throws IOException {
        mac.stop(true);
        agents.forEach(FakeAgent::close);
    }

    @Test
    void theAgentIsCopiedInstalledAsRootAndEnrolledAndTheSecretsStayOffTheCommandLine() {
        Response deployed = api.post("/api/v1/orchestrator/hosts/deploy", request("mac-deployed", fingerprint), root);

        assertThat(deployed.status()).as(deployed.body().toString()).isEqualTo(201);
        assertThat(deployed.text("host")).isEqualTo("mac-deployed");
        assertThat(api.get("/api/v1/orchestrator/hosts/" + deployed.text("host_id"), root)
                        .text("name"))
                .isEqualTo("mac-deployed");
        assertThat(received.values()).anySatisfy(bytes -> assertThat(bytes).isEqualTo(INSTALLER));
        assertThat(received.values()).anySatisfy(bytes -> assertThat(bytes).isEqualTo(AGENT_JAR));
        String install = commands.stream()
                .filter(c -> c.contains("install-agent.sh' install"))
                .findFirst()
                .orElseThrow();
        assertThat(install)
                .startsWith("sudo -S ")
                .contains("--orchestrator 'http://orchestrator.example.test:8080'")
                .contains("--name 'mac-deployed'")
                .contains("--tags 'arm64,xcode16'")
                .contains("rm -rf '/tmp/paddock-deploy-")
                .doesNotContain("mac-pass", "sudo-pass");
    }

    @Test
    void aHostKeyThatIsNotTheNamedOneStopsTheDeployBeforeAnyPasswordIsSent() {
        Response refused = api.post(
                "/api/v1/orchestrator/hosts/deploy",
                request("mac-spoofed", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                root);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("type")).endsWith("/ssh-host-key-mismatch");
        assertThat(commands).isEmpty();
        Response unnamed = api.post(
                "/api/v1/orchestrator/hosts/deploy",
                Map.of(
                        "ssh_host",
                        "127.0.0.1",
                        "ssh_port",
                        mac.getPort(),
                        "ssh_user",
                        "admin",
                        "ssh_password",
                        "mac-pass",
                        "host_name",
                        "mac-unnamed"),
                root);
        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.text("type")).endsWith("/ssh-host-key-unknown");
    }

    @Test
    void aWrongPasswordAndAFailingInstallerAreProblemsThatSayWhat() {
        Map<String, Object> wrong = new java.util.HashMap<>(request("mac-wrong", fingerprint));
        wrong.put("ssh_password", "guess");
        Response refused = api.post("/api/v1/orchestrator/hosts/deploy", wrong, root);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("type")).endsWith("/ssh-login-failed");

        installerExit = 1;
        Response failed = api.post("/api/v1/orchestrator/hosts/deploy", request("mac-failing", fingerprint), root);
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.text("type")).endsWith("/agent-install-failed");
        assertThat(failed.text("detail")).contains("Parallels Desktop's prlctl is not on PATH");
        assertThat(api.get("/api/v1/orchestrator/hosts", root).body().findValuesAsString("name"))
                .doesNotContain("mac-failing");
    }

    @Test
    void inTheBackgroundItIsAJobThatEndsWithTheNewHost() {
        Response job = api.post("/api/v1/orchestrator/hosts/deploy/async", request("mac-async", fingerprint), root);
        assertThat(job.status()).as(job.body().toString()).isEqualTo(202);

        org.awaitility.Awaitility.await("the deploy job")
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/jobs/" + job.text("id"), root)
                        .text("state")
                        .equals("completed"));
        assertThat(api.get("/api/v1/jobs/" + job.text("id"), root).text("result_record_name"))
                .isEqualTo("mac-async");
    }

    private Map<String, Object> request(String hostName, String hostKey) {
        return Map.of(
                "ssh_host",
                "127.0.0.1",
                "ssh_port",
                mac.getPort(),
                "ssh_user",
                "admin",
                "ssh_password",
                "mac-pass",
                "ssh_host_key_fingerprint",
                hostKey,
                "sudo_password",
                "sudo-pass",
                "host_name",
                hostName,
                "tags",
                List.of("arm64", "xcode16"));
    }

    /** The Mac's side of one command: files kept, the installer answered by an agent that enrolls. */
    private final class MacCommand implements Command {

        private static final Pattern TARGET = Pattern.compile("cat > '([^']+)'");
        private static final Pattern TOKEN = Pattern.compile("--token '([^']+)'");
        private static final Pattern NAME = Pattern.compile("--name '([^']+)'");

        private final String line;
        private InputStream in = InputStream.nullInputStream();
        private OutputStream out = OutputStream.nullOutputStream();
        private ExitCallback exit = (status, message, closeSession) -> {};

        MacCommand(String line) {
            this.line = line;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {}

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment environment) {
            commands.add(line);
            Thread.ofVirtual().start(() -> exit.onExit(run()));
        }

        private int run() {
            try {
                Matcher target = TARGET.matcher(line);
                if (target.find()) {
                    received.put(target.group(1), in.readAllBytes());
                    return 0;
                }
                if (!line.contains("install-agent.sh' install")) {
                    return 0;
                }
                String sudo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!sudo.equals("sudo-pass\n")) {
                    out.write("sudo: a password is required\n".getBytes(StandardCharsets.UTF_8));
                    return 1;
                }
                if (installerExit != 0) {
                    out.write("install-agent: Parallels Desktop's prlctl is not on PATH\n"
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return installerExit;
                }
                Matcher token = TOKEN.matcher(line);
                Matcher name = NAME.matcher(line);
                if (!token.find() || !name.find()) {
                    return 2;
                }
                FakeAgent agent = new FakeAgent(name.group(1), "arm64", 8, 16384);
                agents.add(agent);
                return agent.enroll(api, token.group(1)).status() == 201 ? 0 : 3;
            } catch (IOException e) {
                return 4;
            }
        }

        @Override
        public void destroy(ChannelSession channel) {}
    }
}
