package dev.paddock.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paddock.contracts.catalog.PackIndex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs real bundles on disk into a real chunk folder and back, including damaged and hostile packs. */
class PackRoundTripTests {

    static final int CHUNK = 256 * 1024;
    static final int DISK_MB = 24;

    @TempDir
    Path work;

    Path bundle;
    DirectoryChunkStore store;
    Packer packer = new Packer(CHUNK, 2, 4);
    Unpacker unpacker = new Unpacker(4);

    @BeforeEach
    void setUp() throws IOException {
        bundle = work.resolve("source/ubuntu.pvm");
        Files.createDirectories(bundle.resolve("harddisk.hdd"));
        Files.writeString(bundle.resolve("config.pvs"), "<ParallelsVirtualMachine>\n  <Name>ubuntu</Name>\n");
        Files.setPosixFilePermissions(bundle.resolve("config.pvs"), PosixFilePermissions.fromString("rw-------"));
        // A sparse disk: random data in the first and the last quarter, a hole in between.
        Path disk = bundle.resolve("harddisk.hdd/harddisk.hdd.0.{5fbaabe3}.hds");
        try (RandomAccessFile file = new RandomAccessFile(disk.toFile(), "rw")) {
            file.setLength(DISK_MB * 1024L * 1024);
            file.write(random(DISK_MB / 4 * 1024 * 1024, 1));
            file.seek(DISK_MB * 3L / 4 * 1024 * 1024);
            file.write(random(DISK_MB / 4 * 1024 * 1024, 2));
        }
        Files.createSymbolicLink(bundle.resolve("current.hds"), Path.of("harddisk.hdd/harddisk.hdd.0.{5fbaabe3}.hds"));
        store = new DirectoryChunkStore(work.resolve("store"));
    }

    @Test
    void aBundleComesBackIdenticalWithItsHolesPermissionsAndLinks() throws IOException {
        Packer.Result pushed = packer.pack(bundle, store, Progress.NONE);

        Path target = work.resolve("pulled/copy.pvm");
        Unpacker.Result pulled = unpacker.unpack(pushed.index(), store, target, Progress.NONE);

        assertSameTree(bundle, target);
        assertThat(Files.getPosixFilePermissions(target.resolve("config.pvs")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readSymbolicLink(target.resolve("current.hds")))
                .isEqualTo(Path.of("harddisk.hdd/harddisk.hdd.0.{5fbaabe3}.hds"));
        Path disk = target.resolve("harddisk.hdd/harddisk.hdd.0.{5fbaabe3}.hds");
        assertThat(allocatedBytes(disk)).as("the hole stays a hole").isLessThan(Files.size(disk) * 3 / 4);
        assertThat(pushed.zeroBytes()).isGreaterThanOrEqualTo((DISK_MB / 2 - 1) * 1024L * 1024);
        assertThat(pulled.zeroBytes()).isEqualTo(pushed.zeroBytes());
        assertThat(pulled.bytesFetched()).isEqualTo(pushed.bytesSent());
        assertThat(pushed.bytesSent())
                .as("random data does not compress, zeros are not sent")
                .isBetween(DISK_MB / 2 * 1024L * 1024, (DISK_MB / 2 + 1) * 1024L * 1024);
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertThat(left).as("no partial folder left").containsExactly(target);
        }
    }

    @Test
    void pushingAnUnchangedBundleAgainSendsNothing() throws IOException {
        Packer.Result first = packer.pack(bundle, store, Progress.NONE);
        Packer.Result second = packer.pack(bundle, store, Progress.NONE);

        assertThat(second.index()).isEqualTo(first.index());
        assertThat(second.chunksSent()).isZero();
        assertThat(second.bytesSent()).isZero();
    }

    @Test
    void changingATenthOfTheDiskInPlaceChangesAboutATenthOfItsChunks() throws IOException {
        PackIndex before = packer.pack(bundle, store, Progress.NONE).index();
        Path disk = bundle.resolve("harddisk.hdd/harddisk.hdd.0.{5fbaabe3}.hds");
        try (RandomAccessFile file = new RandomAccessFile(disk.toFile(), "rw")) {
            file.seek(1024 * 1024);
            file.write(random(DISK_MB * 1024 * 1024 / 10, 3));
        }
        // Growing a file that comes before the disk in the stream must not shift the disk's chunks.
        Files.writeString(
                bundle.resolve("config.pvs"),
                "  <Description>grown by a few bytes</Description>\n",
                java.nio.file.StandardOpenOption.APPEND);

        Packer.Result after = packer.pack(bundle, store, Progress.NONE);

        Set<String> old = new HashSet<>(before.storedDigests());
        long newBytes = after.index().chunks().stream()
                .filter(c -> !c.isZero() && !old.contains(c.digest()))
                .mapToLong(PackIndex.Chunk::size)
                .sum();
        assertThat(newBytes).as("new data after a 10%% change").isLessThan(DISK_MB * 1024L * 1024 * 15 / 100);
        assertThat(after.bytesSent()).isLessThan(DISK_MB * 1024L * 1024 * 15 / 100);
    }

    @Test
    void aCorruptedChunkFailsThePullAndLeavesNothing() throws IOException {
        PackIndex index = packer.pack(bundle, store, Progress.NONE).index();
        String victim = index.storedDigests().get(index.storedDigests().size() / 2);
        Path chunk = store.pathOf(victim);
        byte[] bytes = Files.readAllBytes(chunk);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(chunk, bytes);

        Path target = work.resolve("pulled/copy.pvm");
        assertThatThrownBy(() -> unpacker.unpack(index, store, target, Progress.NONE))
                .isInstanceOf(InvalidPackException.class)
                .hasMessageContaining(victim);
        assertThat(target).doesNotExist();
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aCachedChunkTornByACrashIsFetchedAgainAndReplaced() throws IOException {
        PackIndex index = packer.pack(bundle, store, Progress.NONE).index();
        DirectoryChunkStore cache = new DirectoryChunkStore(work.resolve("host-cache"));
        unpacker.unpack(index, new CachedChunkSource(cache, store), work.resolve("pulled/first.pvm"), Progress.NONE);
        String torn = index.storedDigests().getFirst();
        Files.write(cache.pathOf(torn), new byte[] {0, 0, 0});

        CachedChunkSource again = new CachedChunkSource(cache, store);
        unpacker.unpack(index, again, work.resolve("pulled/second.pvm"), Progress.NONE);

        assertSameTree(bundle, work.resolve("pulled/second.pvm"));
        assertThat(again.fetchedBytes())
                .as("only the torn chunk came from the store")
                .isEqualTo(Files.size(store.pathOf(torn)));
        assertThat(Files.readAllBytes(cache.pathOf(torn))).isEqualTo(Files.readAllBytes(store.pathOf(torn)));
    }

    @Test
    void aTruncatedChunkOrAMissingOneFailsThePull() throws IOException {
        PackIndex index = packer.pack(bundle, store, Progress.NONE).index();
        String victim = index.storedDigests().getFirst();
        byte[] bytes = Files.readAllBytes(store.pathOf(victim));
        Files.write(store.pathOf(victim), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> unpacker.unpack(index, store, work.resolve("a.pvm"), Progress.NONE))
                .isInstanceOf(InvalidPackException.class)
                .hasMessageContaining(victim);

        Files.delete(store.pathOf(victim));
        assertThatThrownBy(() -> unpacker.unpack(index, store, work.resolve("b.pvm"), Progress.NONE))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThat(work.resolve("a.pvm")).doesNotExist();
        assertThat(work.resolve("b.pvm")).doesNotExist();
    }

    @Test
    void aStoreRefusesAChunkWhoseContentDoesNotMatchItsName() {
        byte[] stored = Codec.compress("hello".getBytes(StandardCharsets.UTF_8), 5);
        String wrongName = "0".repeat(64);

        assertThatThrownBy(() -> store.put(wrongName, stored))
                .isInstanceOf(InvalidPackException.class)
                .hasMessageContaining("wrong content");
        assertThat(store.has(wrongName)).isFalse();
        assertThatThrownBy(() -> store.put("../../etc/passwd", stored)).isInstanceOf(InvalidPackException.class);
    }

    @Test
    void entriesThatEscapeTheBundleAreRefusedAndNothingIsWrittenOutside() throws IOException {
        for (String hostile : List.of("../escaped.txt", "/etc/escaped.txt", "a/../../escaped.txt")) {
            PackIndex index = rawPack(tar -> addFile(tar, hostile, "owned"));
            Path target = work.resolve("hostile/vm.pvm");
            assertThatThrownBy(() -> unpacker.unpack(index, store, target, Progress.NONE))
                    .as(hostile)
                    .isInstanceOf(InvalidPackException.class);
            assertThat(target).doesNotExist();
        }
        assertThat(work.resolve("hostile/escaped.txt")).doesNotExist();
        assertThat(work.resolve("escaped.txt")).doesNotExist();

        PackIndex link = rawPack(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry("disk.hds", TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName("../../../etc/passwd");
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        });
        assertThatThrownBy(() -> unpacker.unpack(link, store, work.resolve("link.pvm"), Progress.NONE))
                .isInstanceOf(InvalidPackException.class)
                .hasMessageContaining("links outside");

        PackIndex device = rawPack(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry("dev", TarArchiveEntry.LF_CHR);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        });
        assertThatThrownBy(() -> unpacker.unpack(device, store, work.resolve("dev.pvm"), Progress.NONE))
                .isInstanceOf(InvalidPackException.class);
    }

    @Test
    void aBundleWithALinkPointingOutsideIsNotPacked() throws IOException {
        Files.createSymbolicLink(bundle.resolve("escape"), Path.of("../../../etc/passwd"));

        assertThatThrownBy(() -> packer.pack(bundle, store, Progress.NONE))
                .isInstanceOf(InvalidPackException.class)
                .hasMessageContaining("points outside the bundle");
    }

    @Test
    void absurdIndexesAreRefusedBeforeAnythingIsFetched() {
        String digest = "a".repeat(64);
        assertInvalid(new PackIndex("tar.gz", CHUNK, 1, List.of(new PackIndex.Chunk(digest, 1))), "format");
        assertInvalid(
                new PackIndex(PackIndex.FORMAT, 1 << 30, 1, List.of(new PackIndex.Chunk(digest, 1))), "chunk_size");
        assertInvalid(
                new PackIndex(PackIndex.FORMAT, CHUNK, 1, List.of(new PackIndex.Chunk("ABC", 1))), "malformed digest");
        assertInvalid(
                new PackIndex(PackIndex.FORMAT, CHUNK, CHUNK + 1, List.of(new PackIndex.Chunk(digest, CHUNK + 1))),
                "size");
        assertInvalid(new PackIndex(PackIndex.FORMAT, CHUNK, 5, List.of(new PackIndex.Chunk(digest, 4))), "add up");
        assertInvalid(
                new PackIndex(
                        PackIndex.FORMAT,
                        CHUNK,
                        0,
                        java.util.Collections.nCopies(PackIndexRules.MAX_CHUNKS + 1, new PackIndex.Chunk(digest, 1))),
                "too many chunks");
    }

    @Test
    void progressIsReportedUpToTheWholeSize() throws IOException {
        long[] last = new long[2];
        Packer.Result pushed = packer.pack(bundle, store, (done, total) -> {
            last[0] = done;
            last[1] = total;
        });
        assertThat(last[0]).isEqualTo(last[1]).isGreaterThan(DISK_MB * 1024L * 1024 - 1);

        unpacker.unpack(pushed.index(), store, work.resolve("p.pvm"), (done, total) -> last[0] = done);
        assertThat(last[0]).isGreaterThan(pushed.index().size() - CHUNK - 1);
    }

    // ---- helpers
    // -----------------------------------------------------------------------------------------------------

    interface TarWriter {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    /** A pack made from a hand-written tar stream, to reproduce what a hostile client could upload. */
    private PackIndex rawPack(TarWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            writer.write(tar);
        }
        byte[] stream = bytes.toByteArray();
        String digest = Digests.sha256(stream, 0, stream.length);
        store.put(digest, Codec.compress(stream, stream.length));
        return new PackIndex(
                PackIndex.FORMAT, CHUNK, stream.length, List.of(new PackIndex.Chunk(digest, stream.length)));
    }

    private static void addFile(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static void assertInvalid(PackIndex index, String message) {
        assertThatThrownBy(() -> PackIndexRules.validate(index))
                .isInstanceOf(InvalidPackException.class)
                .hasMessageContaining(message);
    }

    private static void assertSameTree(Path expected, Path actual) throws IOException {
        try (Stream<Path> walk = Files.walk(expected)) {
            for (Path path : walk.toList()) {
                Path other = actual.resolve(expected.relativize(path).toString());
                assertThat(Files.exists(other, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                        .as(other.toString())
                        .isTrue();
                if (Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    assertThat(Files.mismatch(path, other)).as(other.toString()).isEqualTo(-1);
                    assertThat(Files.getLastModifiedTime(other).toMillis() / 1000)
                            .isEqualTo(Files.getLastModifiedTime(path).toMillis() / 1000);
                }
            }
        }
    }

    private static long allocatedBytes(Path file) throws IOException {
        Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).start();
        String[] parts = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .trim()
                .split(" ");
        return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
