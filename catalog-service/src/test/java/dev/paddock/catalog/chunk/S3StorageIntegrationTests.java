package dev.paddock.catalog.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paddock.contracts.catalog.PackIndex;
import dev.paddock.pack.Codec;
import dev.paddock.pack.HttpChunkClient;
import dev.paddock.pack.InvalidPackException;
import dev.paddock.pack.Packer;
import dev.paddock.pack.Progress;
import dev.paddock.pack.Unpacker;
import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import dev.paddock.testsupport.TestTokens;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The catalog on the S3 provider against a real S3-compatible server: Adobe S3Mock, run from its executable jar as its
 * own process. Pushes land in the bucket, pulls follow presigned redirects straight to it and verify every chunk,
 * damage in the bucket fails the pull, deletes are collected, and a manifest comes back from its descriptor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "paddock.catalog.gc.grace=0s")
class S3StorageIntegrationTests {

    static final String BUCKET = "paddock-images";
    static final TestTokens tokens = TestTokens.start();
    static final S3Server s3 = S3Server.start();

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("paddock.security.jwt.jwks-uri", tokens::jwksUri);
        registry.add("paddock.catalog.storage.provider", () -> "s3");
        registry.add("paddock.catalog.storage.s3.bucket", () -> BUCKET);
        registry.add("paddock.catalog.storage.s3.endpoint", () -> s3.url());
        registry.add("paddock.catalog.storage.s3.access-key", () -> "paddock");
        registry.add("paddock.catalog.storage.s3.secret-key", () -> "paddock-secret");
        registry.add("paddock.catalog.storage.s3.prefix", () -> "catalog");
        registry.add("paddock.catalog.storage.s3.path-style", () -> "true");
        registry.add("paddock.catalog.storage.s3.presign-downloads", () -> "true");
    }

    @AfterAll
    static void stop() {
        tokens.close();
        s3.close();
    }

    @Test
    void anImagePushedIntoTheBucketIsPulledBackThroughPresignedRedirectsIdentical() throws Exception {
        Path bundle = bundle("s3-image", 21);
        PackIndex pack = push(bundle);
        assertThat(commit("s3-os", "1", pack).status()).isEqualTo(200);
        assertThat(s3.keys("catalog/chunks/")).containsAll(keysOf(pack));
        assertThat(s3.keys("catalog/manifests/")).contains("catalog/manifests/s3-os/1/arm64.json");

        String someChunk = pack.storedDigests().getFirst();
        HttpResponse<String> redirect = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + "/api/v1/catalog/chunks/" + someChunk))
                                .header("Authorization", "Bearer " + puller())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(307);
        assertThat(redirect.headers().firstValue("Location").orElseThrow()).startsWith(s3.url());

        Path pulled = work.resolve("pulled/s3-image.macvm");
        Unpacker.Result result =
                new Unpacker(4).unpack(download("s3-os", "latest"), client(puller()), pulled, Progress.NONE);

        assertThat(result.bytesFetched()).isPositive();
        assertThat(Files.mismatch(bundle.resolve("disk0.img"), pulled.resolve("disk0.img")))
                .isEqualTo(-1);
        assertThat(Files.readString(pulled.resolve("config.pvs")))
                .isEqualTo(Files.readString(bundle.resolve("config.pvs")));
        assertThat(push(bundle).chunks())
                .as("a re-push finds everything in the bucket")
                .isEqualTo(pack.chunks());
    }

    @Test
    void damageInTheBucketFailsThePullWithTheChunkNamedAndNothingWritten() throws Exception {
        PackIndex pack = push(bundle("damaged", 22));
        commit("damaged-os", "1", pack);
        String victim = pack.storedDigests().getLast();
        byte[] other = "not the original".getBytes(StandardCharsets.UTF_8);
        s3.put("catalog/chunks/" + victim.substring(0, 2) + "/" + victim + ".zst", Codec.compress(other, other.length));

        Path target = work.resolve("never/damaged.macvm");
        assertThatThrownBy(() ->
                        new Unpacker(4).unpack(download("damaged-os", "1"), client(puller()), target, Progress.NONE))
                .isInstanceOf(InvalidPackException.class)
                .hasMessageContaining(victim);
        assertThat(target).doesNotExist();
        assertThat(target.getParent())
                .satisfiesAnyOf(
                        parent -> assertThat(parent).doesNotExist(),
                        parent -> assertThat(parent).isEmptyDirectory());
    }

    @Test
    void aDeletedVersionsChunksLeaveTheBucketAndImportRestoresAManifestFromItsDescriptor() throws Exception {
        Path bundle = bundle("gc", 23);
        PackIndex kept = push(bundle);
        commit("gc-s3", "kept", kept);
        PackIndex doomed = push(bundle("gc-other", 24));
        commit("gc-s3", "doomed", doomed);

        ApiClient api = new ApiClient(base());
        assertThat(api.delete("/api/v1/catalog/gc-s3/doomed/arm64", admin()).status())
                .isEqualTo(202);
        api.post("/api/v1/catalog/gc", null, admin());

        List<String> left = s3.keys("catalog/chunks/");
        for (String digest : doomed.storedDigests()) {
            if (!kept.storedDigests().contains(digest)) {
                assertThat(left).noneMatch(key -> key.contains(digest));
            }
        }
        assertThat(left).containsAll(keysOf(kept));

        assertThat(s3.keys("catalog/manifests/gc-s3/")).containsExactly("catalog/manifests/gc-s3/kept/arm64.json");

        // The catalog's database lost the manifest (restored from an old backup); its descriptor in the bucket brings
        // it back.
        jdbc.update("delete from catalog_manifests where catalog_id = 'gc-s3'");
        Response imported = api.put(
                "/api/v1/catalog/import",
                Map.of("catalog_id", "gc-s3", "version", "kept", "architecture", "arm64"),
                admin());
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(200);
        assertThat(download("gc-s3", "kept").chunks()).isEqualTo(kept.chunks());
    }

    // ---- helpers
    // -----------------------------------------------------------------------------------------------------

    private Path bundle(String name, int seed) throws IOException {
        Path bundle = work.resolve(name + ".macvm");
        Files.createDirectories(bundle);
        Files.writeString(bundle.resolve("config.pvs"), "<ParallelsVirtualMachine seed=\"" + seed + "\"/>\n");
        try (RandomAccessFile disk =
                new RandomAccessFile(bundle.resolve("disk0.img").toFile(), "rw")) {
            byte[] data = new byte[2 * 1024 * 1024];
            new Random(seed).nextBytes(data);
            disk.write(data);
            disk.setLength(8L * 1024 * 1024);
        }
        return bundle;
    }

    private static List<String> keysOf(PackIndex pack) {
        return pack.storedDigests().stream()
                .map(d -> "catalog/chunks/" + d.substring(0, 2) + "/" + d + ".zst")
                .toList();
    }

    private PackIndex push(Path bundle) throws IOException {
        String token = tokens.issue("pusher", Set.of("USER"), Set.of("PUSH_CATALOG_MANIFEST"));
        return new Packer(256 * 1024, 2, 4)
                .pack(bundle, client(token), Progress.NONE)
                .index();
    }

    private Response commit(String catalogId, String version, PackIndex pack) {
        Map<String, Object> json = new HashMap<>();
        json.put("format", pack.format());
        json.put("chunk_size", pack.chunkSize());
        json.put("size", pack.size());
        json.put(
                "chunks",
                pack.chunks().stream()
                        .map(c -> Map.of("digest", c.digest(), "size", c.size()))
                        .toList());
        return new ApiClient(base())
                .put(
                        "/api/v1/catalog/" + catalogId + "/" + version + "/arm64",
                        Map.of("type", "macvm", "pack", json),
                        admin());
    }

    private PackIndex download(String catalogId, String version) {
        Response response = new ApiClient(base())
                .get("/api/v1/catalog/" + catalogId + "/" + version + "/arm64/download", ApiClient.bearer(puller()));
        assertThat(response.status()).isEqualTo(200);
        var pack = response.body().path("pack");
        List<PackIndex.Chunk> chunks = new java.util.ArrayList<>();
        pack.path("chunks")
                .forEach(c -> chunks.add(new PackIndex.Chunk(
                        c.path("digest").asString(), c.path("size").asInt())));
        return new PackIndex(
                pack.path("format").asString(),
                pack.path("chunk_size").asInt(),
                pack.path("size").asLong(),
                chunks);
    }

    private HttpChunkClient client(String token) {
        return new HttpChunkClient(URI.create(base()), () -> "Bearer " + token);
    }

    private String puller() {
        return tokens.issue("puller", Set.of("USER"), Set.of("LIST_CATALOG_MANIFEST", "PULL_CATALOG_MANIFEST"));
    }

    private Map<String, String> admin() {
        return ApiClient.bearer(tokens.superUser());
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** S3Mock from its executable jar (fetched into target/s3mock by the build), in its own JVM. */
    static final class S3Server implements AutoCloseable {

        private final Process process;
        private final int port;
        private final S3Client client;

        private S3Server(Process process, int port) {
            this.process = process;
            this.port = port;
            this.client = S3Client.builder()
                    .endpointOverride(URI.create(url()))
                    .region(Region.US_EAST_1)
                    .forcePathStyle(true)
                    .credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("paddock", "paddock-secret")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
        }

        static S3Server start() {
            try {
                Path jar = Path.of("target/s3mock/s3mock.jar").toAbsolutePath();
                if (!Files.exists(jar)) {
                    throw new IllegalStateException(
                            jar + " is missing; the build copies it (mvn generate-test-resources)");
                }
                Path root = Files.createTempDirectory("s3mock-");
                int http = freePort();
                String java = ProcessHandle.current().info().command().orElse("java");
                Process process = new ProcessBuilder(
                                java,
                                "-Xmx256m",
                                "-jar",
                                jar.toString(),
                                "--http.port=" + http,
                                "--server.port=" + freePort(),
                                "--com.adobe.testing.s3mock.store.root=" + root,
                                "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET)
                        .redirectErrorStream(true)
                        .redirectOutput(Path.of("target/s3mock/s3mock.log").toFile())
                        .start();
                S3Server server = new S3Server(process, http);
                server.awaitReady();
                return server;
            } catch (IOException e) {
                throw new IllegalStateException("could not start S3Mock: " + e.getMessage(), e);
            }
        }

        String url() {
            return "http://localhost:" + port;
        }

        List<String> keys(String prefix) {
            return client.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream()
                    .map(o -> o.key())
                    .toList();
        }

        void put(String key, byte[] content) {
            client.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
        }

        byte[] get(String key) {
            return client.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray();
        }

        private void awaitReady() throws IOException {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IOException("S3Mock exited; see target/s3mock/s3mock.log");
                }
                try {
                    client.headBucket(r -> r.bucket(BUCKET));
                    return;
                } catch (RuntimeException notYet) {
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                }
            }
            throw new IOException("S3Mock did not come up within 60 s; see target/s3mock/s3mock.log");
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        @Override
        public void close() {
            client.close();
            process.destroy();
        }
    }
}
