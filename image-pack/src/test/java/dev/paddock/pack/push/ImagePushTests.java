package dev.paddock.pack.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paddock.contracts.catalog.ManifestCommit;
import dev.paddock.contracts.catalog.PackIndex;
import dev.paddock.pack.ChunkStore;
import dev.paddock.pack.Packer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePushTests {

    private static final ManifestCommit METADATA =
            new ManifestCommit(null, null, null, "pvm", "CI image", List.of(), List.of(), List.of(), null, null);

    @TempDir
    Path work;

    private final MemoryStore store = new MemoryStore();
    private final List<String> steps = new ArrayList<>();
    private final AtomicLong packedBytes = new AtomicLong();
    private Path bundle;
    private ImagePush push;

    @BeforeEach
    void bundle() throws IOException {
        bundle = Files.createDirectories(work.resolve("ci.pvm"));
        byte[] disk = new byte[512 * 1024];
        new Random(7).nextBytes(disk);
        Files.write(bundle.resolve("disk.hds"), disk);
        Files.writeString(bundle.resolve("config.pvs"), "<ParallelsVirtualMachine/>\n");
        push = new ImagePush(new Packer(64 * 1024, 2, 2), store);
    }

    @Test
    void aCommitThatFindsChunksCollectedSendsThemAgainOnceAndCommitsAgain() throws IOException {
        FakeCatalog catalog = new FakeCatalog(1);

        ImagePush.Pushed<PackIndex> pushed = push.push(bundle, METADATA, catalog, new Recorder());

        assertThat(catalog.commits).hasSize(2);
        assertThat(catalog.commits.getLast().description()).isEqualTo("CI image");
        assertThat(pushed.manifest()).isEqualTo(pushed.packed().index());
        assertThat(store.puts.get(catalog.collected))
                .as("the collected chunk is sent again")
                .isEqualTo(2);
        assertThat(store.puts.values().stream().mapToInt(Integer::intValue).sum())
                .as("nothing else is sent twice")
                .isEqualTo(pushed.packed().chunksSent() + 1);
        assertThat(steps).containsExactly("pack", "packed", "commit", "resend", "pack", "packed");
        assertThat(packedBytes).as("bytes packed are reported").hasPositiveValue();
    }

    @Test
    void aSecondRefusalReachesTheCallerAsTheCatalogSaidIt() {
        FakeCatalog catalog = new FakeCatalog(2);

        assertThatThrownBy(() -> push.push(bundle, METADATA, catalog, new Recorder()))
                .isInstanceOf(ChunksMissing.class)
                .hasMessage("refusal 2");
        assertThat(catalog.commits).as("one retry only").hasSize(2);
        assertThat(steps).containsExactly("pack", "packed", "commit", "resend", "pack", "packed");
    }

    @Test
    void anyOtherRefusalIsNotRetried() {
        ImagePush.Catalog<PackIndex> forbidding = new ImagePush.Catalog<>() {
            @Override
            public PackIndex commit(ManifestCommit commit) {
                throw new IllegalStateException("403 forbidden");
            }

            @Override
            public boolean chunksMissing(RuntimeException refusal) {
                return refusal instanceof ChunksMissing;
            }
        };

        assertThatThrownBy(() -> push.push(bundle, METADATA, forbidding, new Recorder()))
                .hasMessage("403 forbidden");
        assertThat(steps).containsExactly("pack", "packed", "commit");
    }

    /** Refuses the first {@code refusals} commits, each time collecting one stored chunk as the catalog's GC would. */
    private final class FakeCatalog implements ImagePush.Catalog<PackIndex> {

        private final List<ManifestCommit> commits = new ArrayList<>();
        private int refusals;
        private String collected = "";

        FakeCatalog(int refusals) {
            this.refusals = refusals;
        }

        @Override
        public PackIndex commit(ManifestCommit commit) {
            commits.add(commit);
            PackIndex pack = commit.pack();
            assertThat(pack).isNotNull();
            Set<String> missing = pack.storedDigests().stream()
                    .filter(digest -> !store.chunks.containsKey(digest))
                    .collect(Collectors.toSet());
            if (!missing.isEmpty()) {
                throw new ChunksMissing("chunks missing: " + missing);
            }
            if (refusals > 0) {
                refusals--;
                collected = pack.storedDigests().getFirst();
                store.chunks.remove(collected);
                throw new ChunksMissing("refusal " + commits.size());
            }
            return pack;
        }

        @Override
        public boolean chunksMissing(RuntimeException refusal) {
            return refusal instanceof ChunksMissing;
        }
    }

    private static final class ChunksMissing extends RuntimeException {
        ChunksMissing(String message) {
            super(message);
        }
    }

    private final class Recorder implements ImagePush.Steps {

        @Override
        public void update(long done, long total) {
            packedBytes.accumulateAndGet(done, Math::max);
        }

        @Override
        public void packStarted() {
            steps.add("pack");
        }

        @Override
        public void packFinished(Packer.Result packed) {
            steps.add("packed");
        }

        @Override
        public void committing() {
            steps.add("commit");
        }

        @Override
        public void resending() {
            steps.add("resend");
        }
    }

    /** The catalog's chunk store in memory, counting how often each chunk is sent. */
    private static final class MemoryStore implements ChunkStore {

        final Map<String, byte[]> chunks = new ConcurrentHashMap<>();
        final Map<String, Integer> puts = new ConcurrentHashMap<>();

        @Override
        public Set<String> missing(Collection<String> digests) {
            return digests.stream().filter(d -> !chunks.containsKey(d)).collect(Collectors.toSet());
        }

        @Override
        public void put(String digest, byte[] stored) {
            chunks.put(digest, stored);
            puts.merge(digest, 1, Integer::sum);
        }
    }
}
