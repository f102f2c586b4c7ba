package dev.paddock.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.contracts.catalog.PackIndex;
import dev.paddock.pack.HttpChunkClient;
import dev.paddock.pack.Packer;
import dev.paddock.pack.Progress;
import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import dev.paddock.testsupport.TestTokens;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Manifests through the catalog's HTTP API with real chunk pushes: commit, tags, download descriptors, taint, revoke,
 * restrictions, delete with garbage collection, import from storage, and what bad input gets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "paddock.catalog.gc.grace=0s")
class ManifestLifecycleIntegrationTests {

    static final TestTokens tokens = TestTokens.start();

    @TempDir
    static Path storage;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

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
    void latestMovesToTheNewestPushAndEveryTagResolvesToItsVersion() throws IOException {
        PackIndex v1 = push(bundle("v1", 1));
        PackIndex v2 = push(bundle("v2", 2));
        Response first = commit("tags-os", "1.0", "arm64", v1, Map.of("tags", List.of("stable")));
        assertThat(first.status()).isEqualTo(200);
        assertThat(strings(first, "tags")).containsExactlyInAnyOrder("stable", "latest");
        assertThat(first.text("name")).isEqualTo("tags-os-arm64-1.0");
        assertThat(first.body().path("chunk_count").asInt())
                .isEqualTo(v1.chunks().size());
        assertThat(first.body().path("pack_size").asLong()).isPositive();

        Response second = commit("tags-os", "2.0", "aarch64", v2, Map.of());
        assertThat(second.text("architecture")).isEqualTo("arm64");
        assertThat(strings(second, "tags")).containsExactly("latest");

        Response latest = api().get("/api/v1/catalog/tags-os/latest/arm64", admin());
        assertThat(latest.text("version")).isEqualTo("2.0");
        Response stable = api().get("/api/v1/catalog/tags-os/stable/arm64", admin());
        assertThat(stable.text("version")).isEqualTo("1.0");
        assertThat(strings(stable, "tags")).containsExactly("stable");

        Response moved = api().send(
                        "PATCH", "/api/v1/catalog/tags-os/2.0/arm64/tags", Map.of("tags", List.of("stable")), admin());
        assertThat(strings(moved, "tags")).containsExactlyInAnyOrder("latest", "stable");
        assertThat(strings(api().get("/api/v1/catalog/tags-os/1.0/arm64", admin()), "tags"))
                .isEmpty();

        Response pullLatest = api().get("/api/v1/catalog/tags-os/latest/arm64/download", puller());
        assertThat(pullLatest.status()).isEqualTo(200);
        assertThat(pullLatest.text("version")).isEqualTo("2.0");
        assertThat(pullLatest.body().path("pack").path("chunks").size())
                .isEqualTo(v2.chunks().size());
        assertThat(api().get("/api/v1/catalog/tags-os/2.0/arm64", admin())
                        .body()
                        .path("download_count")
                        .asLong())
                .isEqualTo(1);
        assertThat(api().get("/api/v1/catalog/tags-os/2.0/arm64", admin()).text("last_downloaded_user"))
                .isEqualTo("puller");

        Response grouped = api().get("/api/v1/catalog", admin());
        assertThat(grouped.body().findValues("tags-os").getFirst().size()).isEqualTo(2);
        assertThat(grouped.raw().body()).doesNotContain("access_key").doesNotContain("password");
    }

    @Test
    void taintRefusesPullsWith400UntilUntaintedAndRevokeRefusesThemForGood() throws IOException {
        commit("taint-os", "1", "x86_64", push(bundle("t", 3)), Map.of());
        String download = "/api/v1/catalog/taint-os/1/x86_64/download";

        Response byUser = api().send("PATCH", "/api/v1/catalog/taint-os/1/x86_64/taint", null, puller());
        assertThat(byUser.status()).isEqualTo(403);
        Response tainted = api().send("PATCH", "/api/v1/catalog/taint-os/1/x86_64/taint", null, admin());
        assertThat(tainted.body().path("tainted").asBoolean()).isTrue();
        assertThat(tainted.text("tainted_by")).isEqualTo("root");
        Response refused = api().get(download, puller());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("type")).endsWith("manifest-tainted");
        assertThat(refused.text("detail")).contains("untaint");

        api().send("PATCH", "/api/v1/catalog/taint-os/1/x86_64/untaint", null, admin());
        assertThat(api().get(download, puller()).status()).isEqualTo(200);

        Response revoked = api().send("PATCH", "/api/v1/catalog/taint-os/1/x86_64/revoke", null, admin());
        assertThat(revoked.body().path("revoked").asBoolean()).isTrue();
        assertThat(api().get(download, puller()).status()).isEqualTo(403);
        assertThat(api().send("PATCH", "/api/v1/catalog/taint-os/1/x86_64/revoke", null, admin())
                        .status())
                .isEqualTo(400);
        Response repush = commit("taint-os", "1", "x86_64", push(bundle("t", 3)), Map.of());
        assertThat(repush.status()).isEqualTo(409);
        assertThat(repush.text("detail")).contains("revoked");
    }

    @Test
    void requiredRolesHideAManifestFromCallersWithoutThem() throws IOException {
        commit("secret-os", "1", "arm64", push(bundle("s", 4)), Map.of("required_roles", List.of("MACOS_TEAM")));
        Map<String, String> outsider = ApiClient.bearer(
                tokens.issue("outsider", Set.of("USER"), Set.of("LIST_CATALOG_MANIFEST", "PULL_CATALOG_MANIFEST")));
        Map<String, String> member = ApiClient.bearer(
                tokens.issue("member", Set.of("MACOS_TEAM"), Set.of("LIST_CATALOG_MANIFEST", "PULL_CATALOG_MANIFEST")));

        assertThat(api().get("/api/v1/catalog/secret-os/1/arm64", outsider).status())
                .isEqualTo(404);
        assertThat(api().get("/api/v1/catalog/secret-os/1/arm64/download", outsider)
                        .status())
                .isEqualTo(404);
        assertThat(api().get("/api/v1/catalog", outsider).raw().body()).doesNotContain("secret-os");
        assertThat(api().get("/api/v1/catalog/secret-os/1/arm64/download", member)
                        .status())
                .isEqualTo(200);

        api().send(
                        "DELETE",
                        "/api/v1/catalog/secret-os/1/arm64/roles",
                        Map.of("required_roles", List.of("MACOS_TEAM")),
                        admin());
        assertThat(api().get("/api/v1/catalog/secret-os/1/arm64", outsider).status())
                .isEqualTo(200);
    }

    @Test
    void aCommitNamingChunksThatAreNotStoredIsRefusedAndNothingBecomesVisible() throws IOException {
        Path bundle = bundle("m", 5);
        PackIndex pack = push(bundle);
        String digest = pack.storedDigests().getFirst();
        Files.delete(storage.resolve("chunks").resolve(digest.substring(0, 2)).resolve(digest + ".zst"));

        Response refused = commit("missing-os", "1", "arm64", pack, Map.of());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("type")).endsWith("chunks-missing");
        assertThat(refused.body().path("missing").get(0).asString()).isEqualTo(digest);
        assertThat(api().get("/api/v1/catalog/missing-os", admin()).status()).isEqualTo(404);

        // Resuming: upload what was missing (the packer asks again) and commit.
        assertThat(push(bundle)).isEqualTo(pack);
        assertThat(commit("missing-os", "1", "arm64", pack, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void deletingAVersionCollectsTheChunksOnlyItUsedAndImportRestoresFromStorage() throws Exception {
        Path shared = bundle("gc", 6);
        PackIndex a = push(shared);
        Files.writeString(shared.resolve("config.pvs"), "<changed/>");
        PackIndex b = push(shared);
        commit("gc-os", "a", "arm64", a, Map.of());
        commit("gc-os", "b", "arm64", b, Map.of());
        List<String> onlyA = a.storedDigests().stream()
                .filter(d -> !b.storedDigests().contains(d))
                .toList();
        assertThat(onlyA).isNotEmpty();

        assertThat(api().delete("/api/v1/catalog/gc-os/a/arm64", admin()).status())
                .isEqualTo(202);
        Response collected = api().post("/api/v1/catalog/gc", null, admin());
        assertThat(collected.status()).isEqualTo(200);

        for (String digest : onlyA) {
            assertThat(chunkFile(digest)).doesNotExist();
        }
        for (String digest : b.storedDigests()) {
            assertThat(chunkFile(digest)).exists();
        }
        assertThat(api().get("/api/v1/catalog/gc-os/a/arm64", admin()).status()).isEqualTo(404);

        // The database row is lost (say, a restore from an old backup); storage still has the pushed descriptor.
        jdbc.update("delete from catalog_manifests where catalog_id = 'gc-os' and version = 'b'");
        Response imported = api().put(
                        "/api/v1/catalog/import",
                        Map.of("catalog_id", "gc-os", "version", "b", "architecture", "arm64"),
                        admin());
        assertThat(imported.status()).isEqualTo(200);
        assertThat(api().get("/api/v1/catalog/gc-os/b/arm64/download", puller())
                        .body()
                        .path("pack")
                        .path("chunks")
                        .size())
                .isEqualTo(b.chunks().size());
        assertThat(api().put(
                                "/api/v1/catalog/import",
                                Map.of("catalog_id", "gc-os", "version", "a", "architecture", "arm64"),
                                admin())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void concurrentPushesLeaveOneLatestAndEachVersionWithOneWholePack() throws Exception {
        PackIndex a = push(bundle("race-a", 8));
        PackIndex b = push(bundle("race-b", 9));
        List<Future<Response>> commits = new ArrayList<>();
        try (ExecutorService pushers = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 24; i++) {
                int n = i;
                commits.add(
                        pushers.submit(() -> commit("race-os", "v" + (n % 3), "arm64", n % 2 == 0 ? a : b, Map.of())));
            }
        }
        for (Future<Response> commit : commits) {
            assertThat(commit.get().status()).as(commit.get().body().toString()).isEqualTo(200);
        }

        Response versions = api().get("/api/v1/catalog/race-os", admin());
        assertThat(versions.body().size()).isEqualTo(3);
        long latest = versions.body()
                .valueStream()
                .filter(m -> strings(m.path("tags")).contains("latest"))
                .count();
        assertThat(latest).as("exactly one version carries latest").isEqualTo(1);
        for (String version : List.of("v0", "v1", "v2")) {
            JsonNode pack = api().get("/api/v1/catalog/race-os/" + version + "/arm64/download", puller())
                    .body()
                    .path("pack");
            List<String> digests = pack.path("chunks")
                    .valueStream()
                    .map(c -> c.path("digest").asString())
                    .toList();
            assertThat(digests).isIn(digestsOf(a), digestsOf(b));
        }
    }

    @Test
    void badInputGetsAProblemThatSaysWhatIsWrong() throws IOException {
        PackIndex pack = push(bundle("bad", 7));
        Response arch = commit("bad-os", "1", "sparc", pack, Map.of());
        assertThat(arch.status()).isEqualTo(400);
        assertThat(arch.text("detail")).contains("x86_64 or arm64");

        Response version = commit("bad-os", "1..%2F", "arm64", pack, Map.of());
        assertThat(version.status()).isEqualTo(400);

        Response reserved = commit("chunks", "1", "arm64", pack, Map.of());
        assertThat(reserved.status()).isIn(400, 404, 405);

        Map<String, Object> broken = packJson(pack);
        broken.put("chunk_size", 7);
        Response badPack =
                api().put("/api/v1/catalog/bad-os/1/arm64", Map.of("type", "macvm", "pack", broken), pusher());
        assertThat(badPack.status()).isEqualTo(400);
        assertThat(badPack.text("detail")).contains("chunk_size 7");

        Response noType = api().put("/api/v1/catalog/bad-os/1/arm64", Map.of("pack", packJson(pack)), pusher());
        assertThat(noType.status()).isEqualTo(400);
        assertThat(noType.text("detail")).contains("macvm");

        Response badTag = commit("bad-os", "1", "arm64", pack, Map.of("tags", List.of("no spaces")));
        assertThat(badTag.status()).isEqualTo(400);
        assertThat(api().get("/api/v1/catalog/bad-os", admin()).status()).isEqualTo(404);

        Response noRight =
                api().put("/api/v1/catalog/bad-os/1/arm64", Map.of("type", "macvm", "pack", packJson(pack)), puller());
        assertThat(noRight.status()).isEqualTo(403);
    }

    // ---- helpers
    // -----------------------------------------------------------------------------------------------------

    private Path bundle(String name, int seed) throws IOException {
        Path bundle = work.resolve(name + ".macvm");
        Files.createDirectories(bundle);
        Files.writeString(bundle.resolve("config.pvs"), "<ParallelsVirtualMachine seed=\"" + seed + "\"/>\n");
        try (RandomAccessFile disk =
                new RandomAccessFile(bundle.resolve("disk.hds").toFile(), "rw")) {
            byte[] data = new byte[1024 * 1024];
            new Random(seed).nextBytes(data);
            disk.write(data);
            disk.setLength(4L * 1024 * 1024);
        }
        return bundle;
    }

    private PackIndex push(Path bundle) throws IOException {
        String token = tokens.issue("pusher", Set.of("USER"), Set.of("PUSH_CATALOG_MANIFEST"));
        HttpChunkClient catalog = new HttpChunkClient(URI.create("http://localhost:" + port), () -> "Bearer " + token);
        return new Packer(256 * 1024, 2, 4).pack(bundle, catalog, Progress.NONE).index();
    }

    private Response commit(
            String catalogId, String version, String architecture, PackIndex pack, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("type", "macvm");
        body.put("pack", packJson(pack));
        return api().put("/api/v1/catalog/" + catalogId + "/" + version + "/" + architecture, body, pusher());
    }

    private static Map<String, Object> packJson(PackIndex pack) {
        Map<String, Object> json = new HashMap<>();
        json.put("format", pack.format());
        json.put("chunk_size", pack.chunkSize());
        json.put("size", pack.size());
        json.put(
                "chunks",
                pack.chunks().stream()
                        .map(c -> Map.of("digest", c.digest(), "size", c.size()))
                        .toList());
        return json;
    }

    private Path chunkFile(String digest) {
        return storage.resolve("chunks").resolve(digest.substring(0, 2)).resolve(digest + ".zst");
    }

    private static List<String> strings(Response response, String field) {
        return strings(response.body().path(field));
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static List<String> digestsOf(PackIndex pack) {
        return pack.chunks().stream().map(PackIndex.Chunk::digest).toList();
    }

    private Map<String, String> admin() {
        return ApiClient.bearer(tokens.superUser());
    }

    private Map<String, String> pusher() {
        return ApiClient.bearer(tokens.issue("pusher", Set.of("USER"), Set.of("PUSH_CATALOG_MANIFEST")));
    }

    private Map<String, String> puller() {
        return ApiClient.bearer(
                tokens.issue("puller", Set.of("USER"), Set.of("LIST_CATALOG_MANIFEST", "PULL_CATALOG_MANIFEST")));
    }

    private ApiClient api() {
        return new ApiClient("http://localhost:" + port);
    }
}
