package dev.paddock.catalog.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.pack.Codec;
import dev.paddock.pack.Digests;
import dev.paddock.pack.HttpChunkClient;
import dev.paddock.pack.Packer;
import dev.paddock.pack.Progress;
import dev.paddock.pack.Unpacker;
import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import dev.paddock.testsupport.TestTokens;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A bundle pushed into the catalog over real HTTP and pulled back, and what the chunk API refuses. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChunkTransferIntegrationTests {

    static final TestTokens tokens = TestTokens.start();

    @TempDir
    static Path storage;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("paddock.security.jwt.jwks-uri", tokens::jwksUri);
        registry.add("paddock.catalog.storage.local.path", () -> storage.toString());
    }

    @AfterAll
    static void stopTokens() {
        tokens.close();
    }

    @Test
    void aBundlePushedOverHttpComesBackIdenticalAndARepushSendsNothing() throws IOException {
        Path bundle = work.resolve("ubuntu.pvm");
        Files.createDirectories(bundle);
        Files.writeString(bundle.resolve("config.pvs"), "<ParallelsVirtualMachine/>\n");
        try (RandomAccessFile disk =
                new RandomAccessFile(bundle.resolve("disk.hds").toFile(), "rw")) {
            byte[] data = new byte[3 * 1024 * 1024];
            new Random(5).nextBytes(data);
            disk.write(data);
            disk.setLength(16L * 1024 * 1024);
        }
        HttpChunkClient catalog = client(Set.of("PUSH_CATALOG_MANIFEST", "PULL_CATALOG_MANIFEST"));
        Packer packer = new Packer(256 * 1024, 2, 4);

        Packer.Result pushed = packer.pack(bundle, catalog, Progress.NONE);
        Packer.Result again = packer.pack(bundle, catalog, Progress.NONE);
        Path pulled = work.resolve("pulled/copy.pvm");
        Unpacker.Result result = new Unpacker(4).unpack(pushed.index(), catalog, pulled, Progress.NONE);

        assertThat(pushed.chunksSent()).isGreaterThan(10);
        assertThat(pushed.zeroBytes()).isGreaterThan(12L * 1024 * 1024);
        assertThat(again.chunksSent()).as("an unchanged re-push sends nothing").isZero();
        assertThat(result.bytesFetched()).isEqualTo(pushed.bytesSent());
        assertThat(Files.mismatch(bundle.resolve("disk.hds"), pulled.resolve("disk.hds")))
                .isEqualTo(-1);
        assertThat(Files.readString(pulled.resolve("config.pvs"))).isEqualTo("<ParallelsVirtualMachine/>\n");
    }

    @Test
    void aChunkWhoseContentDoesNotMatchItsNameIsRefusedAndNotStored() throws Exception {
        byte[] content = "not what the name says".getBytes(StandardCharsets.UTF_8);
        byte[] stored = Codec.compress(content, content.length);
        String wrongName = Digests.sha256(new byte[] {1}, 0, 1);

        HttpResponse<String> response = put(wrongName, stored, token(Set.of("PUSH_CATALOG_MANIFEST")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("chunk-rejected")
                .contains("wrong content")
                .contains("not stored");
        assertThat(api().get("/api/v1/catalog/chunks/" + wrongName, bearer(Set.of("PULL_CATALOG_MANIFEST")))
                        .status())
                .isEqualTo(404);

        HttpResponse<String> garbage = put(wrongName, new byte[] {1, 2, 3}, token(Set.of("PUSH_CATALOG_MANIFEST")));
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("not zstd data");
    }

    @Test
    void malformedQuestionsAndMissingRightsGetClearProblems() throws Exception {
        Map<String, String> pusher = bearer(Set.of("PUSH_CATALOG_MANIFEST"));
        Response badDigest =
                api().post("/api/v1/catalog/chunks/missing", Map.of("digests", List.of("../../etc")), pusher);
        assertThat(badDigest.status()).isEqualTo(400);
        assertThat(badDigest.text("detail")).contains("is not a chunk name");

        Response tooMany = api().post(
                        "/api/v1/catalog/chunks/missing",
                        Map.of("digests", java.util.Collections.nCopies(10_001, "a".repeat(64))),
                        pusher);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.text("detail")).contains("at most 10000");

        assertThat(api().get("/api/v1/catalog/chunks/" + "b".repeat(64), Map.of())
                        .status())
                .isEqualTo(401);
        Response noClaim = api().get("/api/v1/catalog/chunks/" + "b".repeat(64), pusher);
        assertThat(noClaim.status()).isEqualTo(403);
        assertThat(noClaim.text("detail")).contains("PULL_CATALOG_MANIFEST");
        assertThat(put("c".repeat(64), new byte[] {1}, token(Set.of("PULL_CATALOG_MANIFEST")))
                        .statusCode())
                .isEqualTo(403);
    }

    // ---- helpers
    // -----------------------------------------------------------------------------------------------------

    private HttpChunkClient client(Set<String> claims) {
        String token = token(claims);
        return new HttpChunkClient(URI.create("http://localhost:" + port), () -> "Bearer " + token);
    }

    private String token(Set<String> claims) {
        return tokens.issue("pusher", Set.of("USER"), claims);
    }

    private Map<String, String> bearer(Set<String> claims) {
        return ApiClient.bearer(token(claims));
    }

    private ApiClient api() {
        return new ApiClient("http://localhost:" + port);
    }

    private HttpResponse<String> put(String digest, byte[] body, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/v1/catalog/chunks/" + digest))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/octet-stream")
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
