package dev.paddock.devsuite;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

/**
 * What the end-to-end catalog tests share: a running suite with hosts mac-arm64-1 (index 0), mac-x86-1 and mac-arm64-2
 * (index 2), clients for the edge and the agents, and simulated golden VMs.
 */
abstract class CatalogEndToEnd {

    static final int ARM = 0;
    static final int ARM2 = 2;

    LocalSuite suite;
    ApiClient edge;
    Map<String, String> root;

    /** A running suite with hosts mac-arm64-1 (index 0), mac-x86-1 and mac-arm64-2 (index 2). */
    abstract LocalSuite suite();

    @BeforeEach
    void setUp() {
        suite = suite();
        edge = new ApiClient(suite.edgeUrl());
        root = bearer(edge.login("root", suite.rootPassword()));
    }

    // ---- helpers
    // -----------------------------------------------------------------------------------------------------

    /** A stopped simulated macOS VM whose disk holds some data: 8 MiB of random blocks in a sparse 64 MiB disk. */
    Path goldenVm(int host, String name, int seed) throws Exception {
        Response created = agent(host).get("/api/v1/machines/" + name, root);
        if (created.status() == 404) {
            simulator(host, "create", name, "--ostype", "macos", "--disk-size", "64");
        }
        await(() -> agent(host).get("/api/v1/machines/" + name, root).status() == 200, "the VM " + name);
        Path bundle = Path.of(agent(host).get("/api/v1/machines/" + name, root).text("Home"));
        try (RandomAccessFile disk =
                new RandomAccessFile(bundle.resolve("disk0.img").toFile(), "rw")) {
            byte[] block = new byte[1024 * 1024];
            Random random = new Random(seed);
            for (int i = 0; i < 8; i++) {
                random.nextBytes(block);
                disk.seek((long) i * 7 * block.length);
                disk.write(block);
            }
        }
        return bundle;
    }

    /**
     * A golden VM (see {@link #goldenVm}) whose disk holds {@code blocks} × 4 MiB of random data: big enough that a push
     * or a pull of it is still under way when a test interrupts it.
     */
    Path largeGoldenVm(int host, String name, int seed, int blocks) throws Exception {
        Path source = goldenVm(host, name, seed);
        try (RandomAccessFile disk =
                new RandomAccessFile(source.resolve("disk0.img").toFile(), "rw")) {
            byte[] block = new byte[4 * 1024 * 1024];
            Random random = new Random(seed);
            for (int i = 0; i < blocks; i++) {
                random.nextBytes(block);
                disk.seek((long) i * block.length);
                disk.write(block);
            }
        }
        return source;
    }

    /** Starts pushing {@code bundle} as a job and waits until it is a fifth done; answers the job's id. */
    String pushUnderWay(int host, Path bundle, String catalogId) throws InterruptedException {
        Response started = agent(host)
                .post(
                        "/api/v1/catalog/push/async",
                        Map.of("catalog_id", catalogId, "version", "1", "local_path", bundle.toString()),
                        root);
        assertThat(started.status()).isEqualTo(202);
        String job = started.text("id");
        await(
                () -> agent(host)
                                .get("/api/v1/jobs/" + job, root)
                                .body()
                                .path("progress")
                                .asInt()
                        >= 20,
                "the push under way");
        return job;
    }

    /**
     * After an interrupted push of {@code source} (version 1): nothing of it is visible, pushing it again from the first
     * Mac sends less than 90 % of the pack (what had arrived is kept), and a pull on the second Mac is identical.
     */
    void assertPushResumesWhereItStopped(Path source, String catalogId, String copyName) throws IOException {
        assertThat(edge.get("/api/v1/catalog/" + catalogId, root).status())
                .as("nothing is visible before the commit")
                .isEqualTo(404);

        Response resumed = push(ARM, source, catalogId, "1");

        assertThat(resumed.status()).as(resumed.body().toString()).isEqualTo(200);
        long total = resumed.body().path("pack_size").asLong();
        long sent = resumed.body().path("bytes_sent").asLong();
        assertThat(sent).as("the resumed push sends only what had not arrived").isLessThan(total * 9 / 10);
        Response pulled = agent(ARM2)
                .put(
                        "/api/v1/catalog/pull",
                        Map.of("catalog_id", catalogId, "version", "1", "machine_name", copyName),
                        root);
        assertThat(pulled.status()).as(pulled.body().toString()).isEqualTo(200);
        assertSameBundle(source, Path.of(pulled.text("local_path")));
    }

    Response push(int host, Path bundle, String catalogId, String version) {
        return agent(host)
                .post(
                        "/api/v1/catalog/push",
                        Map.of("catalog_id", catalogId, "version", version, "local_path", bundle.toString()),
                        root);
    }

    static void assertSameBundle(Path expected, Path actual) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(expected)) {
            files.forEach(file -> names.add(file.getFileName().toString()));
        }
        assertThat(names).contains("config.pvs", "disk0.img");
        for (String name : names) {
            if (name.equals("config.pvs")) {
                // A pulled VM is registered under a UUID and name of its own (the agent passes --uuid and renames
                // it; PD writes both into config.pvs): the configuration is the image's but for that identity.
                assertThat(withoutIdentity(actual.resolve(name)))
                        .as(name + " identical but for the VM's identity")
                        .isEqualTo(withoutIdentity(expected.resolve(name)));
            } else if (Files.isRegularFile(expected.resolve(name))) {
                assertThat(Files.mismatch(expected.resolve(name), actual.resolve(name)))
                        .as(name + " identical")
                        .isEqualTo(-1);
            }
        }
    }

    private static String withoutIdentity(Path config) throws IOException {
        return Files.readString(config)
                .replaceAll("<VmUuid>[^<]*</VmUuid>", "<VmUuid/>")
                .replaceAll("<VmName>[^<]*</VmName>", "<VmName/>");
    }

    ApiClient agent(int index) {
        return new ApiClient(suite.agentUrl(index));
    }

    JsonNode host(String name) {
        for (JsonNode host : edge.get("/api/v1/orchestrator/hosts", root).body()) {
            if (host.path("name").asString().equals(name)) {
                return host;
            }
        }
        throw new AssertionError("no host " + name);
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }

    void simulator(int host, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(suite.simulatorPrlctl().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PADDOCK_SIM_HOME", suite.simulatorHome(host).toString());
        builder.environment().put("PADDOCK_SIM_ARCH", "arm64");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }
}
