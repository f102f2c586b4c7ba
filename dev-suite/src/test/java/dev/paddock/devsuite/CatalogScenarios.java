package dev.paddock.devsuite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.pack.Codec;
import dev.paddock.testsupport.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Golden images end to end with real processes, run once per storage provider (subclasses): a simulated VM pushed by
 * the agent of one Mac through the edge into the catalog, pulled by the agent of another Mac, verified byte for byte,
 * served from the pack cache the second time, reported in heartbeats so the scheduler prefers that Mac; and what a
 * chunk damaged in storage does.
 */
abstract class CatalogScenarios extends CatalogEndToEnd {

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
        assertThat(suite.storedChunkCount())
                .as("chunks in the provider's storage")
                .isPositive();

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
        JsonNode listing = agent(ARM2).get("/api/v1/cache", root).body();
        assertThat(listing.path("total_size").asLong()).isPositive();
        for (JsonNode item : listing.path("manifests")) {
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
        byte[] other = "damaged in storage".getBytes(StandardCharsets.UTF_8);
        suite.replaceStoredChunk(victim, Codec.compress(other, other.length));

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
}
