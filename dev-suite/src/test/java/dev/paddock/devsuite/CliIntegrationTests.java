package dev.paddock.devsuite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real {@code paddock} launcher against the running suite: login, identity, hosts, VMs (create, exec with the
 * guest's exit code, the VM's edge address), routes, and the exit codes of bad input.
 */
@ResourceLock(SharedSuite.LOCK)
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
        PaddockCommand.Result resources = paddock.run("hosts", "resources");
        assertThat(resources.exitCode()).as(resources.err()).isZero();
        assertThat(resources.out()).contains("CPU FREE/TOTAL", "arm64", "x86_64");

        Path key = guestKey();

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

        // Output streams through the edge and the orchestrator while the command runs.
        Process streamed = paddock.start("vm", "exec", "cli-vm", "--", "echo first; sleep 2; echo second");
        BufferedReader output =
                new BufferedReader(new InputStreamReader(streamed.getInputStream(), StandardCharsets.UTF_8));
        long started = System.nanoTime();
        assertThat(output.readLine()).isEqualTo("first");
        long firstAt = System.nanoTime() - started;
        assertThat(output.readLine()).isEqualTo("second");
        long secondAt = System.nanoTime() - started;
        assertThat(streamed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(streamed.exitValue()).isZero();
        assertThat((secondAt - firstAt) / 1_000_000)
                .as("the first line arrived while the guest was still sleeping")
                .isGreaterThanOrEqualTo(1500);

        PaddockCommand.Result taken = paddock.run("vm", "snapshots", "take", "cli-vm", "--name", "before-tests");
        assertThat(taken.exitCode()).as(taken.err()).isZero();
        PaddockCommand.Result snapshots = paddock.run("vm", "snapshots", "list", "cli-vm", "-o", "json");
        assertThat(snapshots.out()).contains("before-tests");
        String snapshotId = JSON.readTree(snapshots.out()).get(0).path("id").asString();
        assertThat(paddock.run("vm", "snapshots", "delete", "cli-vm").exitCode())
                .as("neither an id nor --all")
                .isEqualTo(2);
        assertThat(paddock.run("vm", "snapshots", "delete", "cli-vm", snapshotId)
                        .exitCode())
                .isZero();

        List<String> sshCommand = new ArrayList<>(List.of("vm", "ssh", "cli-vm", "--user", "ci", "--"));
        sshCommand.addAll(keyOnlySsh(key));
        sshCommand.add("hostname");
        PaddockCommand.Result ssh = paddock.run(sshCommand.toArray(String[]::new));
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

    /**
     * The README's five steps from a running suite to a shell in a VM, taken from the README itself, so the page and
     * the product cannot drift apart. Only what differs in a test is changed: the suite's port, the password given on
     * standard input, and a key instead of typing the guest's password.
     */
    @Test
    void followsTheReadmeFromLoginToAShellInsideANewVm() throws Exception {
        List<String> steps = new ArrayList<>();
        Matcher step =
                Pattern.compile("(?m)^\\d\\. `paddock ([^`]+)`").matcher(Files.readString(Path.of("..", "README.md")));
        while (step.find()) {
            steps.add(step.group(1));
        }
        assertThat(steps).hasSize(4).allSatisfy(command -> assertThat(command).doesNotContain("'", "\""));
        Path key = guestKey();
        suite.seedGoldenImage(); // as bin/paddock-local does on its first start

        for (String command : steps) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            String stdin = null;
            if (args.getFirst().equals("context")) {
                args.set(args.indexOf("http://localhost:8080"), suite.apiUrl());
            } else if (args.getFirst().equals("login")) {
                args.add("--password-stdin");
                stdin = suite.rootPassword();
            } else if (args.getFirst().equals("vm") && args.get(1).equals("ssh")) {
                args.add("--");
                args.addAll(keyOnlySsh(key));
                args.add("hostname");
            }
            PaddockCommand.Result result = paddock.runWithInput(stdin, args.toArray(String[]::new));
            assertThat(result.exitCode())
                    .as("paddock " + command + ": " + result.err())
                    .isZero();
            if (args.getFirst().equals("vm") && args.get(1).equals("ssh")) {
                assertThat(result.out()).as("a shell inside the new VM").contains("my-vm");
            }
        }
        assertThat(paddock.run("vm", "stop", "my-vm").exitCode()).isZero();
        assertThat(paddock.run("vm", "delete", "my-vm").exitCode()).isZero();
    }

    /** OpenSSH options for a test: this key only, no prompts, no known-hosts file. */
    private static List<String> keyOnlySsh(Path key) {
        return List.of(
                "-i",
                key.toString(),
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null");
    }

    /** A key every simulated guest of the first Mac accepts for {@code ssh}. */
    private Path guestKey() throws Exception {
        Path key = home.resolve("id_guest");
        Process keygen = new ProcessBuilder(
                        "ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", key.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(keygen.waitFor()).isZero();
        Path authorized = suite.simulatorHome(0).resolve("guests").resolve("authorized_keys");
        Files.createDirectories(authorized.getParent());
        Files.writeString(
                authorized,
                Files.readString(home.resolve("id_guest.pub")),
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return key;
    }

    @Test
    void pushesAndPullsImagesAndRunsPdfilesWithProgress() throws Exception {
        paddock.runWithInput(suite.rootPassword(), "login", "-u", "root", "--password-stdin");
        Path bundle = sampleBundle(home.resolve("cli-src.pvm"));

        PaddockCommand.Result pushed =
                paddock.run("images", "push", bundle.toString(), "cli-image:1.0", "--arch", "arm64");
        assertThat(pushed.exitCode()).as(pushed.err()).isZero();
        assertThat(pushed.out()).contains("Pushed cli-image:1.0 (arm64");
        assertThat(pushed.err())
                .as("plain progress lines when not on a terminal")
                .contains("push cli-image:1.0", "100%", "MiB/s")
                .doesNotContain("\r");
        assertThat(paddock.run("images", "tag", "cli-image:1.0", "--arch", "arm64", "nightly")
                        .out())
                .contains("Tagged cli-image:1.0", "nightly");

        PaddockCommand.Result pulled = paddock.run(
                "images",
                "pull",
                "cli-image:nightly",
                "--arch",
                "arm64",
                "--to",
                home.resolve("pulled").toString(),
                "--name",
                "copy");
        assertThat(pulled.exitCode()).as(pulled.err()).isZero();
        assertThat(pulled.err()).contains("pull cli-image:nightly", "100%");
        CatalogEndToEnd.assertSameBundle(bundle, home.resolve("pulled").resolve("copy.pvm"));

        assertThat(paddock.run("images", "taint", "cli-image:1.0", "--arch", "arm64")
                        .exitCode())
                .isZero();
        PaddockCommand.Result refused = paddock.run(
                "images",
                "pull",
                "cli-image:1.0",
                "--arch",
                "arm64",
                "--to",
                home.resolve("no").toString());
        assertThat(refused.exitCode()).as("a tainted image is refused").isEqualTo(2);
        assertThat(refused.err()).contains("tainted");
        assertThat(Files.exists(home.resolve("no").resolve("cli-image-1.0.pvm")))
                .isFalse();
        assertThat(paddock.run("images", "list").out()).contains("cli-image", "1.0", "arm64", "tainted");
        assertThat(paddock.run("images", "untaint", "cli-image:1.0", "--arch", "arm64")
                        .exitCode())
                .isZero();

        // A Pdfile as the reference writes it, with its credentials from the environment.
        Path pushFile = home.resolve("push.pdfile");
        Files.writeString(pushFile, """
                # the nightly image
                TO {{ .env.CATALOG_URL }}
                AUTHENTICATE USERNAME root
                AUTHENTICATE PASSWORD {{ .env.ROOT_PASSWORD }}
                CATALOG_ID cli-pdfile
                VERSION 2.0
                ARCHITECTURE arm64
                LOCAL_PATH %s
                DESCRIPTION pushed by a Pdfile
                TAG ci
                MINIMUM_REQUIREMENT CPU 2
                RUN push
                """.formatted(bundle));
        PaddockCommand pdfiles = new PaddockCommand(
                home.resolve("pdfile-config"),
                Map.of("CATALOG_URL", suite.apiUrl(), "ROOT_PASSWORD", suite.rootPassword()));
        PaddockCommand.Result ran = pdfiles.run("pdfile", "run", pushFile.toString());
        assertThat(ran.exitCode()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("Pushed cli-pdfile:2.0");
        PaddockCommand.Result listed = pdfiles.run("pdfile", "list", pushFile.toString(), "--from", suite.apiUrl());
        assertThat(listed.out()).contains("cli-pdfile", "2.0", "ci");
        PaddockCommand.Result pulledByFile = pdfiles.run(
                "pdfile",
                "pull",
                pushFile.toString(),
                "--destination",
                home.resolve("by-file").toString());
        assertThat(pulledByFile.exitCode()).as(pulledByFile.err()).isZero();
        CatalogEndToEnd.assertSameBundle(bundle, home.resolve("by-file").resolve("cli-pdfile-2.0.pvm"));

        // A pull without DESTINATION creates the VM in the fleet, then runs its EXECUTE lines there.
        suite.seedGoldenImage();
        Path fleetFile = home.resolve("fleet.pdfile");
        Files.writeString(fleetFile, """
                CATALOG_ID ubuntu
                ARCHITECTURE arm64
                MACHINE_NAME pdfile-vm
                EXECUTE hostname
                EXECUTE exit 4
                EXECUTE echo never
                RUN pull
                """);
        PaddockCommand.Result intoFleet = paddock.run("pdfile", "run", fleetFile.toString());
        assertThat(intoFleet.out())
                .contains("Created VM pdfile-vm", "pdfile-vm\n")
                .doesNotContain("never");
        assertThat(intoFleet.exitCode()).as("the failing EXECUTE's exit code").isEqualTo(4);
        assertThat(paddock.run("vm", "stop", "pdfile-vm").exitCode()).isZero();
        assertThat(paddock.run("vm", "delete", "pdfile-vm").exitCode()).isZero();

        Path badFile = home.resolve("bad.pdfile");
        Files.writeString(badFile, "FROM http://localhost:1\nCATALOG_ID x\nPUSH_HARDER yes\n");
        PaddockCommand.Result bad = pdfiles.run("pdfile", "run", badFile.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.pdfile:3: unknown directive 'PUSH_HARDER'");

        PaddockCommand.Result unknownContext = paddock.run("images", "list", "--context", "nope");
        assertThat(unknownContext.exitCode()).isEqualTo(2);
        assertThat(unknownContext.err()).contains("No context named 'nope'");
        PaddockCommand.Result missingFlag = paddock.run("images", "push", bundle.toString(), "cli-image:3");
        assertThat(missingFlag.exitCode()).isEqualTo(2);
        assertThat(missingFlag.err()).contains("--arch");

        assertThat(paddock.run("images", "delete", "cli-image").exitCode()).isZero();
        assertThat(paddock.run("images", "delete", "cli-pdfile").exitCode()).isZero();
    }

    @Test
    void createsAVmFromTheSeededImageAndReachesItThroughAForward() throws Exception {
        paddock.runWithInput(suite.rootPassword(), "login", "-u", "root", "--password-stdin");
        suite.seedGoldenImage();
        assertThat(paddock.run("images", "get", LocalSuite.SEEDED_IMAGE).out())
                .contains(LocalSuite.SEEDED_VERSION, "arm64", "x86_64", "stable");

        PaddockCommand.Result created = paddock.run(
                "vm", "create", "img-vm", "--image", "ubuntu", "--arch", "x86_64", "--host-tag", "x86_64", "--start");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created VM img-vm on mac-x86-1");
        assertThat(created.err()).as("the creation job's progress").contains("create img-vm", "100%");
        assertThat(paddock.run("jobs", "list", "--state", "completed").out()).contains("img-vm");

        // Hosts' runtime figures (HOST_STATS_UPDATE) come on the same channel every few seconds: only the VM's event.
        Process events = paddock.start(
                "events",
                "-c",
                "orchestrator",
                "--event",
                "HOST_VM_STATE_CHANGED",
                "--count",
                "2",
                "--timeout",
                "60",
                "-o",
                "json");
        Process forward = paddock.start("vm", "forward", "img-vm", "80");
        try {
            String banner = new BufferedReader(new InputStreamReader(forward.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(banner).startsWith("Forwarding http://127.0.0.1:");
            String url = banner.substring("Forwarding ".length(), banner.indexOf(' ', "Forwarding ".length()));
            Process curl = new ProcessBuilder("curl", "-s", "--max-time", "20", url).start();
            String page = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(page)
                    .as("the guest's web page through an authenticated local forward")
                    .contains("Hello from");
        } finally {
            forward.destroy();
        }

        assertThat(paddock.run("vm", "stop", "img-vm").exitCode()).isZero();
        assertThat(events.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String tail = new String(events.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String vmId = JSON.readTree(
                        paddock.run("vm", "get", "img-vm", "-o", "json").out())
                .path("ID")
                .asString();
        assertThat(tail)
                .as("the welcome, then the VM's state change")
                .contains("WebSocket connection established", vmId);
        assertThat(events.exitValue()).isZero();
        assertThat(paddock.run("vm", "delete", "img-vm").exitCode()).isZero();
    }

    /** A small VM bundle: a config file, a few MiB of data and a sparse stretch of zeros. */
    private static Path sampleBundle(Path bundle) throws Exception {
        Files.createDirectories(bundle);
        Files.writeString(bundle.resolve("config.pvs"), "<ParallelsVirtualMachine/>\n");
        byte[] data = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(data);
        try (var disk = new RandomAccessFile(bundle.resolve("disk0.img").toFile(), "rw")) {
            disk.write(data);
            disk.setLength(64L * 1024 * 1024);
        }
        return bundle;
    }

    private String idOf(String username) {
        PaddockCommand.Result user = paddock.run("users", "get", username, "-o", "json");
        return JSON.readTree(user.out()).path("id").asString();
    }
}
