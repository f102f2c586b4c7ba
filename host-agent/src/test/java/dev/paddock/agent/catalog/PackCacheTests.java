package dev.paddock.agent.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.contracts.catalog.PackIndex;
import dev.paddock.pack.CachedChunkSource;
import dev.paddock.pack.ChunkSource;
import dev.paddock.pack.Codec;
import dev.paddock.pack.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The pack cache on a real folder: what is kept, what is evicted and in which order, and what is never evicted. */
class PackCacheTests {

    static final long MB = 1024 * 1024;

    @TempDir
    Path folder;

    final Map<String, byte[]> remote = new HashMap<>();
    final ChunkSource catalog = digest -> {
        byte[] stored = remote.get(digest);
        if (stored == null) {
            throw new NoSuchFileException(digest);
        }
        return stored;
    };
    final Random random = new Random(42);

    @Test
    void theLeastRecentlyUsedImageIsEvictedWithTheChunksNoOtherImageShares() throws Exception {
        PackCache cache =
                new PackCache(folder, 0, 3 * MB + MB / 2, JsonMapper.builder().build());
        String a1 = chunk();
        String shared = chunk();
        String b1 = chunk();
        String c1 = chunk();

        pull(cache, "a", List.of(a1, shared));
        pull(cache, "b", List.of(b1, shared));
        assertThat(names(cache)).containsExactly("a", "b");

        pull(cache, "c", List.of(c1));

        assertThat(names(cache)).containsExactly("b", "c");
        assertThat(cached(cache, a1)).as("only a used it").isFalse();
        assertThat(cached(cache, shared)).as("b still needs it").isTrue();
        assertThat(cache.cacheBytes()).isLessThanOrEqualTo(3 * MB + MB / 2);

        // Survives a restart of the agent.
        PackCache reopened =
                new PackCache(folder, 0, 3 * MB + MB / 2, JsonMapper.builder().build());
        assertThat(names(reopened)).containsExactly("b", "c");
        assertThat(reopened.digest()).isEqualTo(cache.digest());
    }

    @Test
    void anImageInUseIsNeverEvictedAndWhenNothingCanGoThePullIsRefusedWith507() throws Exception {
        PackCache cache =
                new PackCache(folder, 0, 2 * MB + MB / 2, JsonMapper.builder().build());
        pull(cache, "old", List.of(chunk()));
        pull(cache, "new", List.of(chunk()));

        try (PackCache.Lease inUse = cache.use("old", "1", "arm64")) {
            pull(cache, "third", List.of(chunk()));
            assertThat(names(cache))
                    .as("old is in use, so new went")
                    .contains("old")
                    .doesNotContain("new");

            try (PackCache.Lease alsoInUse = cache.use("third", "1", "arm64")) {
                assertThatThrownBy(() -> cache.makeRoom(5 * MB))
                        .isInstanceOf(ProblemException.class)
                        .hasMessageContaining("nothing more can be evicted")
                        .satisfies(
                                e -> assertThat(((ProblemException) e).status().value())
                                        .isEqualTo(507));
                assertThatThrownBy(() -> cache.remove(item -> true))
                        .isInstanceOf(ProblemException.class)
                        .hasMessageContaining("In use");
            }
        }
        String before = cache.digest();
        assertThat(cache.remove(item -> item.catalogId().equals("old"))).isEqualTo(1);
        assertThat(cache.digest()).isNotEqualTo(before);
    }

    @Test
    void aSecondPullOfTheSameImageFetchesNothing() throws Exception {
        PackCache cache = new PackCache(folder, 0, 0, JsonMapper.builder().build());
        List<String> chunks = List.of(chunk(), chunk());
        assertThat(pull(cache, "img", chunks)).isGreaterThan(2 * MB);
        assertThat(pull(cache, "img", chunks)).isZero();
        assertThat(cache.list().getFirst().cacheUsedCount()).isEqualTo(2);
    }

    // ---- helpers

    /** A 1 MiB chunk of random (incompressible) content, held by the fake catalog. */
    private String chunk() {
        byte[] content = new byte[(int) MB];
        random.nextBytes(content);
        String digest = Digests.sha256(content, 0, content.length);
        remote.put(digest, Codec.compress(content, content.length));
        return digest;
    }

    /** Does what a pull does with the cache; answers the compressed bytes fetched from the catalog. */
    private long pull(PackCache cache, String catalogId, List<String> digests) throws IOException {
        try (PackCache.Lease lease = cache.use(catalogId, "1", "arm64")) {
            cache.makeRoom(0);
            CachedChunkSource source = cache.through(catalog);
            List<PackIndex.Chunk> chunks = new ArrayList<>();
            for (String digest : digests) {
                byte[] stored = source.get(digest);
                source.verified(digest, stored);
                chunks.add(new PackIndex.Chunk(digest, (int) MB));
            }
            cache.remember(
                    catalogId,
                    "1",
                    "arm64",
                    "macvm",
                    new PackIndex(PackIndex.FORMAT, (int) MB, digests.size() * MB, chunks));
            return source.fetchedBytes();
        }
    }

    private boolean cached(PackCache cache, String digest) throws IOException {
        try (var files = Files.walk(folder.resolve("chunks"))) {
            return files.anyMatch(file -> file.getFileName().toString().equals(digest + ".zst"));
        }
    }

    private static List<String> names(PackCache cache) {
        return cache.list().stream().map(PackCache.Item::catalogId).toList();
    }
}
