package dev.paddock.devsuite;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.pack.Codec;
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
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Golden images end to end with real processes: a simulated VM pushed by the agent of one Mac through the edge into
 * the catalog, pulled by the agent of another Mac, verified byte for byte, served from the pack cache the second time,
 * reported in heartbeats so the scheduler prefers that Mac; and what a corrupted chunk, a taint, a revocation and an
 * interrupted push do. Run once per storage provider (subclasses).
 */
abstract class CatalogScenarios {

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

    @Test
    void anImagePushedOnOneMacIsPulledIdenticalOnAnotherAndTheSecondPullComesFromItsCache() throws Exception {
        Path source = goldenVm(ARM, "golden-src", 11);
        Response pushed = agent(ARM)
                .post(
                        "/api/v1/catalog/push",
                        Map.of(
                                "catalog_id", "golden",
                                "version", "1.0",
                                "local_path", source.toString(),
                                "tags", List.of("stable"),
                                "connection", "host=ignored"),
                        root);
        assertThat(pushed.status()).as(pushed.body().toString()).isEqualTo(200);
        assertThat(pushed.text("name")).isEqualTo("golden-arm64-1.0");
        assertThat(texts(pushed.body().path("tags"))).containsExactlyInAnyOrder("stable", "latest");
        assertThat(edge.get("/api/v1/catalog/golden/latest/arm64", root).text("version"))
                .isEqualTo("1.0");

        Response pulled = agent(ARM2)
                .put(
                        "/api/v1/catalog/pull",
                        Map.of("catalog_id", "golden", "version", "latest", "machine_name", "golden-copy"),
                        root);
        assertThat(pulled.status()).as(pulled.body().toString()).isEqualTo(200);
        assertThat(pulled.body().path("bytes_fetched").asLong()).isPositive();
        assertThat(pulled.body().path("manifest").path("version").asString()).isEqualTo("1.0");
        Path copy = Path.of(pulled.text("local_path"));
        assertSameBundle(source, copy);
        assertThat(agent(ARM2).get("/api/v1/machines/golden-copy", root).status())
                .isEqualTo(200);

        Response again = agent(ARM2)
                .put(
                        "/api/v1/catalog/pull",
                        Map.of("catalog_id", "golden", "version", "stable", "machine_name", "golden-copy-2"),
                        root);
        assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
        assertThat(again.body().path("bytes_fetched").asLong())
                .as("everything came from the pack cache")
                .isZero();
        assertThat(again.body().path("bytes_from_cache").asLong()).isPositive();

        JsonNode cached = null;
        for (JsonNode item : agent(ARM2).get("/api/v1/cache", root).body()) {
            if (item.path("catalog_id").asString().equals("golden")) {
                cached = item;
            }
        }
        assertThat(cached).as("golden in the pack cache").isNotNull();
        assertThat(cached.path("version").asString()).isEqualTo("1.0");
        assertThat(cached.path("cache_used_count").asInt()).isEqualTo(2);
        await(
                () -> host("mac-arm64-2").path("cache_items").toString().contains("golden"),
                "the host's cache reported in heartbeats");

        Response created = edge.post(
                "/api/v1/orchestrator/machines",
                Map.of(
                        "name",
                        "from-catalog",
                        "architecture",
                        "arm64",
                        "catalog_manifest",
                        Map.of("catalog_id", "golden", "version", "1.0", "specs", Map.of("cpu", "2"))),
                root);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        assertThat(created.text("host")).as("the Mac that has the image cached").isEqualTo("mac-arm64-2");
        JsonNode vm = agent(ARM2).get("/api/v1/machines/from-catalog", root).body();
        assertThat(vm.path("Hardware").path("cpu").path("cpus").asInt()).isEqualTo(2);
        assertThat(edge.get("/api/v1/catalog/golden/1.0/arm64", root)
                        .body()
                        .path("download_count")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void aCorruptedChunkFailsThePullAndNothingIsRegisteredOrLeftOnDisk() throws Exception {
        Path source = goldenVm(ARM, "corrupt-src", 12);
        assertThat(push(ARM, source, "corrupt", "1").status()).isEqualTo(200);
        JsonNode chunks = edge.get("/api/v1/catalog/corrupt/1/arm64/download", root)
                .body()
                .path("pack")
                .path("chunks");
        String victim = null;
        for (JsonNode chunk : chunks) {
            if (!chunk.path("digest").asString().equals("zero")
                    && chunk.path("size").asInt() > 1024 * 1024) {
                victim = chunk.path("digest").asString();
            }
        }
        assertThat(victim).isNotNull();
        Path stored = suite.catalogStorage()
                .resolve("chunks")
                .resolve(victim.substring(0, 2))
                .resolve(victim + ".zst");
        byte[] other = "damaged on disk".getBytes(StandardCharsets.UTF_8);
        Files.write(stored, Codec.compress(other, other.length));

        Response pulled = agent(ARM2)
                .put(
                        "/api/v1/catalog/pull",
                        Map.of("catalog_id", "corrupt", "version", "1", "machine_name", "corrupt-copy"),
                        root);

        assertThat(pulled.status()).as(pulled.body().toString()).isEqualTo(502);
        assertThat(pulled.text("detail")).contains(victim).contains("nothing was registered");
        assertThat(agent(ARM2).get("/api/v1/machines/corrupt-copy", root).status())
                .isEqualTo(404);
        try (Stream<Path> left = Files.list(suite.simulatorHome(ARM2).resolve("Parallels"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("corrupt-copy"));
        }
    }

    @Test
    void aTaintedImageIsRefusedWith400AndARevokedOneWith403() throws Exception {
        Path source = goldenVm(ARM, "taint-src", 13);
        assertThat(push(ARM, source, "taintable", "1").status()).isEqualTo(200);
        edge.send("PATCH", "/api/v1/catalog/taintable/1/arm64/taint", null, root);

        Response tainted =
                agent(ARM2).put("/api/v1/catalog/pull", Map.of("catalog_id", "taintable", "version", "1"), root);
        assertThat(tainted.status()).isEqualTo(400);
        assertThat(tainted.text("detail")).contains("tainted");

        edge.send("PATCH", "/api/v1/catalog/taintable/1/arm64/untaint", null, root);
        edge.send("PATCH", "/api/v1/catalog/taintable/1/arm64/revoke", null, root);
        Response revoked =
                agent(ARM2).put("/api/v1/catalog/pull", Map.of("catalog_id", "taintable", "version", "1"), root);
        assertThat(revoked.status()).isEqualTo(403);
        assertThat(revoked.text("detail")).contains("revoked");
    }

    @Test
    void aPushInterruptedByAnAgentCrashResumesWithoutResendingWhatArrived() throws Exception {
        Path source = goldenVm(ARM, "resume-src", 14);
        // Make the image big enough that the push is still under way when the agent dies.
        try (RandomAccessFile disk =
                new RandomAccessFile(source.resolve("disk0.img").toFile(), "rw")) {
            byte[] block = new byte[4 * 1024 * 1024];
            Random random = new Random(14);
            for (int i = 0; i < 64; i++) {
                random.nextBytes(block);
                disk.seek((long) i * block.length);
                disk.write(block);
            }
        }
        Response started = agent(ARM)
                .post(
                        "/api/v1/catalog/push/async",
                        Map.of("catalog_id", "resumable", "version", "1", "local_path", source.toString()),
                        root);
        assertThat(started.status()).isEqualTo(202);
        String job = started.text("id");
        await(
                () -> agent(ARM)
                                .get("/api/v1/jobs/" + job, root)
                                .body()
                                .path("progress")
                                .asInt()
                        >= 20,
                "the push under way");
        suite.killAgent(ARM);
        suite.restartAgent(ARM);
        assertThat(edge.get("/api/v1/catalog/resumable", root).status())
                .as("nothing is visible before the commit")
                .isEqualTo(404);

        Response resumed = push(ARM, source, "resumable", "1");

        assertThat(resumed.status()).as(resumed.body().toString()).isEqualTo(200);
        long total = resumed.body().path("pack_size").asLong();
        long sent = resumed.body().path("bytes_sent").asLong();
        assertThat(sent).as("the resumed push sends only what had not arrived").isLessThan(total * 9 / 10);
        Response pulled = agent(ARM2)
                .put(
                        "/api/v1/catalog/pull",
                        Map.of("catalog_id", "resumable", "version", "1", "machine_name", "resumed-copy"),
                        root);
        assertThat(pulled.status()).as(pulled.body().toString()).isEqualTo(200);
        assertSameBundle(source, Path.of(pulled.text("local_path")));
    }

    @Test
    void badRequestsAreRefusedWithAProblemBeforeAnythingMoves() {
        Response outside = agent(ARM)
                .post("/api/v1/catalog/push", Map.of("catalog_id", "bad", "version", "1", "local_path", "/etc"), root);
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.text("detail")).contains("outside the VM folders");

        Response noVersion =
                agent(ARM).post("/api/v1/catalog/push", Map.of("catalog_id", "bad", "local_path", "/etc"), root);
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.text("detail")).contains("version");

        Response wrongArch =
                agent(ARM2).put("/api/v1/catalog/pull", Map.of("catalog_id", "golden", "architecture", "x86_64"), root);
        assertThat(wrongArch.status()).isEqualTo(400);
        assertThat(wrongArch.text("detail")).contains("This host is arm64");

        Response unknown = agent(ARM2)
                .put("/api/v1/catalog/pull", Map.of("catalog_id", "no-such-image", "machine_name", "x"), root);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("detail")).contains("no-such-image");

        Response traversal = agent(ARM2)
                .put(
                        "/api/v1/catalog/pull",
                        Map.of("catalog_id", "golden", "machine_name", "x", "path", "/tmp/../etc"),
                        root);
        assertThat(traversal.status()).isEqualTo(400);
    }

    // ---- helpers
    // -----------------------------------------------------------------------------------------------------

    /** A stopped simulated macOS VM whose disk holds some data: 8 MiB of random blocks in a sparse 64 MiB disk. */
    private Path goldenVm(int host, String name, int seed) throws Exception {
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

    private Response push(int host, Path bundle, String catalogId, String version) {
        return agent(host)
                .post(
                        "/api/v1/catalog/push",
                        Map.of("catalog_id", catalogId, "version", version, "local_path", bundle.toString()),
                        root);
    }

    private static void assertSameBundle(Path expected, Path actual) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(expected)) {
            files.forEach(file -> names.add(file.getFileName().toString()));
        }
        assertThat(names).contains("config.pvs", "disk0.img");
        for (String name : names) {
            if (Files.isRegularFile(expected.resolve(name))) {
                assertThat(Files.mismatch(expected.resolve(name), actual.resolve(name)))
                        .as(name + " identical")
                        .isEqualTo(-1);
            }
        }
    }

    private ApiClient agent(int index) {
        return new ApiClient(suite.agentUrl(index));
    }

    private JsonNode host(String name) {
        for (JsonNode host : edge.get("/api/v1/orchestrator/hosts", root).body()) {
            if (host.path("name").asString().equals(name)) {
                return host;
            }
        }
        throw new AssertionError("no host " + name);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }

    private void simulator(int host, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(suite.simulatorPrlctl().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PADDOCK_SIM_HOME", suite.simulatorHome(host).toString());
        builder.environment().put("PADDOCK_SIM_ARCH", "arm64");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }
}
